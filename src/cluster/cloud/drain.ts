/**
 * Cordon and drain as AKS does during upgrades, scale-down, stop and spot
 * eviction: mark the Node unschedulable, then evict its pods through the
 * Eviction API (PDBs answer 429 and the drain retries), skipping DaemonSet
 * and mirror pods.
 */
import type { KObject, UserInfo } from '../api/types.js';
import type { ManagedCluster } from './types.js';
import type { TaskBody } from './tasks.js';
import { armError } from './errors.js';

export const AKS_OPERATOR: UserInfo = { username: 'aks-operator', groups: ['system:masters', 'system:authenticated'] };

type Pod = KObject & { metadata: { name: string; namespace: string; ownerReferences?: { kind: string }[]; deletionTimestamp?: string; annotations?: Record<string, string> } };

export function cordon(mc: ManagedCluster, node: string, on = true): void {
  mc.cluster.client(AKS_OPERATOR).patch('nodes', undefined, node, { spec: { unschedulable: on ? true : null } });
}

function evictable(p: Pod): boolean {
  if (p.metadata.deletionTimestamp) return false;
  if (p.metadata.annotations?.['kubernetes.io/config.mirror']) return false;
  return !(p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet');
}

export function podsOn(mc: ManagedCluster, node: string): Pod[] {
  return mc.cluster.client(AKS_OPERATOR).items<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${node}` });
}

/** Try to evict every evictable pod on the node once; returns how many are left. */
export function evictOnce(mc: ManagedCluster, node: string): number {
  const c = mc.cluster.client(AKS_OPERATOR);
  let left = 0;
  for (const p of podsOn(mc, node).filter(evictable)) {
    const r = c.subresource('create', 'pods', p.metadata.namespace, p.metadata.name, 'eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
    });
    if (!r.ok && r.status.code !== 404) left++;
  }
  return left;
}

/** Cordon, then evict until nothing evictable is left or the drain timeout passes. */
export function* drainNode(mc: ManagedCluster, node: string, timeoutMinutes = 30): TaskBody {
  cordon(mc, node);
  let left = evictOnce(mc, node);
  if (left === 0) return;
  yield { until: () => (left = evictOnce(mc, node)) === 0, pollMs: 5000, timeoutMs: timeoutMinutes * 60_000 };
  if (left > 0) {
    return armError(
      'UpgradeFailed',
      `Drain node ${node} failed when evicting pod(s) after ${timeoutMinutes} minutes: Too many requests. This is likely caused by a PodDisruptionBudget (PDB) that does not allow any pod to be evicted. Please check the PDBs. See http://aka.ms/aks/debugdrainfailures`,
    ).error;
  }
}

/** Delete pods no controller would recreate (what `az aks stop` loses). */
export function deleteBarePods(mc: ManagedCluster): number {
  const c = mc.cluster.client(AKS_OPERATOR);
  let n = 0;
  for (const p of c.items<Pod>('pods')) {
    if ((p.metadata.ownerReferences ?? []).length > 0) continue;
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const r = c.delete('pods', p.metadata.namespace, p.metadata.name, { gracePeriodSeconds: 0 });
    if (r.ok) n++;
  }
  return n;
}
