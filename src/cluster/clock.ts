/**
 * The one simulated clock. Nothing in the cluster reads wall time: components
 * schedule timers here and the clock fires them in due order (ties in the order
 * they were set). Time never goes backwards.
 */
export type TimerId = number;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number, label?: string): TimerId;
  clearTimeout(id: TimerId): void;
}

interface Timer {
  id: TimerId;
  due: number;
  fn: () => void;
  label: string | undefined;
}

/** A binary min-heap ordered by (due, id). */
class TimerHeap {
  private items: Timer[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Timer | undefined {
    return this.items[0];
  }
  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Timer | undefined {
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
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.id < b.id);
}

/** Default start of simulated time: a fixed instant so every run prints the same timestamps. */
export const DEFAULT_EPOCH = Date.UTC(2026, 0, 15, 9, 0, 0);

export class SimClock implements Clock {
  private current: number;
  private nextId = 1;
  private heap = new TimerHeap();
  private cancelled = new Set<TimerId>();

  constructor(start: number = DEFAULT_EPOCH) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number, label?: string): TimerId {
    const id = this.nextId++;
    this.heap.push({ id, due: this.current + Math.max(0, ms), fn, label });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** When the next live timer is due, or undefined if none is pending. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.due;
  }

  pendingTimers(): number {
    this.dropCancelled();
    return this.heap.size - this.cancelled.size;
  }

  /**
   * Fire the next timer if it is due at or before `limit`, moving time to its
   * due instant. Returns false when nothing is due by then.
   */
  fireNext(limit: number): boolean {
    this.dropCancelled();
    const t = this.heap.peek();
    if (!t || t.due > limit) return false;
    this.heap.pop();
    if (t.due > this.current) this.current = t.due;
    t.fn();
    return true;
  }

  /** Move time forward to `t` without firing anything (callers fire first). */
  setNow(t: number): void {
    if (t < this.current) throw new RangeError(`the simulated clock never goes backwards (${t} < ${this.current})`);
    this.current = t;
  }

  private dropCancelled(): void {
    while (this.heap.size > 0) {
      const top = this.heap.peek()!;
      if (!this.cancelled.has(top.id)) return;
      this.heap.pop();
      this.cancelled.delete(top.id);
    }
  }
}

/** Parse a duration as kubectl and Go do: `90s`, `5m`, `1h30m`, `500ms`, bare numbers are seconds. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    const unit = m[2];
    total += n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
    pos = re.lastIndex;
  }
  if (pos === 0 || pos !== s.length) return undefined;
  return Math.round(total);
}

/**
 * Drive simulated time to `target`: let components finish their work, fire
 * each due timer in order and let them react, checking `done` after each.
 * Returns whether `done` held (true when no `done` is given).
 */
export function driveClock(clock: SimClock, runUntilIdle: () => void, target: number, done?: () => boolean): boolean {
  runUntilIdle();
  if (done?.()) return true;
  while (clock.fireNext(target)) {
    runUntilIdle();
    if (done?.()) return true;
  }
  if (target > clock.now()) clock.setNow(target);
  return done ? done() : true;
}
