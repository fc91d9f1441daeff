/**
 * pvc-protection and pv-protection (kube-controller-manager): a deleted claim
 * keeps its `kubernetes.io/pvc-protection` finalizer (and shows Terminating)
 * while a non-terminated pod uses it; a deleted volume keeps
 * `kubernetes.io/pv-protection` while it is Bound.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone } from '../api/paths.js';
import { PV_PROTECTION, PVC_PROTECTION } from './admission.js';

type PodK = Pod & KObject;

function podTerminated(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function withoutFinalizer<T extends KObject>(o: T, fin: string): T {
  const next = clone(o);
  next.metadata!.finalizers = (next.metadata!.finalizers ?? []).filter((f) => f !== fin);
  return next;
}

export class PvcProtectionController implements Controller {
  readonly name = 'pvc-protection-controller';
  private ctx!: ControllerContext;
  private claims!: Informer<PersistentVolumeClaim & KObject>;
  private pods!: Informer<PodK>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.claims = ctx.informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims');
    this.pods = ctx.informers.for<PodK>('pods');
    this.pods.addIndex('claim', (p) => (p.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${p.metadata?.namespace}/${v.persistentVolumeClaim!.claimName}`));
    this.claims.on((type, c) => {
      if (type !== 'DELETED' && c.metadata?.deletionTimestamp) ctx.queue.add(`${c.metadata.namespace}/${c.metadata.name}`);
    });
    this.pods.on((type, p) => {
      if (type !== 'DELETED' && !podTerminated(p)) return;
      for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim) ctx.queue.add(`${p.metadata?.namespace}/${v.persistentVolumeClaim.claimName}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const pvc = this.claims.get(key);
    if (!pvc?.metadata?.deletionTimestamp || !(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION)) return;
    if (this.pods.byIndex('claim', key).some((p) => !podTerminated(p))) return;
    const r = this.ctx.client.update('persistentvolumeclaims', pvc.metadata.namespace, pvc.metadata.name!, withoutFinalizer(pvc, PVC_PROTECTION));
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}

export class PvProtectionController implements Controller {
  readonly name = 'pv-protection-controller';
  private ctx!: ControllerContext;
  private volumes!: Informer<PersistentVolume & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.volumes = ctx.informers.for<PersistentVolume & KObject>('persistentvolumes');
    this.volumes.on((type, pv) => {
      if (type !== 'DELETED' && pv.metadata?.deletionTimestamp) ctx.queue.add(pv.metadata.name!);
    });
  }

  reconcile(name: string): ReconcileResult {
    const pv = this.volumes.get(name);
    if (!pv?.metadata?.deletionTimestamp || !(pv.metadata.finalizers ?? []).includes(PV_PROTECTION)) return;
    if (pv.status?.phase === 'Bound') return;
    const r = this.ctx.client.update('persistentvolumes', undefined, name, withoutFinalizer(pv, PV_PROTECTION));
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}
