/** `kubectl create secret docker-registry NAME --docker-username=user --docker-password=password [--docker-email=email] [--docker-server=string]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { b64, readSources } from './sources.js';

export const createSecretDockerRegistry: Verb = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  usage: 'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'docker-username', type: 'string' },
    { name: 'docker-password', type: 'string' },
    { name: 'docker-email', type: 'string' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'from-file', type: 'strings' },
    { name: 'append-hash', type: 'bool' },
  ],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const f = env.flags;
    const files = (f['from-file'] as string[]) ?? [];
    const user = (f['docker-username'] as string) ?? '';
    const password = (f['docker-password'] as string) ?? '';
    const server = (f['docker-server'] as string) ?? '';
    if (files.length === 0 && (!user || !password || !server)) {
      env.ctx.err('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      return 1;
    }
    const data: Record<string, string> = {};
    if (files.length > 0) {
      const r = readSources(env.ctx, { files, literals: [], envFiles: [] }, 'Secret', name);
      if (!r.ok) {
        env.ctx.err(r.error);
        return 1;
      }
      for (const [k, v] of r.data) data[k] = b64(v);
    }
    if (user || password) {
      const email = f['docker-email'] as string | undefined;
      const entry = { username: user, password, ...(email ? { email } : {}), auth: b64(`${user}:${password}`) };
      data['.dockerconfigjson'] = b64(JSON.stringify({ auths: { [server]: entry } }));
    }
    const obj = { kind: 'Secret', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }), data, type: 'kubernetes.io/dockerconfigjson' };
    return finishCreate(env, 'secrets', obj);
  },
};
