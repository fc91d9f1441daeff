/**
 * The PersistentVolume controller (kube-controller-manager's
 * persistentvolume-binder): binds claims to volumes, hands claims of a class
 * to its external provisioner, and keeps phases right — PV Available, Bound,
 * Released, Failed; PVC Pending, Bound, Lost. A Released PV with Retain stays
 * Released; with Delete the provisioner that made it deletes it.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { claimClass } from './admission.js';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, bestMatch, refersTo } from './binding.js';

type PVC = PersistentVolumeClaim & KObject;
type PV = PersistentVolume & KObject;
type SC = StorageClass & KObject;

export const MSG_WAIT_CONSUMER = 'waiting for first consumer to be created before binding';
export const MSG_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';

export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-binder-controller';
  private ctx!: ControllerContext;
  private claims!: Informer<PVC>;
  private volumes!: Informer<PV>;
  private classes!: Informer<SC>;
  private nodes!: Informer<Node & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    // Upstream's recorder names the component persistentvolume-controller.
    this.ctx.events = ctx.events.forSource('persistentvolume-controller');
    this.claims = ctx.informers.for<PVC>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PV>('persistentvolumes');
    this.classes = ctx.informers.for<SC>('storageclasses.storage.k8s.io');
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.volumes.addIndex('claim', (pv) => (pv.spec?.claimRef ? [`${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}`] : []));
    this.claims.addIndex('class', (c) => [claimClass(c)]);
    this.claims.on((type, c) => {
      const key = `${c.metadata?.namespace}/${c.metadata?.name}`;
      if (type !== 'DELETED') ctx.queue.add(`claim:${key}`);
      for (const pv of this.volumes.byIndex('claim', key)) ctx.queue.add(`volume:${pv.metadata!.name}`);
    });
    this.volumes.on((type, pv, old) => {
      if (type !== 'DELETED') ctx.queue.add(`volume:${pv.metadata!.name}`);
      const ref = pv.spec?.claimRef ?? old?.spec?.claimRef;
      if (ref) ctx.queue.add(`claim:${ref.namespace}/${ref.name}`);
      // A new or freed volume may satisfy a waiting claim of its class.
      if (!pv.spec?.claimRef && pv.status?.phase === 'Available') for (const c of this.claims.byIndex('class', pv.spec?.storageClassName ?? '')) if (c.status?.phase === 'Pending') ctx.queue.add(`claim:${c.metadata!.namespace}/${c.metadata!.name}`);
    });
    this.classes.on((_t, sc) => {
      for (const c of this.claims.byIndex('class', sc.metadata!.name!)) if (c.status?.phase === 'Pending') ctx.queue.add(`claim:${c.metadata!.namespace}/${c.metadata!.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    return kind === 'claim' ? this.syncClaim(rest) : this.syncVolume(rest);
  }

  private syncClaim(key: string): ReconcileResult {
    const pvc = this.claims.get(key);
    if (!pvc) return;
    if (!pvc.spec?.volumeName) return this.syncUnboundClaim(pvc);
    const pv = this.volumes.get(pvc.spec.volumeName);
    if (!pv) {
      if (pvc.metadata?.annotations?.[ANN_BIND_COMPLETED]) return this.claimPhase(pvc, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return this.claimPhase(pvc, 'Pending');
    }
    if (!pv.spec?.claimRef) return this.bind(pv, pvc);
    if (!refersTo(pv, pvc)) {
      if (pvc.metadata?.annotations?.[ANN_BIND_COMPLETED]) return this.claimPhase(pvc, 'Lost', 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
      return this.claimPhase(pvc, 'Pending');
    }
    return this.bind(pv, pvc);
  }

  private syncUnboundClaim(pvc: PVC): ReconcileResult {
    if (pvc.metadata?.deletionTimestamp) return;
    const cls = claimClass(pvc);
    const sc = cls ? this.classes.get(cls) : undefined;
    const wffc = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    const selected = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (wffc && !selected) {
      this.ctx.events.event(pvc, 'Normal', 'WaitForFirstConsumer', MSG_WAIT_CONSUMER);
      return this.claimPhase(pvc, 'Pending');
    }
    const node = wffc && selected ? this.nodes.get(selected) : undefined;
    const pv = bestMatch(pvc, this.volumes.list(), node) as PV | undefined;
    if (pv) return this.bind(pv, pvc);
    if (!cls) {
      this.ctx.events.event(pvc, 'Normal', 'FailedBinding', MSG_NO_CLASS);
      return this.claimPhase(pvc, 'Pending');
    }
    if (!sc) {
      this.ctx.events.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`);
      return this.claimPhase(pvc, 'Pending');
    }
    // Hand the claim to the class's external provisioner.
    const prov = sc.provisioner;
    const ann = pvc.metadata?.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== prov || ann[ANN_BETA_STORAGE_PROVISIONER] !== prov) {
      const next = clone(pvc);
      next.metadata!.annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: prov, [ANN_STORAGE_PROVISIONER]: prov };
      const r = this.ctx.client.update('persistentvolumeclaims', pvc.metadata!.namespace, pvc.metadata!.name!, next);
      if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
    }
    this.ctx.events.event(pvc, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(prov));
    return;
  }

  /** bind(): the PV's claimRef and phase, then the claim's volumeName, annotations and status. */
  private bind(pv: PV, pvc: PVC): ReconcileResult {
    const ns = pvc.metadata!.namespace!;
    const name = pvc.metadata!.name!;
    let vol: PV = pv;
    const refOk = pv.spec?.claimRef?.uid === pvc.metadata?.uid && pv.spec?.claimRef?.name === name;
    if (!refOk) {
      const next = clone(pv);
      next.spec!.claimRef = { kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata!.uid, apiVersion: 'v1', resourceVersion: pvc.metadata!.resourceVersion };
      if (!pv.spec?.claimRef) next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      const r = this.ctx.client.update('persistentvolumes', undefined, pv.metadata!.name!, next);
      if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
      vol = r.object as PV;
    }
    if (vol.status?.phase !== 'Bound') {
      const r = this.ctx.client.updateStatus('persistentvolumes', undefined, vol.metadata!.name!, { ...clone(vol), status: { phase: 'Bound', lastPhaseTransitionTime: isoTime(this.ctx.clock.now()) } });
      if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
    }
    let claim: PVC = pvc;
    const ann = pvc.metadata?.annotations ?? {};
    if (pvc.spec?.volumeName !== vol.metadata!.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const next = clone(pvc);
      const byController = !pvc.spec?.volumeName;
      next.spec!.volumeName = vol.metadata!.name;
      next.metadata!.annotations = { ...ann, [ANN_BIND_COMPLETED]: 'yes', ...(byController || ann[ANN_BOUND_BY_CONTROLLER] ? { [ANN_BOUND_BY_CONTROLLER]: 'yes' } : {}) };
      const r = this.ctx.client.update('persistentvolumeclaims', ns, name, next);
      if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
      claim = r.object as PVC;
    }
    const status = claim.status ?? {};
    const capacity = vol.spec?.capacity ?? {};
    if (status.phase !== 'Bound' || status.capacity?.storage === undefined || JSON.stringify(status.accessModes) !== JSON.stringify(vol.spec?.accessModes)) {
      const next = clone(claim);
      (next as { status?: unknown }).status = { ...(next.status ?? {}), phase: 'Bound', accessModes: [...(vol.spec?.accessModes ?? [])], capacity: { ...(status.capacity?.storage ? status.capacity : capacity) } };
      const r = this.ctx.client.updateStatus('persistentvolumeclaims', ns, name, next);
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    return;
  }

  private claimPhase(pvc: PVC, phase: 'Pending' | 'Lost', type?: 'Warning', reason?: string, message?: string): ReconcileResult {
    if (type && reason && message) this.ctx.events.event(pvc, type, reason, message);
    if (pvc.status?.phase === phase) return;
    const next = clone(pvc);
    (next as { status?: unknown }).status = { ...(next.status ?? {}), phase };
    const r = this.ctx.client.updateStatus('persistentvolumeclaims', pvc.metadata!.namespace, pvc.metadata!.name!, next);
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }

  private syncVolume(name: string): ReconcileResult {
    const pv = this.volumes.get(name);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (!ref) return this.volumePhase(pv, 'Available');
    const pvc = this.claims.get(`${ref.namespace}/${ref.name}`);
    if (!ref.uid) return this.volumePhase(pv, 'Available'); // pre-bound by the admin, waiting for its claim
    if (pvc && pvc.metadata?.uid === ref.uid) {
      if (pvc.spec?.volumeName === name) return this.volumePhase(pv, 'Bound');
      if (!pvc.spec?.volumeName) {
        this.ctx.queue.add(`claim:${ref.namespace}/${ref.name}`);
        return this.volumePhase(pv, 'Available');
      }
      // The claim went to another volume: undo a controller-made claimRef.
      if (pv.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER]) return this.unbind(pv);
      return this.volumePhase(pv, 'Released');
    }
    // The claim is gone: the volume is released, then reclaimed.
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
      const r = this.volumePhase(pv, 'Released');
      if (r) return r;
    }
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Recycle') return this.volumePhase(pv, 'Failed', 'VolumeFailedRecycle', 'Recycle is not supported: use Retain or Delete');
    // Retain: stays Released. Delete: the external provisioner that made it deletes it (csi-provisioner.ts).
    if (policy === 'Delete' && !pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by']) {
      return this.volumePhase(pv, 'Failed', 'VolumeFailedDelete', 'error getting deleter volume plugin for volume "' + name + '": no deletable volume plugin matched');
    }
    return;
  }

  private unbind(pv: PV): ReconcileResult {
    const next = clone(pv);
    delete next.spec!.claimRef;
    if (next.metadata?.annotations) delete next.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
    const r = this.ctx.client.update('persistentvolumes', undefined, pv.metadata!.name!, next);
    if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
    return this.volumePhase(r.object as PV, 'Available');
  }

  private volumePhase(pv: PV, phase: 'Available' | 'Bound' | 'Released' | 'Failed', reason?: string, message?: string): ReconcileResult {
    if (reason && message) this.ctx.events.event(pv, 'Warning', reason, message);
    if (pv.status?.phase === phase) return;
    const next = clone(pv);
    (next as { status?: unknown }).status = { phase, lastPhaseTransitionTime: isoTime(this.ctx.clock.now()), ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
    const r = this.ctx.client.updateStatus('persistentvolumes', undefined, pv.metadata!.name!, next);
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}
