/**
 * `load SERVICE --rps N [--for 10m] [-n NS]`: send N requests per second to
 * the pods behind a Service (spread over its ready endpoints as kube-proxy
 * spreads them) on the simulated clock; `load SERVICE --stop`; `load` lists
 * the streams running now with each pod's share.
 */
import type { Command } from './types.js';
import { parseFlags } from './flags.js';
import { parseDuration } from '../cluster/clock.js';
import { loadOf } from '../cluster/autoscaling/load.js';
import { tabulate } from './tabwriter.js';

export const load: Command = {
  name: 'load',
  summary: 'Send requests to a Service (load web --rps 200 --for 10m; load web --stop; load)',
  run(ctx, args) {
    const p = parseFlags(args, [
      { name: 'rps', type: 'string' },
      { name: 'for', type: 'string' },
      { name: 'stop', type: 'bool' },
      { name: 'namespace', short: 'n', type: 'string' },
    ]);
    if (!p.ok) {
      ctx.err(`load: ${p.error}`);
      return 2;
    }
    const cluster = ctx.session.cluster();
    if (!cluster) {
      ctx.err('load: no cluster in the current context');
      return 1;
    }
    const gen = loadOf(cluster);
    const ns = (p.flags.namespace as string | undefined) || ctx.session.namespace();
    const service = p.args[0];
    if (!service) {
      const active = gen.active();
      if (active.length === 0) {
        ctx.out('No load is running.');
        return 0;
      }
      const now = cluster.clock.now();
      const share = gen.perPod();
      const rows = [['NAMESPACE', 'SERVICE', 'RPS', 'REMAINING', 'PODS']];
      for (const s of active) {
        const pods = [...share.keys()].filter((k) => k.startsWith(`${s.namespace}/`)).length;
        rows.push([s.namespace, s.service, String(s.rps), s.until === Infinity ? '-' : `${Math.ceil((s.until - now) / 1000)}s`, String(pods)]);
      }
      ctx.out(tabulate(rows));
      return 0;
    }
    if (!cluster.store.get(`/registry/services/specs/${ns}/${service}`)) {
      ctx.err(`load: service "${service}" not found in namespace "${ns}"`);
      return 1;
    }
    if (p.flags.stop) {
      if (!gen.stop(ns, service)) {
        ctx.err(`load: no load is running to service "${service}"`);
        return 1;
      }
      ctx.out(`load to service ${ns}/${service} stopped`);
      return 0;
    }
    const rpsText = p.flags.rps as string | undefined;
    const rps = rpsText === undefined ? NaN : Number(rpsText);
    if (!Number.isFinite(rps) || rps < 0 || rpsText === '') {
      ctx.err(rpsText === undefined ? 'load: --rps is required (requests per second)' : `load: invalid --rps "${rpsText}": must be a number of requests per second`);
      return 2;
    }
    const forText = p.flags.for as string | undefined;
    const forMs = forText === undefined ? undefined : parseDuration(forText);
    if (forText !== undefined && (forMs === undefined || forMs <= 0)) {
      ctx.err(`load: invalid --for "${forText}": use a duration like 90s or 10m`);
      return 2;
    }
    gen.start(ns, service, rps, forMs);
    ctx.out(`sending ${rps} requests/s to service ${ns}/${service}${forText ? ` for ${forText}` : ' until stopped (load ' + service + ' --stop)'}`);
    return 0;
  },
};
