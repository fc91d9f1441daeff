/**
 * The FitError text kube-scheduler puts in FailedScheduling events and the
 * PodScheduled condition: `0/N nodes are available: <count> <reason>, ….`,
 * reasons counted across nodes and sorted as strings (count included, as
 * upstream sorts them), then the PostFilter (preemption) message.
 */
import type { Status } from './types.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, statuses: Iterable<Status>, preFilterMsg?: string, postFilterMsg?: string): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const h = reasonHistogram(statuses);
    if (h.length > 0) msg += ` ${h.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}
