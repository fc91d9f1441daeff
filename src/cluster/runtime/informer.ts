/**
 * A shared informer: one list+watch per resource through the API server, a
 * local cache, indexes, and handlers that only enqueue work. Controllers read
 * the cache instead of listing on every reconcile, as upstream's do.
 */
import type { Client } from '../api/client.js';
import type { WatchEvent } from '../api/server.js';
import type { KObject } from '../api/types.js';

export type IndexFn = (o: KObject) => string[];
export type InformerHandler = (type: WatchEvent['type'], obj: KObject, old?: KObject) => void;

export function objKey(o: KObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

export class Informer<T extends KObject = KObject> {
  private cache = new Map<string, T>();
  private indexes = new Map<string, { fn: IndexFn; map: Map<string, Set<string>> }>();
  private handlers: InformerHandler[] = [];
  private cancel: (() => void) | undefined;
  started = false;

  constructor(
    private readonly client: Client,
    readonly resource: string,
  ) {}

  addIndex(name: string, fn: (o: T) => string[]): void {
    if (this.indexes.has(name)) return;
    const map = new Map<string, Set<string>>();
    this.indexes.set(name, { fn: fn as IndexFn, map });
    for (const [k, o] of this.cache) for (const v of fn(o)) addTo(map, v, k);
  }

  on(handler: (type: WatchEvent['type'], obj: T, old?: T) => void): void {
    this.handlers.push(handler as InformerHandler);
    if (this.started) for (const o of this.cache.values()) handler('ADDED', o);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const w = this.client.watch(this.resource, undefined, (e) => this.onEvent(e));
    if (w.ok) this.cancel = w.cancel;
  }

  stop(): void {
    this.cancel?.();
    this.started = false;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  getNs(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  size(): number {
    return this.cache.size;
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.map.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  private onEvent(e: WatchEvent): void {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR') return;
    const o = e.object as T;
    const k = objKey(o);
    const old = this.cache.get(k);
    const deleted = e.type === 'DELETED';
    if (deleted) this.cache.delete(k);
    else this.cache.set(k, o);
    // Most updates leave the indexed values alone (a status write): touch only what moved.
    for (const { fn, map } of this.indexes.values()) {
      const before = old ? fn(old) : NONE;
      const after = deleted ? NONE : fn(o);
      if (sameValues(before, after)) continue;
      for (const v of before) if (!after.includes(v)) removeFrom(map, v, k);
      for (const v of after) if (!before.includes(v)) addTo(map, v, k);
    }
    for (const h of this.handlers) h(e.type, o, old);
  }
}

const NONE: string[] = [];

function sameValues(a: string[], b: string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addTo(map: Map<string, Set<string>>, v: string, k: string) {
  let s = map.get(v);
  if (!s) map.set(v, (s = new Set()));
  s.add(k);
}

function removeFrom(map: Map<string, Set<string>>, v: string, k: string) {
  const s = map.get(v);
  if (!s) return;
  s.delete(k);
  if (s.size === 0) map.delete(v);
}

/** Informers shared by every component of one cluster, one per resource and user. */
export class InformerFactory {
  private informers = new Map<string, Informer>();
  constructor(private readonly client: Client) {}

  for<T extends KObject = KObject>(resource: string): Informer<T> {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(this.client, resource);
      this.informers.set(resource, inf);
      inf.start();
    }
    return inf as unknown as Informer<T>;
  }
}
