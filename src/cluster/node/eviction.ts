/**
 * Node-pressure eviction (memory): when memory.available falls under the
 * hard threshold (100Mi), the kubelet fails one pod per monitoring pass,
 * ranked as upstream: pods using more than they requested first, then lower
 * priority, then the largest use over request. The node reports
 * MemoryPressure until 5 minutes pass without the threshold being crossed.
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { PodRt } from './pod-runtime.js';

export const HARD_THRESHOLD_MI = 100;
export const PRESSURE_TRANSITION_MS = 5 * 60_000;

export function quantityMi(q: unknown): number {
  if (q === undefined || q === null) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  if (!m) return 0;
  const f: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576, '': 1 / 1048576 };
  return Number(m[1]) * f[m[2] ?? '']!;
}

const ki = (mi: number) => `${Math.round(mi * 1024)}Ki`;

interface Candidate {
  p: PodRt;
  usageMi: number;
  requestMi: number;
  priority: number;
  containers: { c: Container; usageMi: number }[];
}

export interface PressureCheck {
  availableMi: number;
  underPressure: boolean;
  victim?: PodRt;
  message?: string;
}

/**
 * Measure memory and pick the pod to evict when under pressure. `podUsageMi`
 * is a pod's memory (the sum of `usageOf`, added in the same order); the
 * per-container breakdown and the ranking are only needed under pressure.
 */
export function checkMemory(
  capacityMi: number,
  systemMi: number,
  pods: readonly PodRt[],
  usageOf: (p: PodRt) => { c: Container; usageMi: number }[],
  podUsageMi: (p: PodRt) => number = (p) => usageOf(p).reduce((a, x) => a + x.usageMi, 0),
): PressureCheck {
  let used = systemMi;
  for (const p of pods) if (!p.evicted && !p.terminating) used += podUsageMi(p);
  const availableMi = capacityMi - used;
  if (availableMi >= HARD_THRESHOLD_MI) return { availableMi, underPressure: false };
  const cands: Candidate[] = [];
  for (const p of pods) {
    if (p.evicted || p.terminating) continue;
    const containers = usageOf(p);
    const usageMi = containers.reduce((a, x) => a + x.usageMi, 0);
    const requestMi = [...(p.pod.spec?.containers ?? [])].reduce((a, c) => a + quantityMi(c.resources?.requests?.memory), 0);
    cands.push({ p, usageMi, requestMi, priority: p.pod.spec?.priority ?? 0, containers });
  }
  cands.sort((a, b) => {
    const ea = a.usageMi > a.requestMi ? 0 : 1;
    const eb = b.usageMi > b.requestMi ? 0 : 1;
    if (ea !== eb) return ea - eb;
    if (a.priority !== b.priority) return a.priority - b.priority;
    return b.usageMi - b.requestMi - (a.usageMi - a.requestMi);
  });
  const victim = cands[0];
  if (!victim) return { availableMi, underPressure: true };
  let message = `The node was low on resource: memory. Threshold quantity: ${HARD_THRESHOLD_MI}Mi, available: ${ki(Math.max(0, availableMi))}. `;
  for (const { c, usageMi } of victim.containers) {
    const req = c.resources?.requests?.memory;
    if (usageMi > quantityMi(req)) message += `Container ${c.name} was using ${ki(usageMi)}, request is ${req ?? 0}, has larger consumption of memory. `;
  }
  return { availableMi, underPressure: true, victim: victim.p, message };
}
