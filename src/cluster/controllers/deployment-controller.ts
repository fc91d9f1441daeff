/**
 * The Deployment controller: owns ReplicaSets named `<deploy>-<pod-template-hash>`
 * and rolls between them (RollingUpdate within maxSurge/maxUnavailable, or
 * Recreate), scales proportionally during a rollout, honours pause, and
 * reports Available/Progressing with upstream's reasons and messages.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';
import { claim, controllerOf, controllerUidIndex, namespaceIndex, orphanIndex } from './controller-ref.js';
import { DeploymentSync } from './deployment-sync.js';
import { byCreation, deploymentComplete, maxUnavailable, replicasOf, specReplicasSum, type D, type RS } from './deployment-util.js';
import { isPodTerminal } from './pod-util.js';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private ctx!: ControllerContext;
  private deployments!: Informer<D>;
  private rss!: Informer<RS>;
  private pods!: Informer<Pod & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.deployments = ctx.informers.for<D>('deployments.apps');
    this.rss = ctx.informers.for<RS>('replicasets.apps');
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    for (const inf of [this.deployments, this.rss, this.pods] as Informer[]) {
      inf.addIndex('namespace', namespaceIndex);
      inf.addIndex('controller', controllerUidIndex);
    }
    this.rss.addIndex('orphan', orphanIndex);
    this.deployments.on((_t, o) => ctx.queue.add(objKey(o)));
    this.rss.on((type, rs, old) => {
      const ref = controllerOf(rs);
      const oldRef = old ? controllerOf(old) : undefined;
      if (oldRef?.kind === 'Deployment' && oldRef.uid !== ref?.uid) ctx.queue.add(`${rs.metadata?.namespace}/${oldRef.name}`);
      if (ref) {
        if (ref.kind === 'Deployment') ctx.queue.add(`${rs.metadata?.namespace}/${ref.name}`);
        return;
      }
      if (type === 'DELETED') return;
      for (const d of this.deployments.byIndex('namespace', rs.metadata?.namespace ?? '')) {
        if (matchesLabels(fromLabelSelector(d.spec?.selector), rs.metadata?.labels)) ctx.queue.add(objKey(d));
      }
    });
    // Recreate waits for old pods to be gone.
    this.pods.on((type, pod) => {
      if (type !== 'DELETED') return;
      const rsRef = controllerOf(pod);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = this.rss.getNs(pod.metadata?.namespace, rsRef.name);
      const dRef = rs ? controllerOf(rs) : undefined;
      if (dRef?.kind !== 'Deployment') return;
      const d = this.deployments.getNs(pod.metadata?.namespace, dRef.name);
      if (d?.spec?.strategy?.type === 'Recreate') ctx.queue.add(objKey(d));
    });
  }

  reconcile(key: string): ReconcileResult {
    const d = this.deployments.get(key);
    if (!d) return;
    const ns = d.metadata!.namespace!;
    // Only our ReplicaSets and orphans can end up ours (claim skips the others).
    const candidates = [...this.rss.byIndex('controller', d.metadata!.uid!), ...this.rss.byIndex('orphan', ns)].sort(byCreation);
    const rsList = claim({ client: this.ctx.client, resource: 'replicasets.apps', owner: d, apiVersion: 'apps/v1', kind: 'Deployment', selector: fromLabelSelector(d.spec?.selector) }, candidates);
    const s = new DeploymentSync(this.ctx, d, rsList);
    if (d.metadata?.deletionTimestamp) {
      const { newRS } = s.getAll(false);
      s.writeStatus(s.calculateStatus(newRS));
      return this.result(s);
    }
    s.checkPausedConditions();
    if (s.d.spec?.paused || s.isScalingEvent()) s.sync();
    else if (s.d.spec?.strategy?.type === 'Recreate') this.recreate(s);
    else this.rolling(s);
    return this.result(s);
  }

  private result(s: DeploymentSync): ReconcileResult {
    if (s.error) return { error: s.error };
    if (s.requeueAfterMs !== undefined) return { requeueAfterMs: s.requeueAfterMs };
    return undefined;
  }

  /** rolloutRolling: scale the new ReplicaSet up within maxSurge, then old ones down within maxUnavailable. */
  private rolling(s: DeploymentSync): void {
    const { newRS, oldRSs } = s.getAll(true);
    if (!newRS) return;
    if (this.reconcileNew(s, newRS) || this.reconcileOld(s, s.split().newRS ?? newRS, oldRSs)) {
      s.syncRolloutStatus(s.split().newRS);
      return;
    }
    if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
    s.syncRolloutStatus(newRS);
  }

  private reconcileNew(s: DeploymentSync, newRS: RS): boolean {
    const want = replicasOf(s.d);
    const cur = newRS.spec?.replicas ?? 0;
    if (cur === want) return false;
    if (cur > want) return s.scaleIfNeeded(newRS, want);
    return s.scaleIfNeeded(newRS, s.newRSReplicas(s.rsList, newRS));
  }

  private reconcileOld(s: DeploymentSync, newRS: RS, oldRSs: RS[]): boolean {
    const oldPods = specReplicasSum(oldRSs);
    if (oldPods === 0) return false;
    const all = [newRS, ...oldRSs];
    const allPods = specReplicasSum(all);
    const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
    const newUnavailable = (newRS.spec?.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // First old pods that aren't available anyway.
    let cleaned = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const size = rs.spec?.replicas ?? 0;
      if (size === 0) continue;
      const unhealthy = size - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      s.scaleIfNeeded(rs, size - down);
      cleaned += down;
    }
    // Then available ones, down to minAvailable.
    const fresh = s.split();
    const allNow = [...(fresh.newRS ? [fresh.newRS] : []), ...fresh.oldRSs];
    const availableNow = allNow.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    let scaled = 0;
    if (availableNow > minAvailable) {
      const total = availableNow - minAvailable;
      for (const rs of [...fresh.oldRSs].sort(byCreation)) {
        if (scaled >= total) break;
        const size = rs.spec?.replicas ?? 0;
        if (size === 0) continue;
        const down = Math.min(size, total - scaled);
        s.scaleIfNeeded(rs, size - down);
        scaled += down;
      }
    }
    return cleaned + scaled > 0;
  }

  /** rolloutRecreate: old ReplicaSets to zero, wait for their pods to go, then the new one to full size. */
  private recreate(s: DeploymentSync): void {
    let { newRS, oldRSs } = s.getAll(false);
    let scaledDown = false;
    for (const rs of oldRSs) if ((rs.spec?.replicas ?? 0) > 0 && s.scaleIfNeeded(rs, 0)) scaledDown = true;
    if (scaledDown) {
      s.syncRolloutStatus(newRS);
      return;
    }
    if (this.oldPodsRunning(newRS, oldRSs)) {
      s.syncRolloutStatus(newRS);
      return;
    }
    if (!newRS) ({ newRS, oldRSs } = s.getAll(true));
    if (!newRS) return;
    if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
    s.scaleIfNeeded(newRS, replicasOf(s.d));
    s.syncRolloutStatus(s.split().newRS);
  }

  private oldPodsRunning(newRS: RS | undefined, oldRSs: RS[]): boolean {
    if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    for (const rs of oldRSs) {
      if (rs === newRS) continue;
      for (const p of this.pods.byIndex('controller', rs.metadata!.uid!)) {
        if (!isPodTerminal(p)) return true;
      }
    }
    return false;
  }
}
