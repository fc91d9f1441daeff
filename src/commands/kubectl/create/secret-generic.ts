/** `kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { SOURCE_FLAGS, b64, readSources, sortEntries, sourcesOf } from './sources.js';

export const createSecretGeneric: Verb = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS, { name: 'type', type: 'string', usage: 'The type of secret to create' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const r = readSources(env.ctx, sourcesOf(env.flags), 'Secret', name);
    if (!r.ok) {
      env.ctx.err(r.error);
      return 1;
    }
    const obj: Record<string, unknown> = { kind: 'Secret', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }) };
    if (r.data.length > 0) obj.data = Object.fromEntries(sortEntries(r.data).map(([k, v]) => [k, b64(v)]));
    if (env.flags.type) obj.type = env.flags.type;
    return finishCreate(env, 'secrets', obj);
  },
};
