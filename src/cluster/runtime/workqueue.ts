/**
 * A controller work queue as client-go's: keys are deduplicated while waiting,
 * failures come back with per-key exponential back-off (5 ms doubling to
 * 1000 s), and `addAfter` re-adds a key on the simulated clock.
 */
import type { Clock, TimerId } from '../clock.js';

export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private waiting = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { id: TimerId; due: number }>();
  /** Called when a key is queued (the cluster's wake-up for this queue's worker). */
  onAdd: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1_000_000,
  ) {}

  add(key: string): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.queue.push(key);
    this.onAdd?.();
  }

  /** Add after a delay; an earlier pending delay for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    const due = this.clock.now() + ms;
    const cur = this.delayed.get(key);
    if (cur && cur.due <= due) return;
    if (cur) this.clock.clearTimeout(cur.id);
    const id = this.clock.setTimeout(
      () => {
        this.delayed.delete(key);
        this.add(key);
      },
      ms,
      this.name,
    );
    this.delayed.set(key, { id, due });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.baseDelayMs * 2 ** n, this.maxDelayMs));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  pop(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.waiting.delete(key);
    return key;
  }
}
