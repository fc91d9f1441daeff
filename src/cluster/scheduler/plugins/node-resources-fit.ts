/**
 * NodeResourcesFit: the pod's requests must fit in what the node has left
 * (allocatable minus the requests of its pods), and the pod count must stay
 * within allocatable pods. Scores with LeastAllocated (cpu and memory, weight 1
 * each) over non-zero requests.
 */
import type { Plugin, Status } from '../types.js';
import { MAX_NODE_SCORE, unschedulable } from '../types.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';

export const name = 'NodeResourcesFit';
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string) => `Insufficient ${resource}`;

const TOO_MANY = unschedulable(ERR_REASON_TOO_MANY_PODS);
const CPU = unschedulable(insufficient('cpu'));
const MEMORY = unschedulable(insufficient('memory'));

/** Every reason the pod does not fit (empty when it fits). */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const out: string[] = [];
  if (node.pods.length + 1 > node.allocatable.pods) out.push(ERR_REASON_TOO_MANY_PODS);
  const r = pod.requests;
  if (r.milliCpu === 0 && r.memory === 0 && r.ephemeral === 0 && !r.scalar) return out;
  const a = node.allocatable;
  const u = node.requested;
  if (r.milliCpu > 0 && r.milliCpu > a.milliCpu - u.milliCpu) out.push(insufficient('cpu'));
  if (r.memory > 0 && r.memory > a.memory - u.memory) out.push(insufficient('memory'));
  if (r.ephemeral > 0 && r.ephemeral > a.ephemeral - u.ephemeral) out.push(insufficient('ephemeral-storage'));
  for (const [k, v] of r.scalar ?? []) {
    if (v === 0) continue;
    if (v > (a.scalar?.get(k) ?? 0) - (u.scalar?.get(k) ?? 0)) out.push(insufficient(k));
  }
  return out;
}

function fitStatus(pod: PodInfo, node: NodeInfo): Status | null {
  // The common single-reason cases reuse frozen statuses (the hot path allocates nothing).
  const reasons = insufficientResources(pod, node);
  if (reasons.length === 0) return null;
  if (reasons.length === 1) {
    if (reasons[0] === ERR_REASON_TOO_MANY_PODS) return TOO_MANY;
    if (reasons[0] === CPU.reasons[0]) return CPU;
    if (reasons[0] === MEMORY.reasons[0]) return MEMORY;
  }
  return unschedulable(...reasons);
}

/** ((capacity - requested) * 100) / capacity, 0 when over capacity (integer as upstream). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastAllocated(pod: PodInfo, node: NodeInfo): number {
  const cpu = leastRequestedScore(node.nzMilliCpu + pod.nonZero.milliCpu, node.allocMilliCpu);
  const mem = leastRequestedScore(node.nzMemory + pod.nonZero.memory, node.allocMemory);
  return Math.trunc((cpu + mem) / 2);
}

export const nodeResourcesFit: Plugin = {
  name,
  filter(_s, pod, node) {
    const r = pod.requests;
    // Fast path: plenty of room.
    if (node.podCount + 1 <= node.allocPods && !r.scalar && r.ephemeral === 0) {
      if ((r.milliCpu === 0 || r.milliCpu <= node.allocMilliCpu - node.reqMilliCpu) && (r.memory === 0 || r.memory <= node.allocMemory - node.reqMemory)) return null;
    }
    return fitStatus(pod, node);
  },
  score(_s, pod, node) {
    return leastAllocated(pod, node);
  },
};
