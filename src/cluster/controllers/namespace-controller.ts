/**
 * The namespace controller: a namespace marked for deletion (phase
 * Terminating) is emptied (every namespaced resource, through deletecollection),
 * its deletion conditions are reported as upstream's, and once nothing is left
 * the `kubernetes` finalizer is removed through namespaces/finalize, which
 * lets the API server remove the namespace.
 */
import type { Namespace, NamespaceCondition } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import type { Registry } from '../api/registry.js';
import type { ResourceDef } from '../api/resource.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';

type NS = Namespace & KObject;

/** Namespaced kinds that can't be listed or deleted as collections. */
const SKIP = new Set(['bindings', 'localsubjectaccessreviews']);

function gr(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private ctx!: ControllerContext;
  private namespaces!: Informer<NS>;

  constructor(private readonly registry: Registry) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.namespaces = ctx.informers.for<NS>('namespaces');
    this.namespaces.on((type, ns) => {
      if (type !== 'DELETED' && ns.metadata?.deletionTimestamp) ctx.queue.add(ns.metadata.name!);
    });
    // Pods finishing their graceful termination let a namespace go sooner.
    ctx.informers.for('pods').on((type, pod) => {
      if (type !== 'DELETED') return;
      const ns = this.namespaces.get(pod.metadata?.namespace ?? '');
      if (ns?.metadata?.deletionTimestamp) ctx.queue.add(ns.metadata.name!);
    });
  }

  reconcile(key: string): ReconcileResult {
    const ns = this.namespaces.get(key);
    if (!ns?.metadata?.deletionTimestamp) return;
    const client = this.ctx.client;
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const defs = this.registry
      .all()
      .filter((d) => d.namespaced && !SKIP.has(d.plural) && (!d.verbs || d.verbs.includes('deletecollection')))
      .sort((a, b) => (gr(a) < gr(b) ? -1 : 1));
    const seen = new Set<string>();
    for (const def of defs) {
      // events and events.events.k8s.io are one store.
      const store = def.storagePrefix ?? `/registry/${def.group ? `${def.group}/` : ''}${def.plural}`;
      if (seen.has(store)) continue;
      seen.add(store);
      const items = client.items(gr(def), key);
      if (items.length === 0) continue;
      if (items.some((o) => !o.metadata?.deletionTimestamp)) client.request({ verb: 'deletecollection', group: def.group, resource: def.plural, namespace: key });
      const left = client.items(gr(def), key);
      if (left.length > 0) {
        remaining.set(`${def.plural}.${def.group}`, left.length);
        for (const o of left) for (const f of o.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      }
    }
    this.setConditions(ns, remaining, finalizers);
    if (remaining.size > 0) return { requeueAfterMs: 5_000 };
    const fresh = this.namespaces.get(key);
    if (!fresh) return;
    const spec = (fresh.spec ?? {}) as { finalizers?: string[] };
    if (!(spec.finalizers ?? []).includes('kubernetes')) return;
    const copy = clone(fresh);
    (copy.spec as { finalizers?: string[] }).finalizers = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
    const r = client.subresource('update', 'namespaces', undefined, key, 'finalize', copy);
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }

  private setConditions(ns: NS, remaining: Map<string, number>, finalizers: Map<string, number>): void {
    const now = isoTime(this.ctx.clock.now());
    const old = ns.status?.conditions ?? [];
    const cond = (type: string, status: 'True' | 'False', reason: string, message: string): NamespaceCondition => {
      const prev = old.find((c) => c.type === type);
      return { type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message };
    };
    const list = (m: Map<string, number>, what: string) =>
      [...m.entries()]
        .sort()
        .map(([k, n]) => `${k} has ${n} ${what}`)
        .join(', ');
    const conditions: NamespaceCondition[] = [
      cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      remaining.size > 0 ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${list(remaining, 'resource instances')}`) : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
      finalizers.size > 0
        ? cond('NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${list(finalizers, 'resource instances')}`)
        : cond('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
    if (deepEqual(conditions, old)) return;
    this.ctx.client.updateStatus('namespaces', undefined, ns.metadata!.name!, { ...clone(ns), status: { ...(ns.status ?? {}), conditions } });
  }
}
