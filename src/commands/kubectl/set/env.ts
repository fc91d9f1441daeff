/** `kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N-` (also `--from=configmap/x|secret/x`, `--list`, `-c`). */
import type { Verb } from '../verb.js';
import { SET_FLAGS, splitArgs, updateContainers, type Container } from './common.js';
import { resolveRefs } from '../refs.js';
import { serverError } from '../output.js';
import { getPath } from '../../../cluster/api/paths.js';
import { podSpecPath } from './common.js';

export const setEnv: Verb = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  usage: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [...SET_FLAGS, { name: 'containers', short: 'c', type: 'string', default: '*' }, { name: 'list', type: 'bool' }, { name: 'from', type: 'string' }, { name: 'overwrite', type: 'bool', default: true }, { name: 'env', short: 'e', type: 'stringArray' }, { name: 'keys', type: 'strings' }, { name: 'prefix', type: 'string' }],
  run(env) {
    const [resources, changes] = splitArgs(env.args, (a) => a.includes('=') || a.endsWith('-'));
    const pattern = String(env.flags.containers);
    const matches = (c: Container) => pattern === '*' || c.name === pattern;
    if (env.flags.list) {
      const refs = resolveRefs({ ...env, args: resources }, {});
      if (!refs.ok) {
        env.ctx.err(refs.error);
        return 1;
      }
      for (const ref of refs.refs) {
        const r = env.client.get(ref.gr, ref.ns, ref.name);
        if (!r.ok) {
          env.ctx.err(serverError(r.status));
          return 1;
        }
        for (const c of ((getPath(r.object, `${podSpecPath(ref.def.kind) ?? 'spec'}.containers`) as Container[] | undefined) ?? []).filter(matches)) {
          env.ctx.out(`# ${ref.def.kind.toLowerCase()}s/${ref.name}, container ${c.name}`);
          for (const e of c.env ?? []) env.ctx.out(e.value !== undefined ? `${e.name}=${e.value}` : `# ${e.name} from: ${JSON.stringify(e.valueFrom)}`);
        }
      }
      return 0;
    }
    const set: [string, string][] = [];
    const remove: string[] = [];
    for (const c of [...changes, ...((env.flags.env as string[] | undefined) ?? [])]) {
      if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
      else set.push([c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]);
    }
    let fromEnv: { name: string; valueFrom: unknown }[] = [];
    const from = env.flags.from as string | undefined;
    if (from) {
      const [type, name] = from.split('/', 2) as [string, string];
      const def = env.cluster.registry.resolve(type);
      if (!def || (def.kind !== 'ConfigMap' && def.kind !== 'Secret') || !name) {
        env.ctx.err(`error: unsupported resource specified in --from`);
        return 1;
      }
      const r = env.client.get(def.plural, env.namespace, name);
      if (!r.ok) {
        env.ctx.err(serverError(r.status));
        return 1;
      }
      const ref = def.kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
      const prefix = String(env.flags.prefix ?? '');
      fromEnv = Object.keys((r.object.data as Record<string, string> | undefined) ?? {})
        .sort()
        .map((k) => ({ name: prefix + k.toUpperCase().replace(/[-.]/g, '_'), valueFrom: { [ref]: { key: k, name } } }));
    }
    if (set.length === 0 && remove.length === 0 && fromEnv.length === 0) {
      env.ctx.err(`error: at least one environment variable must be provided`);
      return 1;
    }
    return updateContainers(env, resources, 'env updated', (containers) => {
      for (const c of containers.filter(matches)) {
        const list = [...(c.env ?? [])];
        const put = (name: string, entry: Container['env'] extends (infer E)[] | undefined ? E : never) => {
          const i = list.findIndex((e) => e.name === name);
          if (i >= 0) list[i] = entry;
          else list.push(entry);
        };
        for (const [k, v] of set) put(k, { name: k, value: v });
        for (const e of fromEnv) put(e.name, e);
        const kept = list.filter((e) => !remove.includes(e.name));
        if (kept.length > 0) c.env = kept;
        else delete c.env;
      }
      return undefined;
    });
  },
};
