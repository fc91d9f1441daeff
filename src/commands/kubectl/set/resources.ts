/** `kubectl set resources (-f FILENAME | TYPE NAME) [--limits=…] [--requests=…] [-c container]` */
import type { Verb } from '../verb.js';
import { SET_FLAGS, updateContainers } from './common.js';
import { parseQuantity } from '../../../cluster/api/quantity.js';

function parseList(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter((x) => x !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `error: invalid resource requirement: ${part}`;
    const v = part.slice(eq + 1);
    if (parseQuantity(v) === undefined) return `error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
    out[part.slice(0, eq)] = v;
  }
  return out;
}

export const setResources: Verb = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  usage: 'kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  flags: [...SET_FLAGS, { name: 'containers', short: 'c', type: 'string', default: '*' }, { name: 'limits', type: 'string' }, { name: 'requests', type: 'string' }],
  run(env) {
    const limits = parseList(String(env.flags.limits ?? ''));
    const requests = parseList(String(env.flags.requests ?? ''));
    for (const x of [limits, requests]) {
      if (typeof x === 'string') {
        env.ctx.err(x);
        return 1;
      }
    }
    const l = limits as Record<string, string>;
    const r = requests as Record<string, string>;
    if (Object.keys(l).length === 0 && Object.keys(r).length === 0) {
      env.ctx.err(`error: you must specify an update to requests or limits (in the form of --requests/--limits)`);
      return 1;
    }
    const pattern = String(env.flags.containers);
    return updateContainers(env, env.args, 'resource requirements updated', (containers) => {
      const hits = containers.filter((c) => pattern === '*' || c.name === pattern);
      if (hits.length === 0) return `error: unable to find container named ${pattern}`;
      for (const c of hits) {
        const res = { ...(c.resources ?? {}) };
        if (Object.keys(l).length > 0) res.limits = { ...(res.limits ?? {}), ...l };
        if (Object.keys(r).length > 0) res.requests = { ...(res.requests ?? {}), ...r };
        c.resources = res;
      }
      return undefined;
    });
  },
};
