/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods that match the
 * selector, adopting orphans and releasing pods that stopped matching, creating
 * in slow-start batches (at most 500 a sync, as upstream's burstReplicas) and
 * deleting the pods upstream would rank first. Status counts ready and
 * available (Ready for minReadySeconds) pods.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { claim, controllerOf, controllerUidIndex, namespaceIndex, newControllerRef, orphanIndex } from './controller-ref.js';
import { PodControl, podFromTemplate, slowStartBatch } from './pod-control.js';
import { isPodActive, isPodAvailable, isPodReady, podChangedForOwner, podReadySince } from './pod-util.js';
import { podsToDelete } from './pod-ranking.js';
import { onlyStatusChanged } from './status-only.js';

export const BURST_REPLICAS = 500;

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private ctx!: ControllerContext;
  private pods!: Informer<Pod & KObject>;
  private rss!: Informer<ReplicaSet & KObject>;
  private control!: PodControl;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.control = new PodControl(ctx.client, ctx.events);
    this.rss = ctx.informers.for<ReplicaSet & KObject>('replicasets.apps');
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    for (const inf of [this.rss, this.pods] as Informer[]) {
      inf.addIndex('namespace', namespaceIndex);
      inf.addIndex('controller', controllerUidIndex);
    }
    this.pods.addIndex('orphan', orphanIndex);
    this.rss.on((type, o, old) => {
      // Its own status writes change nothing a sync reads (the Deployment controller's spec writes do).
      if (type === 'MODIFIED' && onlyStatusChanged(old, o)) return;
      ctx.queue.add(objKey(o));
    });
    this.pods.on((type, pod, old) => {
      // Status churn that moves nothing a sync counts (containers starting, restarts) enqueues nothing.
      if (type === 'MODIFIED' && old && !podChangedForOwner(old, pod)) return;
      const ref = controllerOf(pod);
      const oldRef = old ? controllerOf(old) : undefined;
      if (oldRef && oldRef.kind === 'ReplicaSet' && oldRef.uid !== ref?.uid) ctx.queue.add(`${pod.metadata?.namespace}/${oldRef.name}`);
      if (ref) {
        if (ref.kind === 'ReplicaSet') ctx.queue.add(`${pod.metadata?.namespace}/${ref.name}`);
        return;
      }
      if (type === 'DELETED') return;
      // An orphan: every ReplicaSet whose selector matches may adopt it.
      for (const rs of this.rss.byIndex('namespace', pod.metadata?.namespace ?? '')) {
        if (matchesLabels(fromLabelSelector(rs.spec?.selector), pod.metadata?.labels)) ctx.queue.add(objKey(rs));
      }
    });
  }

  reconcile(key: string): ReconcileResult {
    const rs = this.rss.get(key);
    if (!rs) return;
    const ns = rs.metadata!.namespace!;
    const now = this.ctx.clock.now();
    const selector = fromLabelSelector(rs.spec?.selector);
    // Only our pods and orphans can end up ours (others' are skipped by claim anyway).
    const candidates = [...this.pods.byIndex('controller', rs.metadata!.uid!), ...this.pods.byIndex('orphan', ns)].filter(isPodActive);
    candidates.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const pods = claim({ client: this.ctx.client, resource: 'pods', owner: rs, apiVersion: 'apps/v1', kind: 'ReplicaSet', selector }, candidates);
    let failure: string | undefined;
    if (!rs.metadata?.deletionTimestamp) failure = this.manage(rs, pods, now);
    const status = this.status(rs, now, failure);
    if (!deepEqual(status, rs.status ?? {})) {
      const r = this.ctx.client.updateStatus('replicasets.apps', ns, rs.metadata!.name!, { ...clone(rs), status });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) {
      // Check again when the earliest not-yet-available pod becomes available.
      let next = Infinity;
      for (const p of this.owned(rs)) {
        const since = podReadySince(p);
        if (since !== undefined && since + minReady * 1000 > now) next = Math.min(next, since + minReady * 1000);
      }
      if (next < Infinity) return { requeueAfterMs: next - now };
    }
    return failure ? { error: failure } : undefined;
  }

  private owned(rs: ReplicaSet & KObject): (Pod & KObject)[] {
    return this.pods.byIndex('controller', rs.metadata!.uid!).filter(isPodActive);
  }

  /** Returns an error message when a create failed. */
  private manage(rs: ReplicaSet & KObject, pods: Pod[], now: number): string | undefined {
    const want = rs.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
      let error: string | undefined;
      const created = slowStartBatch(n, 1, () => {
        const pod = podFromTemplate(rs.spec?.template, rs.metadata!.namespace!, ref, `${rs.metadata!.name}-`);
        const r = this.control.create(rs, pod);
        if (typeof r === 'string') error = r;
        return typeof r !== 'string';
      });
      return created < n ? error : undefined;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const related = this.relatedPods(rs);
      for (const p of podsToDelete(pods, related, n, now)) this.control.delete(rs, p);
    }
    return undefined;
  }

  /** Active pods of every ReplicaSet with the same controller (for the same-node rank). */
  private relatedPods(rs: ReplicaSet & KObject): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return this.owned(rs);
    const out: Pod[] = [];
    for (const sib of this.rss.byIndex('controller', owner.uid)) out.push(...this.owned(sib));
    return out;
  }

  private status(rs: ReplicaSet & KObject, now: number, failure: string | undefined): ReplicaSetStatus {
    const pods = this.owned(rs);
    const tmplLabels = rs.spec?.template?.metadata?.labels ?? {};
    const minReady = rs.spec?.minReadySeconds ?? 0;
    let fully = 0;
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      if (Object.entries(tmplLabels).every(([k, v]) => p.metadata?.labels?.[k] === v)) fully++;
      if (isPodReady(p)) ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
    const s: ReplicaSetStatus = { replicas: pods.length };
    if (fully) s.fullyLabeledReplicas = fully;
    if (ready) s.readyReplicas = ready;
    if (available) s.availableReplicas = available;
    if (rs.metadata?.generation) s.observedGeneration = rs.metadata.generation;
    const conds = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    const old = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) {
      const c: ReplicaSetCondition = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failure, lastTransitionTime: old?.lastTransitionTime ?? isoTime(now) };
      conds.push(c);
    }
    if (conds.length) s.conditions = conds;
    return s;
  }
}
