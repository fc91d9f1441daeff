/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container
 * restarts and image pulls: 10 s initial, doubling to a 300 s cap, forgotten
 * when the last update is more than twice the cap (10 min) old.
 */
export class Backoff {
  private entries = new Map<string, { backoff: number; lastUpdate: number }>();
  constructor(
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.maxMs;
  }

  /** The current delay for a key (0 if none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSince: still waiting if less than the current delay has passed since `eventTime`. */
  inBackoffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** IsInBackOffSinceUpdate: measured from the last update instead (image pulls). */
  inBackoffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off for `key` measured from `since` ends. */
  until(key: string, since: number): number {
    return since + this.get(key);
  }

  lastUpdate(key: string): number {
    return this.entries.get(key)?.lastUpdate ?? 0;
  }

  /** Next: start at the initial delay (or after expiry), else double up to the cap. */
  next(key: string, eventTime: number, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) this.entries.set(key, { backoff: this.initialMs, lastUpdate: now });
    else this.entries.set(key, { backoff: Math.min(e.backoff * 2, this.maxMs), lastUpdate: now });
  }

  forget(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
