/** `kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--from-env-file=file]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { SOURCE_FLAGS, readSources, sortEntries, sourcesOf } from './sources.js';

export const createConfigMap: Verb = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  usage: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS, ...SOURCE_FLAGS],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const r = readSources(env.ctx, sourcesOf(env.flags), 'ConfigMap', name);
    if (!r.ok) {
      env.ctx.err(r.error);
      return 1;
    }
    const obj: Record<string, unknown> = { kind: 'ConfigMap', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }) };
    if (r.data.length > 0) obj.data = Object.fromEntries(sortEntries(r.data));
    return finishCreate(env, 'configmaps', obj);
  },
};
