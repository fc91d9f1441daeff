/**
 * Records core/v1 Events through the API as upstream's recorder does:
 * repeated events for the same object, reason and message are aggregated into
 * one object whose count and lastTimestamp grow.
 */
import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Client } from '../api/client.js';
import type { Clock } from '../clock.js';
import type { KObject } from '../api/types.js';
import { isoTime } from '../api/lifecycle.js';

export type EventType = 'Normal' | 'Warning';

export function refTo(o: KObject, fieldPath?: string): ObjectReference {
  const m = o.metadata ?? {};
  const ref: ObjectReference = { kind: o.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: o.apiVersion, resourceVersion: m.resourceVersion };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** One sequence per API server, so recorders of different components never pick the same name. */
const sequences = new WeakMap<object, number>();
function nextSeq(client: Client): number {
  const n = sequences.get(client.api) ?? 0;
  sequences.set(client.api, n + 1);
  return n;
}

/** Aggregation keys kept per recorder (upstream's event correlator keeps an LRU cache of 4096). */
const MAX_SEEN = 4096;

export class EventRecorder {
  private seen = new Map<string, { name: string; namespace: string; count: number }>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    readonly component: string,
    readonly host?: string,
  ) {}

  /** A recorder for the same client with another source (e.g. a kubelet's host). */
  forSource(component: string, host?: string): EventRecorder {
    return new EventRecorder(this.client, this.clock, component, host);
  }

  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = refTo(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const key = `${ref.uid}|${fieldPath ?? ''}|${reason}|${message}|${this.component}|${this.host ?? ''}`;
    const now = isoTime(this.clock.now());
    const prev = this.seen.get(key);
    if (prev) {
      this.seen.delete(key);
      this.seen.set(key, prev);
      prev.count++;
      const r = this.client.patch('events', prev.namespace, prev.name, { count: prev.count, lastTimestamp: now });
      if (r.ok) return;
    }
    // Upstream names events `<object>.<unix nanoseconds in hex>`; BigInt keeps the sequence exact.
    const name = `${ref.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(nextSeq(this.client))).toString(16)}`;
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: undefined,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    delete ev.eventTime;
    const r = this.client.create('events', namespace, ev);
    if (!r.ok) return;
    this.seen.set(key, { name, namespace, count: 1 });
    if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.keys().next().value!);
  }
}
