/** Taint and toleration helpers shared by the node lifecycle, taint eviction and DaemonSet controllers. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** ToleratesTaint: key (or empty key with Exists), operator, value and effect. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if ((t.operator ?? 'Equal') === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function tolerationsTolerate(tols: Toleration[] | undefined, taint: Taint): boolean {
  return (tols ?? []).some((t) => tolerates(t, taint));
}

export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}
