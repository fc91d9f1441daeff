/**
 * The etcd role: a versioned key-value store with one global revision, keys
 * `/registry/<resource>/<namespace>/<name>`, watch from a revision, and a
 * bounded history (older revisions are compacted; watching from before the
 * oldest kept one is "too old").
 *
 * Values are stored as given and treated as immutable: the API server hands the
 * store fresh objects and never mutates what it read back. With
 * KUBEDOJO_FREEZE=1 (the tests) stored values are deep-frozen, so a component
 * that mutates what it read fails loudly.
 */
import type { KObject } from '../api/types.js';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEntry {
  key: string;
  value: KObject;
  createRevision: number;
  modRevision: number;
}

export interface StoreEvent {
  type: StoreEventType;
  key: string;
  /** The object after the change; for DELETED, the last state (with the deletion revision as resourceVersion). */
  object: KObject;
  prev?: KObject;
  revision: number;
}

export type WatchHandler = (e: StoreEvent) => void;

/**
 * Deliver only events whose object (or its previous state) has `of(o) === value`,
 * as the API server's watch cache does with its pod-by-spec.nodeName trigger:
 * a hundred kubelets' pod watches then cost one lookup per event, not a hundred filters.
 */
export interface WatchTrigger {
  /** The indexed field, e.g. `spec.nodeName`; every watch on a prefix with the same name must use the same `of`. */
  name: string;
  value: string;
  of: (o: KObject) => string | undefined;
}

interface Watcher {
  prefix: string;
  handler: WatchHandler;
  /** Registration order: handlers run in it, whichever index found them. */
  seq: number;
  trigger?: WatchTrigger;
  dead?: boolean;
}

/** The watchers of one prefix: those that see every event, and those behind a trigger, by value. */
interface Bucket {
  all: Watcher[];
  triggers: Map<string, { of: (o: KObject) => string | undefined; byValue: Map<string, Watcher[]> }>;
}

export type WriteResult = { ok: true; entry: StoreEntry } | { ok: false; reason: 'exists' | 'missing' | 'conflict'; current?: StoreEntry };

const freeze = typeof process !== 'undefined' && process.env.KUBEDOJO_FREEZE === '1';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Split `/registry/pods/default/web` into its prefix bucket and the rest. */
function bucketOf(key: string): [string, string] {
  // The bucket is everything up to the last one or two segments; callers
  // always use bucket-aligned prefixes, so we index by the parent "directory".
  const i = key.lastIndexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export class Store {
  private rev = 0;
  private compacted = 0;
  /** parent directory → name → entry; a key lives in exactly one directory. */
  private dirs = new Map<string, Map<string, StoreEntry>>();
  /** Every entry by its full key (get without splitting the key). */
  private entries = new Map<string, StoreEntry>();
  private history: StoreEvent[] = [];
  /** Watchers by their prefix (every prefix ends with `/`; an event looks up each of its key's ancestors). */
  private buckets = new Map<string, Bucket>();
  /** A key's directory → the buckets of its ancestor prefixes, outermost first (rebuilt when a bucket comes or goes). */
  private chains = new Map<string, Bucket[]>();
  /** Watchers whose prefix doesn't end with `/` (rare): checked one by one. */
  private loose: Watcher[] = [];
  private watchSeq = 0;
  private readonly hits: Watcher[] = [];
  private dispatching = false;

  constructor(private readonly historyLimit = 20_000) {}

  get revision(): number {
    return this.rev;
  }

  /** The oldest revision a watch can still start from. */
  get compactRevision(): number {
    return this.compacted;
  }

  get(key: string): StoreEntry | undefined {
    return this.entries.get(key);
  }

  /** Every entry whose key starts with `prefix` (a directory path, with or without a trailing slash), sorted by key. */
  list(prefix: string): StoreEntry[] {
    const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
    const out: StoreEntry[] = [];
    for (const [dir, m] of this.dirs) {
      if (dir === p.slice(0, -1) || dir.startsWith(p)) for (const e of m.values()) out.push(e);
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  /** Entries directly in one directory (fast path: one namespace of one resource). */
  listDir(dir: string): StoreEntry[] {
    const m = this.dirs.get(dir);
    return m ? [...m.values()] : [];
  }

  /** All directories under a prefix (e.g. one per namespace). */
  dirsUnder(prefix: string): string[] {
    const out: string[] = [];
    for (const dir of this.dirs.keys()) if (dir === prefix || dir.startsWith(`${prefix}/`)) out.push(dir);
    return out.sort();
  }

  keys(prefix = '/'): string[] {
    return this.list(prefix).map((e) => e.key);
  }

  create(key: string, value: KObject): WriteResult {
    if (this.get(key)) return { ok: false, reason: 'exists', current: this.get(key) };
    const rev = this.bump();
    const stored = this.stamp(value, rev);
    const entry: StoreEntry = { key, value: stored, createRevision: rev, modRevision: rev };
    this.put(entry);
    this.emit({ type: 'ADDED', key, object: stored, revision: rev });
    return { ok: true, entry };
  }

  /** Compare-and-swap on modRevision when `expectedRevision` is given. */
  update(key: string, value: KObject, expectedRevision?: number): WriteResult {
    const cur = this.get(key);
    if (!cur) return { ok: false, reason: 'missing' };
    if (expectedRevision !== undefined && cur.modRevision !== expectedRevision) return { ok: false, reason: 'conflict', current: cur };
    const rev = this.bump();
    const stored = this.stamp(value, rev);
    const entry: StoreEntry = { key, value: stored, createRevision: cur.createRevision, modRevision: rev };
    this.put(entry);
    this.emit({ type: 'MODIFIED', key, object: stored, prev: cur.value, revision: rev });
    return { ok: true, entry };
  }

  delete(key: string, expectedRevision?: number): WriteResult {
    const cur = this.get(key);
    if (!cur) return { ok: false, reason: 'missing' };
    if (expectedRevision !== undefined && cur.modRevision !== expectedRevision) return { ok: false, reason: 'conflict', current: cur };
    const rev = this.bump();
    const [dir, name] = bucketOf(key);
    const m = this.dirs.get(dir)!;
    m.delete(name);
    if (m.size === 0) this.dirs.delete(dir);
    this.entries.delete(key);
    const last = this.stamp(cur.value, rev);
    this.emit({ type: 'DELETED', key, object: last, prev: cur.value, revision: rev });
    return { ok: true, entry: { ...cur, value: last, modRevision: rev } };
  }

  /**
   * Watch keys under `prefix`. With `fromRevision`, first replays every kept
   * event after it; returns `{ok:false}` when that revision was compacted.
   */
  watch(prefix: string, handler: WatchHandler, fromRevision?: number, trigger?: WatchTrigger): { ok: true; cancel: () => void } | { ok: false; compacted: number } {
    if (fromRevision !== undefined && fromRevision > 0 && fromRevision < this.compacted) return { ok: false, compacted: this.compacted };
    const w: Watcher = { prefix, handler, seq: ++this.watchSeq, trigger };
    if (fromRevision !== undefined && fromRevision > 0) {
      for (const e of this.history) if (e.revision > fromRevision && e.key.startsWith(prefix) && triggered(w, e)) handler(e);
    }
    this.addWatcher(w);
    return {
      ok: true,
      cancel: () => {
        if (w.dead) return;
        w.dead = true;
        this.removeWatcher(w);
      },
    };
  }

  /** How many watches are open (tests read it). */
  get watchCount(): number {
    let n = this.loose.length;
    for (const b of this.buckets.values()) {
      n += b.all.length;
      for (const t of b.triggers.values()) for (const ws of t.byValue.values()) n += ws.length;
    }
    return n;
  }

  // Watcher lists are replaced, never mutated, so a dispatch in progress keeps its snapshot.
  private addWatcher(w: Watcher): void {
    if (!w.prefix.endsWith('/')) {
      this.loose = [...this.loose, w];
      return;
    }
    let b = this.buckets.get(w.prefix);
    if (!b) {
      this.buckets.set(w.prefix, (b = { all: [], triggers: new Map() }));
      this.chains.clear();
    }
    if (!w.trigger) {
      b.all = [...b.all, w];
      return;
    }
    let t = b.triggers.get(w.trigger.name);
    if (!t) b.triggers.set(w.trigger.name, (t = { of: w.trigger.of, byValue: new Map() }));
    t.byValue.set(w.trigger.value, [...(t.byValue.get(w.trigger.value) ?? []), w]);
  }

  private removeWatcher(w: Watcher): void {
    const without = (ws: Watcher[]) => ws.filter((x) => x !== w);
    if (!w.prefix.endsWith('/')) {
      this.loose = without(this.loose);
      return;
    }
    const b = this.buckets.get(w.prefix);
    if (!b) return;
    if (!w.trigger) b.all = without(b.all);
    else {
      const t = b.triggers.get(w.trigger.name);
      const ws = t && without(t.byValue.get(w.trigger.value) ?? []);
      if (t && ws && ws.length) t.byValue.set(w.trigger.value, ws);
      else if (t) {
        t.byValue.delete(w.trigger.value);
        if (t.byValue.size === 0) b.triggers.delete(w.trigger.name);
      }
    }
    if (b.all.length === 0 && b.triggers.size === 0) {
      this.buckets.delete(w.prefix);
      this.chains.clear();
    }
  }

  /** Every live watcher that wants the event, in registration order. */
  private watchersFor(e: StoreEvent): Watcher[] {
    const hits = this.hits;
    hits.length = 0;
    const key = e.key;
    const dir = key.slice(0, key.lastIndexOf('/') + 1);
    let chain = this.chains.get(dir);
    if (!chain) {
      chain = [];
      for (let i = dir.indexOf('/'); i >= 0; i = dir.indexOf('/', i + 1)) {
        const b = this.buckets.get(dir.slice(0, i + 1));
        if (b) chain.push(b);
      }
      if (this.chains.size > 10_000) this.chains.clear();
      this.chains.set(dir, chain);
    }
    for (const b of chain) {
      if (b.all.length) {
        for (const w of b.all) hits.push(w);
      }
      if (b.triggers.size === 0) continue;
      for (const t of b.triggers.values()) {
        const now = t.of(e.object);
        const before = e.prev ? t.of(e.prev) : undefined;
        const a = now === undefined ? undefined : t.byValue.get(now);
        const c = before === undefined || before === now ? undefined : t.byValue.get(before);
        if (a) {
            for (const w of a) hits.push(w);
        }
        if (c) {
            for (const w of c) hits.push(w);
        }
      }
    }
    for (const w of this.loose) {
      if (key.startsWith(w.prefix) && triggered(w, e)) {
        hits.push(w);
      }
    }
    if (!inOrder(hits)) hits.sort(bySeq);
    return hits;
  }

  private bump(): number {
    if (this.dispatching) throw new Error('store write during watch dispatch: watch handlers must only enqueue work');
    return ++this.rev;
  }

  private stamp(value: KObject, rev: number): KObject {
    const v: KObject = { ...value, metadata: { ...(value.metadata ?? {}), resourceVersion: String(rev) } };
    return freeze ? deepFreeze(v) : v;
  }

  private put(entry: StoreEntry): void {
    const [dir, name] = bucketOf(entry.key);
    let m = this.dirs.get(dir);
    if (!m) this.dirs.set(dir, (m = new Map()));
    m.set(name, entry);
    this.entries.set(entry.key, entry);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > this.historyLimit) {
      // Compact in chunks so the array doesn't shift on every write.
      const drop = Math.floor(this.historyLimit / 4);
      this.history = this.history.slice(drop);
      this.compacted = this.history[0]?.revision ?? this.rev;
    }
    // Handlers can't write (bump throws), so no event is emitted while this buffer is in use.
    const ws = this.watchersFor(e);
    if (ws.length === 0) return;
    this.dispatching = true;
    try {
      for (const w of ws) if (!w.dead) w.handler(e);
    } finally {
      this.dispatching = false;
    }
  }
}

const bySeq = (a: Watcher, b: Watcher) => a.seq - b.seq;

function inOrder(ws: Watcher[]): boolean {
  for (let i = 1; i < ws.length; i++) if (ws[i - 1]!.seq > ws[i]!.seq) return false;
  return true;
}

function triggered(w: Watcher, e: StoreEvent): boolean {
  const t = w.trigger;
  if (!t) return true;
  return t.of(e.object) === t.value || (e.prev !== undefined && t.of(e.prev) === t.value);
}
