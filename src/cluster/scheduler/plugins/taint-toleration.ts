/**
 * TaintToleration: NoSchedule and NoExecute taints must be tolerated
 * (filter); untolerated PreferNoSchedule taints lower a node's score.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { Plugin } from '../types.js';
import { MAX_NODE_SCORE, defaultNormalizeScore, unresolvable } from '../types.js';
import { toleratesAny } from '../pod-info.js';

export const name = 'TaintToleration';

export function untoleratedTaintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
}

/** The first NoSchedule/NoExecute taint the tolerations don't cover. */
export function findUntolerated(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const t of taints) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!toleratesAny(tolerations, t)) return t;
  }
  return undefined;
}

export function countIntolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  const prefer = tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  for (const t of taints) if (t.effect === 'PreferNoSchedule' && !toleratesAny(prefer, t)) n++;
  return n;
}

export const taintToleration: Plugin = {
  name,
  filter(_s, pod, node) {
    if (node.hardTaints === 0) return null;
    const t = findUntolerated(node.taints, pod.tolerations);
    return t ? unresolvable(untoleratedTaintReason(t)) : null;
  },
  score(_s, pod, node) {
    return node.softTaints === 0 ? 0 : countIntolerablePreferNoSchedule(node.taints, pod.tolerations);
  },
  normalizeScore(_s, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
