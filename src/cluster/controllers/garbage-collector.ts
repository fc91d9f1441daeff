/**
 * The garbage collector: follows ownerReferences across every resource.
 * - Background: a dependent whose owners are all gone is deleted.
 * - Foreground: an owner with the `foregroundDeletion` finalizer stays until
 *   its blocking dependents (blockOwnerDeletion) are gone; they are deleted
 *   in the foreground too.
 * - Orphan: an owner with the `orphan` finalizer has its reference removed
 *   from every dependent, then the finalizer.
 * Keys are `<resource>|<namespace>|<name>` (resource as the client names it).
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import type { Registry } from '../api/registry.js';
import type { ResourceDef } from '../api/resource.js';
import { clone, deepEqual } from '../api/paths.js';

export const ORPHAN = 'orphan';
export const FOREGROUND = 'foregroundDeletion';

/** Resources the collector doesn't follow: nothing owns them in practice, and they churn. */
const SKIP = new Set(['events', 'bindings', 'componentstatuses']);

function gr(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

const ownerUids = (o: KObject): string[] => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private ctx!: ControllerContext;
  private informers = new Map<string, Informer>();
  private defs = new Map<string, ResourceDef>();

  constructor(private readonly registry: Registry) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.watchAll();
    this.registry.onChange(() => this.watchAll());
  }

  private watchAll(): void {
    for (const def of this.registry.all()) {
      const resource = gr(def);
      if (this.informers.has(resource) || SKIP.has(def.plural)) continue;
      if (def.verbs && !def.verbs.includes('watch')) continue;
      const inf = this.ctx.informers.for(resource);
      this.informers.set(resource, inf);
      this.defs.set(resource, def);
      inf.addIndex('owner', ownerUids);
      inf.on((type, o, old) => this.onEvent(resource, type, o, old));
    }
  }

  private key(resource: string, o: KObject): string {
    return `${resource}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
  }

  private onEvent(resource: string, type: string, o: KObject, old?: KObject): void {
    const q = this.ctx.queue;
    const m = o.metadata ?? {};
    const refs = m.ownerReferences ?? [];
    if (type === 'DELETED') {
      for (const dep of this.dependents(m.uid!)) q.add(dep);
      // An owner waiting in the foreground may now be free.
      for (const r of refs) {
        const ok = this.ownerKey(r, m.namespace);
        if (ok) q.add(ok);
      }
      return;
    }
    const fin = m.finalizers ?? [];
    if (m.deletionTimestamp && (fin.includes(ORPHAN) || fin.includes(FOREGROUND))) {
      q.add(this.key(resource, o));
      if (fin.includes(FOREGROUND)) for (const dep of this.dependents(m.uid!)) q.add(dep);
    }
    const oldRefs = old?.metadata?.ownerReferences ?? [];
    if (refs.length > 0 && (type === 'ADDED' || !deepEqual(refs, oldRefs) || (!!m.deletionTimestamp && !old?.metadata?.deletionTimestamp))) q.add(this.key(resource, o));
    if (m.deletionTimestamp && !old?.metadata?.deletionTimestamp) for (const r of refs) {
      const ok = this.ownerKey(r, m.namespace);
      if (ok) q.add(ok);
    }
  }

  /** Keys of every object that names `uid` as an owner. */
  private dependents(uid: string): string[] {
    const out: string[] = [];
    for (const [resource, inf] of this.informers) for (const o of inf.byIndex('owner', uid)) out.push(this.key(resource, o));
    return out.sort();
  }

  private resolve(ref: OwnerReference): { resource: string; def: ResourceDef } | undefined {
    const def = this.registry.forKind(ref.apiVersion, ref.kind);
    if (!def) return undefined;
    return { resource: gr(def), def };
  }

  private ownerKey(ref: OwnerReference, ns: string | undefined): string | undefined {
    const r = this.resolve(ref);
    if (!r) return undefined;
    return `${r.resource}|${r.def.namespaced ? (ns ?? '') : ''}|${ref.name}`;
  }

  /** The owner if it exists with the referenced uid; `null` when it is gone; undefined when unknown. */
  private owner(ref: OwnerReference, ns: string | undefined): KObject | null | undefined {
    const r = this.resolve(ref);
    if (!r) return undefined;
    const inf = this.informers.get(r.resource);
    if (!inf) return undefined;
    const o = inf.getNs(r.def.namespaced ? ns : undefined, ref.name);
    return o && o.metadata?.uid === ref.uid ? o : null;
  }

  reconcile(key: string): ReconcileResult {
    const [resource, ns, name] = key.split('|') as [string, string, string];
    const inf = this.informers.get(resource);
    const o = inf?.getNs(ns || undefined, name);
    if (!o) return;
    const m = o.metadata ?? {};
    const fin = m.finalizers ?? [];
    if (m.deletionTimestamp && fin.includes(ORPHAN)) return this.orphan(resource, o);
    if (m.deletionTimestamp && fin.includes(FOREGROUND)) {
      const r = this.foreground(resource, o);
      if (r) return r;
    }
    return this.attemptToDelete(resource, o);
  }

  private removeFinalizer(resource: string, o: KObject, finalizer: string): ReconcileResult {
    const copy = clone(o);
    copy.metadata!.finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== finalizer);
    const r = this.ctx.client.update(resource, o.metadata?.namespace, o.metadata!.name!, copy);
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return undefined;
  }

  private orphan(resource: string, o: KObject): ReconcileResult {
    const uid = o.metadata!.uid!;
    for (const key of this.dependents(uid)) {
      const [dr, dns, dname] = key.split('|') as [string, string, string];
      const dep = this.informers.get(dr)?.getNs(dns || undefined, dname);
      if (!dep) continue;
      const refs = (dep.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const r = this.ctx.client.patch(dr, dns || undefined, dname, { metadata: { ownerReferences: refs.length ? refs : null } });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    return this.removeFinalizer(resource, o, ORPHAN);
  }

  /** Delete blocking dependents; drop the finalizer once none is left. */
  private foreground(resource: string, o: KObject): ReconcileResult | undefined {
    const uid = o.metadata!.uid!;
    let blocking = 0;
    for (const key of this.dependents(uid)) {
      const [dr, dns, dname] = key.split('|') as [string, string, string];
      const dep = this.informers.get(dr)?.getNs(dns || undefined, dname);
      if (!dep) continue;
      const ref = dep.metadata?.ownerReferences?.find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (!dep.metadata?.deletionTimestamp) {
        this.ctx.client.delete(dr, dns || undefined, dname, { propagationPolicy: 'Foreground', preconditions: { uid: dep.metadata?.uid } });
      }
    }
    if (blocking > 0) return { requeueAfterMs: 5_000 };
    return this.removeFinalizer(resource, o, FOREGROUND) ?? (o.metadata?.ownerReferences?.length ? undefined : { requeueAfterMs: 0 });
  }

  private attemptToDelete(resource: string, o: KObject): ReconcileResult {
    const m = o.metadata ?? {};
    const refs = m.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.owner(ref, m.namespace);
      if (owner === undefined) solid.push(ref);
      else if (owner === null) dangling.push(ref);
      else if (owner.metadata?.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const keep = refs.filter((r) => !dangling.includes(r) && !waiting.includes(r));
      const r = this.ctx.client.patch(resource, m.namespace, m.name!, { metadata: { ownerReferences: keep } });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
      return;
    }
    if (m.deletionTimestamp) return;
    const fin = m.finalizers ?? [];
    const hasDependents = this.dependents(m.uid!).length > 0;
    const policy = fin.includes(ORPHAN) ? 'Orphan' : fin.includes(FOREGROUND) || (waiting.length > 0 && hasDependents) ? 'Foreground' : 'Background';
    const r = this.ctx.client.delete(resource, m.namespace, m.name!, { propagationPolicy: policy, preconditions: { uid: m.uid } });
    if (!r.ok && r.status.reason !== 'NotFound' && r.status.reason !== 'Conflict') return { error: r.status.message };
    return;
  }
}
