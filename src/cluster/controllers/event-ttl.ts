/**
 * Event TTL: kube-apiserver stores Events in etcd under a one-hour lease
 * (`--event-ttl`), so an Event disappears an hour after its last write. This
 * is storage behaviour, not a client: a sweep every minute removes expired
 * Events from the store (watchers see DELETED), with no API request traced.
 */
import type { Cluster } from '../cluster.js';
import { timeOf } from './pod-util.js';

export const EVENT_TTL_MS = 60 * 60_000;
const SWEEP_MS = 60_000;

export function installEventTtl(cluster: Cluster): void {
  /** When each event was last written (its lease start): first seen at its current resourceVersion. */
  const written = new Map<string, { rv: string; at: number }>();
  const sweep = () => {
    const now = cluster.clock.now();
    for (const e of cluster.store.dirsUnder('/registry/events').flatMap((d) => cluster.store.listDir(d))) {
      const rv = e.value.metadata?.resourceVersion ?? '';
      let w = written.get(e.key);
      if (!w || w.rv !== rv) {
        const ev = e.value as { lastTimestamp?: string; eventTime?: string };
        w = { rv, at: Math.max(timeOf(ev.lastTimestamp), timeOf(ev.eventTime), timeOf(e.value.metadata?.creationTimestamp)) || now };
        written.set(e.key, w);
      }
      if (w.at + EVENT_TTL_MS <= now) {
        cluster.store.delete(e.key, e.modRevision);
        written.delete(e.key);
      }
    }
    for (const k of [...written.keys()]) if (!cluster.store.get(k)) written.delete(k);
    cluster.clock.setTimeout(sweep, SWEEP_MS, 'apiserver:event-ttl');
  };
  cluster.clock.setTimeout(sweep, SWEEP_MS, 'apiserver:event-ttl');
}
