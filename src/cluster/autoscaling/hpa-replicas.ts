/**
 * The HPA's replica arithmetic as upstream computes it: the usage ratio with
 * its 0.1 tolerance, pods without metrics and not-ready pods, then behavior:
 * stabilization windows and scaling policies, and the min/max clamp.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';

export const TOLERANCE = 0.1;

export interface PodSample {
  name: string;
  ready: boolean;
  /** Usage (millicores or MiB), undefined when the metrics API has none for it. */
  usage?: number;
  /** Request (same unit), for utilization targets. */
  request?: number;
}

/** Replicas one metric proposes; `target` is a percentage of request (utilization) or a per-pod value. */
export function proposeReplicas(current: number, pods: PodSample[], target: number, utilization: boolean): { replicas: number; utilization?: number; averageValue: number } {
  const withMetrics = pods.filter((p) => p.usage !== undefined && p.ready);
  const unready = pods.filter((p) => p.usage !== undefined && !p.ready);
  const missing = pods.filter((p) => p.usage === undefined);
  const sum = (ps: PodSample[], f: (p: PodSample) => number) => ps.reduce((a, p) => a + f(p), 0);
  const ratioOf = (ps: PodSample[], fill?: (p: PodSample) => number) => {
    const use = sum(ps, (p) => (p.usage === undefined || (!p.ready && fill) ? (fill ? fill(p) : 0) : p.usage));
    if (utilization) {
      const req = sum(ps, (p) => p.request ?? 0);
      return req === 0 ? 0 : (use * 100) / req / target;
    }
    return ps.length === 0 ? 0 : use / ps.length / target;
  };
  const measured = [...withMetrics];
  const usageRatio = ratioOf(measured);
  const useSum = sum(measured, (p) => p.usage!);
  const reqSum = sum(measured, (p) => p.request ?? 0);
  const currentUtil = utilization && reqSum > 0 ? Math.round((useSum * 100) / reqSum) : undefined;
  const averageValue = measured.length ? useSum / measured.length : 0;
  if (measured.length === 0) return { replicas: current, utilization: currentUtil, averageValue };
  if (missing.length === 0 && unready.length === 0) {
    if (Math.abs(1 - usageRatio) <= TOLERANCE) return { replicas: current, utilization: currentUtil, averageValue };
    return { replicas: Math.ceil(usageRatio * measured.length), utilization: currentUtil, averageValue };
  }
  // Missing pods count as using their full request (target) when scaling down, nothing when scaling up;
  // not-ready pods count as using nothing when scaling up (and are left out when scaling down).
  const fullOrZero = (p: PodSample) => (usageRatio < 1 ? (utilization ? (p.request ?? 0) : target) : 0);
  const rebalance = [...measured, ...missing, ...(usageRatio > 1 ? unready : [])];
  const newRatio = ratioOf(rebalance, fullOrZero);
  if (Math.abs(1 - newRatio) <= TOLERANCE || (usageRatio < 1 && newRatio > 1) || (usageRatio > 1 && newRatio < 1)) return { replicas: current, utilization: currentUtil, averageValue };
  const proposal = Math.ceil(newRatio * rebalance.length);
  // Never scale in the direction opposite to the measured ratio.
  if ((usageRatio < 1 && proposal > current) || (usageRatio > 1 && proposal < current)) return { replicas: current, utilization: currentUtil, averageValue };
  return { replicas: proposal, utilization: currentUtil, averageValue };
}

export interface ScaleEvent {
  t: number;
  change: number;
}

export interface Behavior {
  scaleUp: HPAScalingRules;
  scaleDown: HPAScalingRules;
}

export const DEFAULT_BEHAVIOR: Behavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
};

/** Stabilize a recommendation over the recent ones (min over the up window, max over the down window). */
export function stabilize(now: number, current: number, desired: number, history: { t: number; replicas: number }[], b: Behavior): number {
  const upWin = (b.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downWin = (b.scaleDown.stabilizationWindowSeconds ?? 300) * 1000;
  let up = desired;
  let down = desired;
  for (const r of history) {
    if (r.t > now - upWin) up = Math.min(up, r.replicas);
    if (r.t > now - downWin) down = Math.max(down, r.replicas);
  }
  let rec = current;
  if (rec < up) rec = up;
  if (rec > down) rec = down;
  return rec;
}

function periodChange(now: number, events: ScaleEvent[], periodSeconds: number, up: boolean): number {
  let n = 0;
  for (const e of events) if (e.t > now - periodSeconds * 1000 && (up ? e.change > 0 : e.change < 0)) n += Math.abs(e.change);
  return n;
}

export function scaleUpLimit(now: number, current: number, events: ScaleEvent[], rules: HPAScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let limit = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules.policies ?? []) {
    const start = current - periodChange(now, events, p.periodSeconds, true);
    const l = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    limit = pick(limit, l);
  }
  return Number.isFinite(limit) ? Math.max(limit, current) : current;
}

export function scaleDownLimit(now: number, current: number, events: ScaleEvent[], rules: HPAScalingRules): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let limit = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules.policies ?? []) {
    const start = current + periodChange(now, events, p.periodSeconds, false);
    const l = p.type === 'Pods' ? start - p.value : Math.ceil(start * (1 - p.value / 100));
    limit = pick(limit, l);
  }
  return Number.isFinite(limit) ? Math.min(limit, current) : current;
}
