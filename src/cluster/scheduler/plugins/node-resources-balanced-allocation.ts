/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be
 * used in similar fractions: score = (1 - standard deviation of the fractions) × 100.
 */
import type { Plugin } from '../types.js';
import { MAX_NODE_SCORE } from '../types.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';

export const name = 'NodeResourcesBalancedAllocation';

export function balancedScore(cpuFraction: number, memFraction: number): number {
  const a = Math.min(cpuFraction, 1);
  const b = Math.min(memFraction, 1);
  const std = Math.abs(a - b) / 2;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function balanced(pod: PodInfo, node: NodeInfo): number {
  const cpu = node.allocMilliCpu;
  const mem = node.allocMemory;
  if (cpu === 0 || mem === 0) return 0;
  return balancedScore((node.reqMilliCpu + pod.requests.milliCpu) / cpu, (node.reqMemory + pod.requests.memory) / mem);
}

export const nodeResourcesBalancedAllocation: Plugin = {
  name,
  score(_s, pod, node) {
    return balanced(pod, node);
  },
};
