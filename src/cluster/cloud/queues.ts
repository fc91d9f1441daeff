/**
 * Simulated message queues standing in for Azure Service Bus queues and
 * Storage queues. They belong to the world (Azure's side), not to one
 * cluster: every cluster of a world shares its clock, so the store is keyed by
 * the clock and survives clusters being created and deleted. Messages are
 * only counts: `send` adds, consumers (queue-consumers.ts) take them away on
 * the simulated clock, KEDA's scalers read the length.
 */
import type { Clock } from '../clock.js';

/** A queue's messages and what has happened to them. */
export interface MessageQueue {
  name: string;
  /** The Service Bus namespace (or storage account) it lives in. */
  namespace: string;
  /** Messages waiting (active message count). */
  length: number;
  sent: number;
  consumed: number;
  createdAt: number;
  /** Messages taken per second over the last few seconds (recorded by the consumers). */
  recent: { t: number; n: number }[];
  /** Pods taking messages at the last consumer tick, `namespace/pod` on `cluster`. */
  consumers: { cluster: string; pod: string; rate: number }[];
}

export const DEFAULT_QUEUE_NAMESPACE = 'kubedojo';
/** How far back `consumed/s` looks. */
const RATE_WINDOW_MS = 10_000;

export class QueueStore {
  private readonly queues = new Map<string, MessageQueue>();
  private readonly listeners: (() => void)[] = [];
  constructor(private readonly clock: Clock) {}

  /** Called after messages arrive (consumers wake up; they sleep while every queue is empty). */
  onSend(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Messages are waiting somewhere. */
  busy(): boolean {
    for (const q of this.queues.values()) if (q.length > 0) return true;
    return false;
  }

  get(name: string): MessageQueue | undefined {
    return this.queues.get(name);
  }

  /** Every queue, by name. */
  all(): MessageQueue[] {
    return [...this.queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Add `count` messages (creating the queue on first use). */
  send(name: string, count: number, namespace = DEFAULT_QUEUE_NAMESPACE): MessageQueue {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = { name, namespace, length: 0, sent: 0, consumed: 0, createdAt: this.clock.now(), recent: [], consumers: [] }));
    q.length += count;
    q.sent += count;
    for (const l of this.listeners) l();
    return q;
  }

  /** Drop every waiting message; returns how many there were (undefined: no such queue). */
  purge(name: string): number | undefined {
    const q = this.queues.get(name);
    if (!q) return undefined;
    const n = q.length;
    q.length = 0;
    return n;
  }

  /** Take up to `n` messages (fractions accumulate); returns how many were taken. */
  take(name: string, n: number): number {
    const q = this.queues.get(name);
    if (!q || n <= 0) return 0;
    const got = Math.min(q.length, n);
    if (got <= 0) return 0;
    q.length -= got;
    // Whole messages only: a consumer finishes one before the next.
    if (q.length < 1e-9) q.length = 0;
    q.consumed += got;
    const now = this.clock.now();
    q.recent.push({ t: now, n: got });
    return got;
  }

  /** Messages consumed per second over the last 10 s. */
  rate(name: string): number {
    const q = this.queues.get(name);
    if (!q) return 0;
    const now = this.clock.now();
    q.recent = q.recent.filter((r) => r.t > now - RATE_WINDOW_MS);
    return q.recent.reduce((a, r) => a + r.n, 0) / (RATE_WINDOW_MS / 1000);
  }

  /** Whole messages waiting (what Service Bus reports as the active message count). */
  lengthOf(name: string): number | undefined {
    const q = this.queues.get(name);
    return q ? Math.max(0, Math.ceil(q.length - 1e-9)) : undefined;
  }
}

const stores = new WeakMap<Clock, QueueStore>();

/** The queues of the world that runs on `clock` (every cluster of a world shares its clock). */
export function queuesOf(clock: Clock): QueueStore {
  let s = stores.get(clock);
  if (!s) stores.set(clock, (s = new QueueStore(clock)));
  return s;
}
