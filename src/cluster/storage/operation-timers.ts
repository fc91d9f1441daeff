/**
 * How long a simulated driver operation (provision, attach, resize…) still
 * takes: it starts the first time its key is asked about, and is done once
 * its time has passed on the simulated clock; `done` forgets it.
 */
import type { Clock } from '../clock.js';

export class OperationTimers {
  private started = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  /** Milliseconds left of an operation taking `ms` (starting it now if it hasn't started). */
  left(key: string, ms: number): number {
    const now = this.clock.now();
    const since = this.started.get(key);
    if (since === undefined) {
      this.started.set(key, now);
      return ms;
    }
    return Math.max(0, since + ms - now);
  }

  /** Has the operation started (and not been marked done)? */
  has(key: string): boolean {
    return this.started.has(key);
  }

  done(key: string): void {
    this.started.delete(key);
  }
}
