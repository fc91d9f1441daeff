/**
 * `why cluster-autoscaler` (also `why ca`): the autoscaler's latest loop,
 * explained from the inputs it recorded — read-only, like reading its log.
 */
import type { CommandContext } from './types.js';
import { clusterAutoscalerOf, explainClusterAutoscaler } from '../cluster/autoscaling/cluster-autoscaler/index.js';

export const CLUSTER_AUTOSCALER_NAMES = ['cluster-autoscaler', 'ca', 'clusterautoscaler'];

export function whyClusterAutoscaler(ctx: CommandContext): number {
  const cluster = ctx.session.cluster();
  if (!cluster) {
    ctx.err('why: no cluster in the current context');
    return 1;
  }
  const text = explainClusterAutoscaler(cluster, clusterAutoscalerOf(cluster));
  ctx.out(text ?? 'This cluster is not an AKS cluster: it has no cluster autoscaler.');
  return 0;
}
