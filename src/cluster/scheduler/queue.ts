/**
 * The scheduling queue (PriorityQueue in upstream's internal/queue): activeQ
 * ordered by PrioritySort, a back-off queue (1 s doubling to 10 s per
 * attempt), unschedulable pods parked until a cluster event that could help
 * them or 5 minutes pass, and gated pods (schedulingGates) kept out entirely.
 * Timers live on the simulated clock.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Clock, TimerId } from '../clock.js';
import { podInfo, type PodInfo } from './pod-info.js';
import { less } from './plugins/priority-sort.js';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
/** flushUnschedulablePodsLeftover runs this often: a parked pod moves at the first run after its 5 minutes. */
export const UNSCHEDULABLE_FLUSH_MS = 30_000;

export interface QueuedPod {
  info: PodInfo;
  /** When the pod was (re)added to a queue; PrioritySort's tie-break. */
  timestamp: number;
  seq: number;
  attempts: number;
  /** Plugins that rejected the pod last time (decides which events can help). */
  unschedulablePlugins: Set<string>;
  where: 'active' | 'backoff' | 'unschedulable' | 'gated' | 'inflight';
  timer?: TimerId;
}

/** Upstream's back-off: initial duration doubling per attempt, capped. */
export function backoffDuration(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

class Heap {
  items: QueuedPod[] = [];
  private lessQ(a: QueuedPod, b: QueuedPod): boolean {
    if (a.info.priority !== b.info.priority) return less(a.info, a.timestamp, b.info, b.timestamp);
    if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
    return a.seq < b.seq;
  }
  push(q: QueuedPod): void {
    const a = this.items;
    a.push(q);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.lessQ(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): QueuedPod | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.lessQ(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.lessQ(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
  remove(q: QueuedPod): void {
    const i = this.items.indexOf(q);
    if (i < 0) return;
    const rest = this.items.filter((x) => x !== q);
    this.items = [];
    for (const x of rest) this.push(x);
  }
  get length(): number {
    return this.items.length;
  }
}

export class SchedulingQueue {
  private readonly active = new Heap();
  private readonly pods = new Map<string, QueuedPod>();
  private readonly parked = new Map<string, QueuedPod>();
  private seq = 0;
  /** Incremented on every pop; a move request during a cycle sends a failing pod to back-off, not to unschedulable. */
  schedulingCycle = 0;
  private moveRequestCycle = -1;

  /** When the queue started (the flush loop ticks from here). */
  private readonly origin: number;

  constructor(private readonly clock: Clock) {
    this.origin = clock.now();
  }

  /** The flush loop's first run at which a pod parked at `since` has been unschedulable for more than 5 minutes. */
  private leftoverFlushAt(since: number): number {
    const ticks = Math.floor((since + MAX_UNSCHEDULABLE_MS - this.origin) / UNSCHEDULABLE_FLUSH_MS) + 1;
    return this.origin + ticks * UNSCHEDULABLE_FLUSH_MS;
  }

  get activeLength(): number {
    return this.active.length;
  }

  get(key: string): QueuedPod | undefined {
    return this.pods.get(key);
  }

  size(): number {
    return this.pods.size;
  }

  /** A new (or updated) pending pod. */
  add(pod: Pod): void {
    const info = podInfo(pod);
    const cur = this.pods.get(info.key);
    if (cur) {
      cur.info = info;
      if (cur.where === 'gated' && !gated(pod)) this.toActive(cur);
      else if (cur.where === 'unschedulable') this.moveOne(cur);
      return;
    }
    const q: QueuedPod = { info, timestamp: this.clock.now(), seq: this.seq++, attempts: 0, unschedulablePlugins: new Set(), where: 'active' };
    this.pods.set(info.key, q);
    if (gated(pod)) q.where = 'gated';
    else this.active.push(q);
  }

  /** Keep the newest object of a queued pod without moving it (our own status writes). */
  refresh(pod: Pod): void {
    const q = this.pods.get(podInfo(pod).key);
    if (q) q.info = podInfo(pod);
  }

  delete(key: string): void {
    const q = this.pods.get(key);
    if (!q) return;
    if (q.timer !== undefined) this.clock.clearTimeout(q.timer);
    if (q.where === 'active') this.active.remove(q);
    this.pods.delete(key);
    this.parked.delete(key);
  }

  pop(): QueuedPod | undefined {
    const q = this.active.pop();
    if (!q) return undefined;
    q.where = 'inflight';
    q.attempts++;
    this.schedulingCycle++;
    return q;
  }

  /** The cycle finished with the pod bound (or gone). */
  done(key: string): void {
    const q = this.pods.get(key);
    if (q && q.where === 'inflight') this.pods.delete(key);
  }

  /** AddUnschedulableIfNotPresent: back-off if something moved during its cycle, else park it. */
  requeueUnschedulable(key: string, plugins: Iterable<string>, cycle: number, error = false): void {
    const q = this.pods.get(key);
    if (!q || q.where !== 'inflight') return;
    q.unschedulablePlugins = new Set(plugins);
    q.timestamp = this.clock.now();
    if (error || this.moveRequestCycle >= cycle) {
      this.toBackoff(q);
      return;
    }
    q.where = 'unschedulable';
    this.parked.set(key, q);
    q.timer = this.clock.setTimeout(() => {
      q.timer = undefined;
      if (q.where === 'unschedulable') this.moveOne(q);
    }, this.leftoverFlushAt(q.timestamp) - this.clock.now(), `scheduler: ${key} unschedulable for 5m`);
  }

  /**
   * A cluster event happened: pods parked by one of `plugins` (any pod when
   * undefined) go back to active (or back-off if still backing off).
   */
  moveAll(plugins?: ReadonlySet<string>): void {
    this.moveRequestCycle = this.schedulingCycle;
    if (this.parked.size === 0) return;
    for (const q of [...this.parked.values()]) {
      if (plugins && q.unschedulablePlugins.size > 0 && ![...q.unschedulablePlugins].some((p) => plugins.has(p))) continue;
      this.moveOne(q);
    }
  }

  /** Pods currently parked as unschedulable (for tests and the UI). */
  unschedulableKeys(): string[] {
    return [...this.parked.keys()];
  }

  private moveOne(q: QueuedPod): void {
    this.parked.delete(q.info.key);
    if (q.timer !== undefined) {
      this.clock.clearTimeout(q.timer);
      q.timer = undefined;
    }
    const until = q.timestamp + backoffDuration(q.attempts);
    if (q.attempts > 0 && until > this.clock.now()) this.toBackoff(q);
    else this.toActive(q);
  }

  private toBackoff(q: QueuedPod): void {
    if (q.timer !== undefined) this.clock.clearTimeout(q.timer);
    q.where = 'backoff';
    const wait = Math.max(0, q.timestamp + backoffDuration(q.attempts) - this.clock.now());
    q.timer = this.clock.setTimeout(() => {
      q.timer = undefined;
      if (q.where === 'backoff') this.toActive(q);
    }, wait, `scheduler: ${q.info.key} back-off`);
  }

  private toActive(q: QueuedPod): void {
    if (q.timer !== undefined) {
      this.clock.clearTimeout(q.timer);
      q.timer = undefined;
    }
    q.where = 'active';
    this.active.push(q);
  }
}

export function gated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}
