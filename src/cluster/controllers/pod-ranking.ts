/**
 * Which pods a ReplicaSet deletes first when scaling down (upstream's
 * ActivePodsWithRanks with LogarithmicScaleDown, on by default since 1.22):
 * unassigned before assigned; Pending, then Unknown, before Running; not
 * Ready before Ready; lower pod-deletion-cost; more replicas on the same node;
 * Ready for a shorter time (log2 buckets); more restarts; newer.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodReady, maxContainerRestarts, podReadySince, timeOf } from './pod-util.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function cost(p: Pod): number {
  const v = Number(p.metadata?.annotations?.[DELETION_COST] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** floor(log2(ns since t)), -1 for the future: two times a factor of two apart rank differently. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function uidLess(a: Pod, b: Pod): number {
  const x = a.metadata?.uid ?? '';
  const y = b.metadata?.uid ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, now: number): number {
  const na = !!a.spec?.nodeName;
  const nb = !!b.spec?.nodeName;
  if (na !== nb) return na ? 1 : -1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 3;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = cost(a);
  const cb = cost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadySince(a) ?? 0;
    const tb = podReadySince(b) ?? 0;
    if (ta !== tb) {
      if (!ta || !tb) return ta ? -1 : 1;
      const diff = logRank(ta, now) - logRank(tb, now);
      return diff === 0 ? uidLess(a, b) : diff;
    }
  }
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = timeOf(a.metadata?.creationTimestamp);
  const tb = timeOf(b.metadata?.creationTimestamp);
  if (ta !== tb) {
    const diff = logRank(ta, now) - logRank(tb, now);
    return diff === 0 ? uidLess(a, b) : diff;
  }
  return uidLess(a, b);
}

/**
 * The `n` pods to delete from `pods`. `related` are the active pods of every
 * ReplicaSet of the same owner: a pod's rank is how many of them share its node.
 */
export function podsToDelete(pods: Pod[], related: Pod[], n: number, now: number): Pod[] {
  if (n >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (p: Pod) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  const ranked = pods.map((p) => ({ p, r: rank(p) }));
  ranked.sort((x, y) => compareForDeletion(x.p, y.p, x.r, y.r, now));
  return ranked.slice(0, n).map((x) => x.p);
}
