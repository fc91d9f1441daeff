/**
 * The cluster autoscaler of an AKS cluster: started with the managed cluster
 * (it idles until a pool has the autoscaler on) and looked up for
 * `why cluster-autoscaler`.
 */
import type { AzureCloud } from '../../cloud/cloud.js';
import type { ManagedCluster } from '../../cloud/types.js';
import type { Cluster } from '../../cluster.js';
import { ClusterAutoscaler } from './autoscaler.js';

const running = new WeakMap<Cluster, ClusterAutoscaler>();

export function startClusterAutoscaler(cloud: AzureCloud, mc: ManagedCluster): ClusterAutoscaler {
  const existing = running.get(mc.cluster);
  if (existing) return existing;
  const ca = new ClusterAutoscaler(cloud, mc);
  mc.cluster.addWorker(ca);
  running.set(mc.cluster, ca);
  return ca;
}

export function clusterAutoscalerOf(cluster: Cluster): ClusterAutoscaler | undefined {
  return running.get(cluster);
}

export { ClusterAutoscaler, CA_USER, STATUS_CONFIGMAP } from './autoscaler.js';
export { parseProfileArgs, validateProfile, applyProfile, effectiveProfile, PROFILE_DEFAULTS, settingsOf } from './profile.js';
export { explainClusterAutoscaler } from './explain.js';
