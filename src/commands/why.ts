/**
 * `why KIND/NAME [-n ns]`: a component's own account of its latest decision,
 * read-only, like reading its logs. `why pod/<name>`: the scheduler's last
 * cycle — which node failed which filter and why, and for a scheduled pod how
 * the best nodes scored per plugin. `why hpa/<name>`: the HPA controller's
 * last sync. `why scaledobject/<name>`: KEDA's last poll. Each kind is one
 * entry in EXPLAINERS.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, CommandContext } from './types.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Client } from '../cluster/api/client.js';
import { explainHpa } from '../cluster/autoscaling/hpa-decision.js';
import { hpaDecision } from '../cluster/autoscaling/hpa-controller.js';
import { explainKeda } from '../cluster/autoscaling/keda/decision.js';
import { kedaDecision } from '../cluster/autoscaling/keda/operator.js';
import { parseFlags } from './flags.js';
import { explainPodText, schedulerOf, DEFAULT_SCHEDULER_NAME } from '../cluster/scheduler/index.js';
import { CLUSTER_AUTOSCALER_NAMES, whyClusterAutoscaler } from './why-cluster-autoscaler.js';

const USAGE = 'Usage: why pod/<name> | hpa/<name> | scaledobject/<name> [-n <namespace>]';

interface Explainer {
  /** Names a learner may type for the kind (`pod`, `pods`, `po`). */
  names: string[];
  explain(ctx: CommandContext, cluster: Cluster, client: Client, ns: string, name: string): number;
}

function apiError(ctx: CommandContext, r: { ok: false; status: { reason?: string; message?: string } }): number {
  ctx.err(`Error from server (${r.status.reason}): ${r.status.message}`);
  return 1;
}

const EXPLAINERS: Explainer[] = [
  { names: ['pod', 'pods', 'po'], explain: explainPod },
  {
    names: ['hpa', 'hpas', 'horizontalpodautoscaler', 'horizontalpodautoscalers'],
    explain(ctx, cluster, client, ns, name) {
      const r = client.get('horizontalpodautoscalers.autoscaling', ns, name);
      if (!r.ok) return apiError(ctx, r);
      const d = hpaDecision(cluster, ns, name);
      ctx.out(d ? explainHpa(name, d, cluster.clock.now()) : `HPA ${name} has not been synced yet (the HPA controller looks at every HPA each 15 s).`);
      return 0;
    },
  },
  {
    names: ['scaledobject', 'scaledobjects', 'so'],
    explain(ctx, cluster, client, ns, name) {
      if (!cluster.registry.get('keda.sh', 'scaledobjects')) {
        ctx.err('error: the server doesn\'t have a resource type "scaledobject" (enable KEDA: az aks update --enable-keda)');
        return 1;
      }
      const r = client.get('scaledobjects.keda.sh', ns, name);
      if (!r.ok) return apiError(ctx, r);
      const d = kedaDecision(cluster, ns, name);
      ctx.out(d ? explainKeda(name, d, cluster.clock.now()) : `ScaledObject ${name} has not been polled yet: keda-operator is not running, or has not seen it.`);
      return 0;
    },
  },
];

/** `pod/web`, `hpa web`, or just `web` (a pod). */
function target(args: string[]): { explainer: Explainer; name: string } | { error: string } | undefined {
  const [a, b] = args;
  if (!a) return undefined;
  const slash = /^([^/]+)\/(.+)$/.exec(a);
  const kind = slash ? slash[1]!.toLowerCase() : b !== undefined ? a.toLowerCase() : 'pod';
  const name = slash ? slash[2]! : b !== undefined ? b : a;
  const explainer = EXPLAINERS.find((e) => e.names.includes(kind));
  if (!explainer) return { error: `why: can't explain "${kind}"; it explains pods, HPAs and ScaledObjects` };
  return { explainer, name };
}

export const why: Command = {
  name: 'why',
  summary: "Explain a component's last decision (why pod/web-1, why hpa/web, why scaledobject/orders)",
  run(ctx, args) {
    if (args[0] && CLUSTER_AUTOSCALER_NAMES.includes(args[0])) return whyClusterAutoscaler(ctx);
    const p = parseFlags(args, [{ name: 'namespace', short: 'n', type: 'string' }]);
    if (!p.ok) {
      ctx.err(`why: ${p.error}\n${USAGE}`);
      return 1;
    }
    const t = target(p.args);
    if (!t || 'error' in t) {
      ctx.err(t ? `${t.error}\n${USAGE}` : USAGE);
      return 1;
    }
    const cluster = ctx.session.cluster();
    const client = ctx.session.client(undefined, 'why');
    if (!cluster || !client) {
      ctx.err('why: no cluster in the current context');
      return 1;
    }
    const ns = (p.flags.namespace as string | undefined) ?? ctx.session.namespace();
    return t.explainer.explain(ctx, cluster, client, ns, t.name);
  },
};

function explainPod(ctx: CommandContext, cluster: Cluster, client: Client, ns: string, name: string): number {
    const r = client.get<Pod>('pods', ns, name);
    if (!r.ok) return apiError(ctx, r);
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
}
