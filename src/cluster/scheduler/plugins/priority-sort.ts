/** PrioritySort: the queue's order — higher priority first, then the earlier queued. */
import type { PodInfo } from '../pod-info.js';

export const name = 'PrioritySort';

export function less(a: PodInfo, aTime: number, b: PodInfo, bTime: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return aTime < bTime;
}
