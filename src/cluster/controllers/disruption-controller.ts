/**
 * The disruption controller: keeps each PodDisruptionBudget's status
 * (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, the
 * DisruptionAllowed condition) in step with its pods; the eviction
 * subresource reads it. Percentages and maxUnavailable count against the
 * scale of the pods' controllers (Deployment, ReplicaSet, StatefulSet), as upstream.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Condition } from 'kubernetes-types/meta/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { controllerOf, namespaceIndex } from './controller-ref.js';
import { isPodReady } from './pod-util.js';
import { scaledValue } from './deployment-util.js';

type PDB = PodDisruptionBudget & KObject;
type P = Pod & KObject;
type Scaled = KObject & { spec?: { replicas?: number } };

export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';
  private ctx!: ControllerContext;
  private pdbs!: Informer<PDB>;
  private pods!: Informer<P>;
  private rss!: Informer<Scaled>;
  private deployments!: Informer<Scaled>;
  private sets!: Informer<Scaled>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.pdbs = ctx.informers.for<PDB>('poddisruptionbudgets.policy');
    this.pods = ctx.informers.for<P>('pods');
    this.rss = ctx.informers.for<Scaled>('replicasets.apps');
    this.deployments = ctx.informers.for<Scaled>('deployments.apps');
    this.sets = ctx.informers.for<Scaled>('statefulsets.apps');
    this.pdbs.addIndex('namespace', namespaceIndex);
    this.pods.addIndex('namespace', namespaceIndex);
    this.pdbs.on((type, p) => {
      if (type !== 'DELETED') ctx.queue.add(objKey(p));
    });
    this.pods.on((_t, pod) => {
      for (const pdb of this.pdbs.byIndex('namespace', pod.metadata?.namespace ?? '')) {
        if (matchesLabels(fromLabelSelector(pdb.spec?.selector), pod.metadata?.labels)) ctx.queue.add(objKey(pdb));
      }
    });
    for (const inf of [this.deployments, this.sets, this.rss]) {
      inf.on((_t, o) => {
        for (const pdb of this.pdbs.byIndex('namespace', o.metadata?.namespace ?? '')) ctx.queue.add(objKey(pdb));
      });
    }
  }

  /** The scale of the controller that finally owns `pod` (a Deployment through its ReplicaSet). */
  private controllerScale(pod: P): { uid: string; replicas: number } | undefined {
    const ref = controllerOf(pod);
    const ns = pod.metadata?.namespace;
    if (!ref) return undefined;
    if (ref.kind === 'ReplicaSet') {
      const rs = this.rss.getNs(ns, ref.name);
      if (!rs) return undefined;
      const dref = controllerOf(rs);
      if (dref?.kind === 'Deployment') {
        const d = this.deployments.getNs(ns, dref.name);
        return d ? { uid: d.metadata!.uid!, replicas: d.spec?.replicas ?? 1 } : undefined;
      }
      return { uid: rs.metadata!.uid!, replicas: rs.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'StatefulSet') {
      const s = this.sets.getNs(ns, ref.name);
      return s ? { uid: s.metadata!.uid!, replicas: s.spec?.replicas ?? 1 } : undefined;
    }
    return undefined;
  }

  /** Upstream's failSafe: no disruption allowed until the budget can be computed. */
  private failSafe(pdb: PDB, message: string, reason: string): ReconcileResult {
    this.ctx.events.event(pdb, 'Warning', reason, message);
    const old = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const cond: Condition = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: pdb.metadata?.generation, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : isoTime(this.ctx.clock.now()) };
    const next: PodDisruptionBudgetStatus = { ...clone(pdb.status ?? {}), disruptionsAllowed: 0, currentHealthy: pdb.status?.currentHealthy ?? 0, desiredHealthy: pdb.status?.desiredHealthy ?? 0, expectedPods: pdb.status?.expectedPods ?? 0, conditions: [cond] };
    if (deepEqual(next, pdb.status ?? {})) return;
    const r = this.ctx.client.updateStatus('poddisruptionbudgets.policy', pdb.metadata!.namespace, pdb.metadata!.name!, { ...clone(pdb), status: next });
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }

  reconcile(key: string): ReconcileResult {
    const pdb = this.pdbs.get(key);
    if (!pdb) return;
    const sel = fromLabelSelector(pdb.spec?.selector);
    const pods = this.pods
      .byIndex('namespace', pdb.metadata!.namespace!)
      .filter((p) => pdb.spec?.selector && matchesLabels(sel, p.metadata?.labels))
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const minAvailable = pdb.spec?.minAvailable;
    const maxUnavailable = pdb.spec?.maxUnavailable;
    let expected = pods.length;
    let desired = 0;
    if (maxUnavailable !== undefined || typeof minAvailable === 'string') {
      const scales = new Map<string, number>();
      for (const p of pods) {
        const s = this.controllerScale(p);
        if (!s) return this.failSafe(pdb, controllerOf(p) ? `found no controllers for pod "${p.metadata!.name}"` : `found no controller ref for pod "${p.metadata!.name}"`, controllerOf(p) ? 'NoControllers' : 'NoControllerRef');
        scales.set(s.uid, s.replicas);
      }
      expected = [...scales.values()].reduce((a, b) => a + b, 0);
      if (maxUnavailable !== undefined) desired = Math.max(0, expected - scaledValue(maxUnavailable, expected, true));
      else desired = scaledValue(minAvailable, expected, true);
    } else if (minAvailable !== undefined) desired = minAvailable;
    const healthy = pods.filter((p) => !p.metadata?.deletionTimestamp && isPodReady(p)).length;
    const allowed = Math.max(0, healthy - desired);
    const now = isoTime(this.ctx.clock.now());
    const old = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const status = allowed > 0 ? 'True' : 'False';
    const cond: Condition = { type: 'DisruptionAllowed', status, reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods', message: '', observedGeneration: pdb.metadata?.generation, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now };
    const next: PodDisruptionBudgetStatus = { ...clone(pdb.status ?? {}), observedGeneration: pdb.metadata?.generation, expectedPods: expected, desiredHealthy: desired, currentHealthy: healthy, disruptionsAllowed: allowed, conditions: [cond] };
    if (deepEqual(next, pdb.status ?? {})) return;
    const r = this.ctx.client.updateStatus('poddisruptionbudgets.policy', pdb.metadata!.namespace, pdb.metadata!.name!, { ...clone(pdb), status: next });
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}
