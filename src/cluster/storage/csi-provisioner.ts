/**
 * The CSI controller sidecars of one driver, simulated: external-provisioner
 * (a claim handed to this driver gets a volume in the cloud and a PV
 * `pvc-<uid>` a few simulated seconds later; Released PVs with reclaim Delete
 * are deleted with their volume) and external-resizer (a larger request on a
 * bound claim grows the volume, then the file system, as the kubelet would).
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimCondition, Pod } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { EventRecorder } from '../runtime/events.js';
import type { KObject, UserInfo } from '../api/types.js';
import { clone } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { formatQuantity } from '../api/quantity.js';
import { randomUid } from '../random.js';
import { claimClass } from './admission.js';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, ANN_BETA_STORAGE_PROVISIONER, pvBytes, requestBytes } from './binding.js';
import { GiB, rpcError, type StorageBackend } from './backend.js';
import { DISK_DRIVER } from './classes.js';
import { OperationTimers } from './operation-timers.js';

type PVC = PersistentVolumeClaim & KObject;
type PV = PersistentVolume & KObject;
type SC = StorageClass & KObject;

export const ZONE_KEY = 'topology.disk.csi.azure.com/zone';
const RESIZE_MS = 4_000;
const NODE_EXPAND_MS = 2_000;

/** The service account a driver's controller pod runs as. */
export function csiControllerUser(driver: string): UserInfo {
  const short = driver.split('.')[0];
  return { username: `system:serviceaccount:kube-system:csi-azure${short}-controller-sa`, groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated', 'system:masters'] };
}

function gi(bytes: number): string {
  return bytes % GiB === 0 ? `${bytes / GiB}Gi` : formatQuantity(bytes);
}

function usesClaim(pod: Pod, claim: string): boolean {
  return (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim);
}

export class CsiProvisioner implements Controller {
  readonly name: string;
  private ctx!: ControllerContext;
  private claims!: Informer<PVC>;
  private volumes!: Informer<PV>;
  private classes!: Informer<SC>;
  private nodes!: Informer<Node & KObject>;
  private pods!: Informer<Pod & KObject>;
  private provisioner!: EventRecorder;
  private resizer!: EventRecorder;
  private expander!: EventRecorder;
  private ops!: OperationTimers;

  constructor(
    readonly driver: string,
    private readonly backend: StorageBackend,
    private readonly latency: { provisionMs: number; deleteMs: number },
  ) {
    this.name = `csi-provisioner-${driver}`;
  }

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.ops = new OperationTimers(ctx.clock);
    const short = this.driver.split('.')[0];
    const pod = `csi-azure${short}-controller-${randomUid(ctx.rng).slice(0, 10).replace(/-/g, '')}-${randomUid(ctx.rng).slice(0, 5)}`;
    this.provisioner = ctx.events.forSource(`${this.driver}_${pod}_${randomUid(ctx.rng)}`);
    this.resizer = ctx.events.forSource(`external-resizer ${this.driver}`);
    this.expander = ctx.events.forSource('volume_expand');
    this.claims = ctx.informers.for<PVC>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PV>('persistentvolumes');
    this.classes = ctx.informers.for<SC>('storageclasses.storage.k8s.io');
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    this.pods.addIndex('namespace', (p) => [p.metadata?.namespace ?? '']);
    this.claims.on((type, c) => {
      if (type === 'DELETED') return;
      const ann = c.metadata?.annotations ?? {};
      const key = `${c.metadata?.namespace}/${c.metadata?.name}`;
      if (!c.spec?.volumeName && (ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) === this.driver) ctx.queue.add(`claim:${key}`);
      if (c.spec?.volumeName && c.status?.phase === 'Bound') ctx.queue.add(`resize:${key}`);
    });
    this.volumes.on((type, pv) => {
      if (type !== 'DELETED' && pv.spec?.csi?.driver === this.driver && pv.status?.phase === 'Released') ctx.queue.add(`volume:${pv.metadata!.name}`);
    });
    this.pods.on((type, p) => {
      if (type === 'DELETED' || !p.spec?.nodeName) return;
      for (const v of p.spec.volumes ?? []) if (v.persistentVolumeClaim) ctx.queue.add(`resize:${p.metadata!.namespace}/${v.persistentVolumeClaim.claimName}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const rest = key.slice(i + 1);
    if (kind === 'claim') return this.provision(rest);
    if (kind === 'volume') return this.reclaim(rest);
    return this.resize(rest);
  }

  private provision(key: string): ReconcileResult {
    const pvc = this.claims.get(key);
    const opKey = `claim:${key}`;
    if (!pvc || pvc.spec?.volumeName || pvc.metadata?.deletionTimestamp) {
      this.ops.done(opKey);
      return;
    }
    const ann = pvc.metadata?.annotations ?? {};
    if ((ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) !== this.driver) return;
    const cls = claimClass(pvc);
    const sc = this.classes.get(cls);
    if (!sc) return;
    const selected = ann[ANN_SELECTED_NODE];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !selected) return;
    const pvName = `pvc-${pvc.metadata!.uid}`;
    if (this.volumes.get(pvName)) return;
    if (!this.ops.has(opKey)) this.provisioner.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`);
    const left = this.ops.left(opKey, this.latency.provisionMs);
    if (left > 0) return { requeueAfterMs: left };
    this.ops.done(opKey);
    const node = selected ? this.nodes.get(selected) : undefined;
    const r = this.backend.createVolume({
      driver: this.driver,
      name: pvName,
      capacityBytes: requestBytes(pvc),
      parameters: { ...(sc.parameters ?? {}) },
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      ...(node ? { zone: node.metadata?.labels?.[ZONE_KEY] ?? '' } : {}),
      pvcName: pvc.metadata!.name!,
      pvcNamespace: pvc.metadata!.namespace!,
    });
    if (!r.ok) {
      this.provisioner.event(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls}": ${rpcError(r.error)}`);
      // A final error on a delayed claim hands it back to the scheduler (upstream's rescheduleProvisioning).
      if (selected) {
        const next = clone(pvc);
        delete next.metadata!.annotations![ANN_SELECTED_NODE];
        this.ctx.client.update('persistentvolumeclaims', pvc.metadata!.namespace, pvc.metadata!.name!, next);
      }
      return { error: r.error.message };
    }
    const v = r.value;
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_PROVISIONED_BY]: this.driver, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' } },
      spec: {
        accessModes: [...(pvc.spec?.accessModes ?? [])],
        capacity: { storage: gi(v.capacityBytes) },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata!.name, namespace: pvc.metadata!.namespace, resourceVersion: pvc.metadata!.resourceVersion, uid: pvc.metadata!.uid },
        csi: { driver: this.driver, volumeHandle: v.volumeHandle, volumeAttributes: v.volumeAttributes, ...(v.fsType ? { fsType: v.fsType } : {}) },
        ...(v.zone !== undefined ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_KEY, operator: 'In', values: [v.zone] }] }] } } } : {}),
        persistentVolumeReclaimPolicy: (sc.reclaimPolicy ?? 'Delete') as 'Delete',
        storageClassName: cls,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
        ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
      },
    };
    const cr = this.ctx.client.create('persistentvolumes', undefined, pv);
    if (!cr.ok && cr.status.reason !== 'AlreadyExists') {
      this.backend.deleteVolume(this.driver, v.volumeHandle);
      return { error: cr.status.message };
    }
    this.provisioner.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    return;
  }

  private reclaim(name: string): ReconcileResult {
    const pv = this.volumes.get(name);
    const opKey = `volume:${name}`;
    if (!pv || pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata?.annotations?.[ANN_PROVISIONED_BY] !== this.driver) {
      this.ops.done(opKey);
      return;
    }
    const left = this.ops.left(opKey, this.latency.deleteMs);
    if (left > 0) return { requeueAfterMs: left };
    const r = this.backend.deleteVolume(this.driver, pv.spec?.csi?.volumeHandle ?? '');
    if (!r.ok) {
      this.provisioner.event(pv, 'Warning', 'VolumeFailedDelete', rpcError(r.error));
      return { requeueAfterMs: 10_000 };
    }
    this.ops.done(opKey);
    const d = this.ctx.client.delete('persistentvolumes', undefined, name, { preconditions: { uid: pv.metadata?.uid } });
    if (!d.ok && d.status.reason !== 'NotFound') return { error: d.status.message };
    return;
  }

  private resize(key: string): ReconcileResult {
    const pvc = this.claims.get(key);
    const opKey = `resize:${key}`;
    if (!pvc || pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) return;
    const pv = this.volumes.get(pvc.spec.volumeName);
    if (!pv || pv.spec?.csi?.driver !== this.driver) return;
    const want = requestBytes(pvc);
    const have = pvBytes(pv);
    const ns = pvc.metadata!.namespace!;
    const name = pvc.metadata!.name!;
    if (want > have) {
      if (!this.ops.has(opKey)) {
        this.expander.event(pvc, 'Normal', 'ExternalExpanding', 'waiting for an external controller to expand this PVC');
        this.resizer.event(pvc, 'Normal', 'Resizing', `External resizer is resizing volume ${pv.metadata!.name}`);
        this.setConditions(pvc, [{ type: 'Resizing', status: 'True' }]);
      }
      const left = this.ops.left(opKey, RESIZE_MS);
      if (left > 0) return { requeueAfterMs: left };
      this.ops.done(opKey);
      const r = this.backend.expandVolume(this.driver, pv.spec.csi.volumeHandle, want);
      if (!r.ok) {
        this.resizer.event(pvc, 'Warning', 'VolumeResizeFailed', `resize volume "${pv.metadata!.name}" by resizer "${this.driver}" failed: ${rpcError(r.error)}`);
        return { error: r.error.message };
      }
      const next = clone(pv);
      next.spec!.capacity = { storage: gi(r.value.capacityBytes) };
      const u = this.ctx.client.update('persistentvolumes', undefined, pv.metadata!.name!, next);
      if (!u.ok) return u.status.reason === 'NotFound' ? undefined : { error: u.status.message };
      if (r.value.nodeExpansionRequired) {
        this.resizer.event(pvc, 'Normal', 'FileSystemResizeRequired', 'Require file system resize of volume on node');
        this.setConditions(this.claims.get(key) ?? pvc, [{ type: 'FileSystemResizePending', status: 'True', message: 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.' }]);
      } else {
        this.resizer.event(pvc, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded');
        this.finishResize(pvc, gi(r.value.capacityBytes));
      }
      return { requeueAfterMs: NODE_EXPAND_MS };
    }
    // Node expansion: done by the kubelet of a node running a pod that uses the claim.
    if (!(pvc.status?.conditions ?? []).some((c) => c.type === 'FileSystemResizePending')) return;
    const pod = this.pods.byIndex('namespace', ns).find((p) => p.spec?.nodeName && p.status?.phase === 'Running' && usesClaim(p, name));
    if (!pod) return;
    const left = this.ops.left(opKey, NODE_EXPAND_MS);
    if (left > 0) return { requeueAfterMs: left };
    this.ops.done(opKey);
    const node = pod.spec!.nodeName!;
    this.resizer.forSource('kubelet', node).event(pvc, 'Normal', 'FileSystemResizeSuccessful', `MountVolume.NodeExpandVolume succeeded for volume "${pv.metadata!.name}" ${node}`);
    this.finishResize(pvc, pv.spec.capacity?.storage ?? gi(have));
    return;
  }

  private setConditions(pvc: PVC, conds: Omit<PersistentVolumeClaimCondition, 'lastTransitionTime'>[]): void {
    const now = isoTime(this.ctx.clock.now());
    const next = clone(pvc);
    (next as { status?: unknown }).status = { ...(next.status ?? {}), conditions: conds.map((c) => ({ ...c, lastProbeTime: null as unknown as string, lastTransitionTime: now })) };
    this.ctx.client.updateStatus('persistentvolumeclaims', pvc.metadata!.namespace, pvc.metadata!.name!, next);
  }

  private finishResize(pvc: PVC, capacity: string): void {
    const cur = this.claims.get(`${pvc.metadata!.namespace}/${pvc.metadata!.name}`) ?? pvc;
    const next = clone(cur);
    const status = { ...(next.status ?? {}), capacity: { ...(next.status?.capacity ?? {}), storage: capacity } };
    delete status.conditions;
    (next as { status?: unknown }).status = status;
    this.ctx.client.updateStatus('persistentvolumeclaims', cur.metadata!.namespace, cur.metadata!.name!, next);
  }
}

export { DISK_DRIVER };
