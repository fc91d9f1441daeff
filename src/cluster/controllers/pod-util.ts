/** Pod predicates the workload controllers share (upstream's podutil / controller_utils). */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../api/paths.js';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** When the pod last became Ready (ms), if it is Ready. */
export function podReadySince(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** Not finished and not being deleted (FilterActivePods). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function maxContainerRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n = Math.max(n, s.restartCount ?? 0);
  return n;
}

export function totalRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
  return n;
}

const parsed = new Map<string, number>();

/** Digits of `s` from `i` to `j` as a number (-1 if any is not a digit). */
function digits(s: string, i: number, j: number): number {
  let n = 0;
  for (let k = i; k < j; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY-MM-DDTHH:MM:SS[.fraction]Z` as Date.parse reads it (milliseconds truncated), or undefined for any other shape. */
function parseUtc(s: string): number | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */ || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  const sec = digits(s, 17, 19);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  let ms = 0;
  if (n > 20) {
    if (s[19] !== '.' || n < 22) return undefined;
    const frac = digits(s, 20, n - 1);
    if (frac < 0) return undefined;
    ms = digits(s, 20, Math.min(23, n - 1));
    for (let k = n - 1 - 20; k < 3; k++) ms *= 10;
  } else if (s[19] !== 'Z') return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/** Milliseconds of an RFC 3339 time (0 when unset). The usual UTC shape is read directly (heartbeats are new strings every time); others parse once. */
export function timeOf(iso: string | undefined | null): number {
  if (!iso) return 0;
  const fast = parseUtc(iso);
  if (fast !== undefined) return fast;
  let t = parsed.get(iso);
  if (t === undefined) {
    if (parsed.size >= 50_000) parsed.clear();
    t = Date.parse(iso);
    parsed.set(iso, t);
  }
  return t;
}

/** Stable order: creation time, then name. */
export function byCreation<T extends { metadata?: { creationTimestamp?: string; name?: string } }>(a: T, b: T): number {
  const d = timeOf(a.metadata?.creationTimestamp) - timeOf(b.metadata?.creationTimestamp);
  if (d !== 0) return d;
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** The same order as sorting with byCreation, each timestamp read once. */
export function sortByCreation<T extends { metadata?: { creationTimestamp?: string; name?: string } }>(items: T[]): T[] {
  const keyed = items.map((o) => ({ o, t: timeOf(o.metadata?.creationTimestamp), n: o.metadata?.name ?? '' }));
  keyed.sort((a, b) => {
    const d = a.t - b.t;
    if (d !== 0) return d;
    return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  });
  return keyed.map((k) => k.o);
}

/**
 * Could this update of a pod change what its owner's sync sees (ownership,
 * labels, placement, phase, deletion, readiness and when it became Ready)?
 * Container-level status churn that moves none of these enqueues nothing.
 */
export function podChangedForOwner(old: Pod, cur: Pod): boolean {
  if (old.spec?.nodeName !== cur.spec?.nodeName || old.status?.phase !== cur.status?.phase) return true;
  if (old.metadata?.deletionTimestamp !== cur.metadata?.deletionTimestamp) return true;
  if (!deepEqual(old.metadata?.ownerReferences, cur.metadata?.ownerReferences) || !deepEqual(old.metadata?.labels, cur.metadata?.labels)) return true;
  const o = podCondition(old, 'Ready');
  const c = podCondition(cur, 'Ready');
  return o?.status !== c?.status || o?.lastTransitionTime !== c?.lastTransitionTime;
}
