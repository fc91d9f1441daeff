/**
 * Event TTL: kube-apiserver stores Events in etcd under a one-hour lease
 * (`--event-ttl`), so an Event disappears an hour after its last write. This
 * is storage behaviour, not a client: a sweep every minute removes expired
 * Events from the store (watchers see DELETED), with no API request traced.
 *
 * Each write renews the lease: the store's own watch records when, so a sweep
 * only walks the Events when the oldest lease can have expired.
 */
import type { Cluster } from '../cluster.js';
import type { KObject } from '../api/types.js';
import { timeOf } from './pod-util.js';

export const EVENT_TTL_MS = 60 * 60_000;
const SWEEP_MS = 60_000;
const PREFIX = '/registry/events';

/** When an Event was last written, from its own timestamps (0: none, the sweep that first sees it stands in). */
function writtenAt(o: KObject): number {
  const ev = o as { lastTimestamp?: string; eventTime?: string };
  return Math.max(timeOf(ev.lastTimestamp), timeOf(ev.eventTime), timeOf(o.metadata?.creationTimestamp)) || 0;
}

export function installEventTtl(cluster: Cluster): void {
  const store = cluster.store;
  /** Per directory (namespace), key → lease start, in the store's own order within the directory (creation order). */
  const written = new Map<string, Map<string, number>>();
  /** No lease started before this (a lower bound: deletes and renewals may leave it stale, the next walk refreshes it). */
  let oldest = Infinity;
  /** Events without any timestamp: their lease starts at the next sweep. */
  const unstamped = new Map<string, Map<string, number>>();
  const record = (key: string, o: KObject) => {
    const dir = key.slice(0, key.lastIndexOf('/'));
    let m = written.get(dir);
    if (!m) written.set(dir, (m = new Map()));
    const at = writtenAt(o);
    m.set(key, at);
    if (at) {
      unstamped.delete(key);
      oldest = Math.min(oldest, at);
    } else unstamped.set(key, m);
  };
  for (const dir of store.dirsUnder(PREFIX)) for (const e of store.listDir(dir)) record(e.key, e.value);
  store.watch(`${PREFIX}/`, (e) => {
    if (e.type !== 'DELETED') return record(e.key, e.object);
    const dir = e.key.slice(0, e.key.lastIndexOf('/'));
    const m = written.get(dir);
    unstamped.delete(e.key);
    m?.delete(e.key);
    if (m?.size === 0) written.delete(dir);
  });
  const sweep = () => {
    const now = cluster.clock.now();
    for (const [key, m] of unstamped) m.set(key, now);
    if (unstamped.size) oldest = Math.min(oldest, now);
    unstamped.clear();
    if (oldest + EVENT_TTL_MS <= now) {
      oldest = Infinity;
      const expired: string[] = [];
      for (const dir of [...written.keys()].sort()) {
        for (const [key, at] of written.get(dir)!) {
          if (at + EVENT_TTL_MS <= now) expired.push(key);
          else oldest = Math.min(oldest, at);
        }
      }
      for (const key of expired) {
        const cur = store.get(key);
        if (cur) store.delete(key, cur.modRevision);
      }
    }
    cluster.clock.setTimeout(sweep, SWEEP_MS, 'apiserver:event-ttl');
  };
  cluster.clock.setTimeout(sweep, SWEEP_MS, 'apiserver:event-ttl');
}
