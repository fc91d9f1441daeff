/**
 * `why pod/<name> [-n ns]`: the scheduler's own account of a pod's last
 * scheduling cycle — which node failed which filter and why, and for a
 * scheduled pod how the best nodes scored per plugin (weighted). Read-only,
 * like reading kube-scheduler's logs.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command } from './types.js';
import { parseFlags } from './flags.js';
import { explainPodText, schedulerOf, DEFAULT_SCHEDULER_NAME } from '../cluster/scheduler/index.js';
import { CLUSTER_AUTOSCALER_NAMES, whyClusterAutoscaler } from './why-cluster-autoscaler.js';

const USAGE = 'Usage: why pod/<name> [-n <namespace>]';

/** `pod/web`, `pods/web`, `po/web`, `pod web` or just `web`. */
function podName(args: string[]): string | undefined {
  const [a, b] = args;
  if (!a) return undefined;
  const m = /^(pod|pods|po)\/(.+)$/.exec(a);
  if (m) return m[2];
  if (['pod', 'pods', 'po'].includes(a)) return b;
  return a.includes('/') ? undefined : a;
}

export const why: Command = {
  name: 'why',
  summary: "Explain the scheduler's last decision for a pod (why pod/web-1)",
  run(ctx, args) {
    if (args[0] && CLUSTER_AUTOSCALER_NAMES.includes(args[0])) return whyClusterAutoscaler(ctx);
    const p = parseFlags(args, [{ name: 'namespace', short: 'n', type: 'string' }]);
    if (!p.ok) {
      ctx.err(`why: ${p.error}\n${USAGE}`);
      return 1;
    }
    const name = podName(p.args);
    if (!name) {
      ctx.err(p.args.length ? `why: only pods are scheduled; got "${p.args[0]}"\n${USAGE}` : USAGE);
      return 1;
    }
    const cluster = ctx.session.cluster();
    const client = ctx.session.client(undefined, 'why');
    if (!cluster || !client) {
      ctx.err('why: no cluster in the current context');
      return 1;
    }
    const ns = (p.flags.namespace as string | undefined) ?? ctx.session.namespace();
    const r = client.get<Pod>('pods', ns, name);
    if (!r.ok) {
      ctx.err(`Error from server (${r.status.reason}): ${r.status.message}`);
      return 1;
    }
    const pod = r.object;
    const schedName = pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    if (!schedulerOf(cluster)) {
      ctx.out(`This cluster runs no scheduler, so nothing assigns pod ${name} to a node; it stays Pending.`);
      return 0;
    }
    if (schedName !== DEFAULT_SCHEDULER_NAME && !pod.spec?.nodeName) {
      ctx.out(`Pod ${name} asks for scheduler "${schedName}" (spec.schedulerName). kube-scheduler only takes pods for "${DEFAULT_SCHEDULER_NAME}", so it leaves this one alone: Pending, with no events.`);
      return 0;
    }
    if ((pod.spec?.schedulingGates?.length ?? 0) > 0 && !pod.spec?.nodeName) {
      ctx.out(`Pod ${name} has scheduling gates (${pod.spec!.schedulingGates!.map((g) => g.name).join(', ')}); the scheduler does not try it until they are all removed.`);
      return 0;
    }
    const text = explainPodText(cluster, ns, name);
    if (text) {
      ctx.out(text);
      return 0;
    }
    if (pod.spec?.nodeName) ctx.out(`Pod ${name} is on ${pod.spec.nodeName}; the scheduler has no record of placing it (it was bound directly, or its record aged out).`);
    else ctx.out(`Pod ${name} is waiting for its first scheduling attempt.`);
    return 0;
  },
};
