/**
 * The attach/detach controller (kube-controller-manager): for each scheduled,
 * not-terminated pod whose claim's volume needs attaching (its CSIDriver has
 * attachRequired), a VolumeAttachment `csi-<sha256(handle+driver+node)>` for
 * that node; a ReadWriteOnce volume attached elsewhere is refused with the
 * Multi-Attach error on the pod. A VolumeAttachment no pod on its node needs
 * (and the kubelet no longer reports in volumesInUse) is deleted: detach.
 */
import { createHash } from 'node:crypto';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { CSIDriver, VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';

type PodK = Pod & KObject;
type PVC = PersistentVolumeClaim & KObject;
type PV = PersistentVolume & KObject;
type VA = VolumeAttachment & KObject;

export function attachmentName(volumeHandle: string, driver: string, node: string): string {
  return `csi-${createHash('sha256').update(`${volumeHandle}${driver}${node}`).digest('hex')}`;
}

/** The kubelet's unique volume name (node.status.volumesInUse / volumesAttached). */
export function uniqueVolumeName(driver: string, volumeHandle: string): string {
  return `kubernetes.io/csi/${driver}^${volumeHandle}`;
}

function podActive(p: Pod): boolean {
  return !!p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export class AttachDetachController implements Controller {
  readonly name = 'attachdetach-controller';
  private ctx!: ControllerContext;
  private pods!: Informer<PodK>;
  private claims!: Informer<PVC>;
  private volumes!: Informer<PV>;
  private attachments!: Informer<VA>;
  private drivers!: Informer<CSIDriver & KObject>;
  private nodes!: Informer<Node & KObject>;
  /** Pods already told they're attached (the SuccessfulAttachVolume event is sent once). */
  private told = new Set<string>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.pods = ctx.informers.for<PodK>('pods');
    this.claims = ctx.informers.for<PVC>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PV>('persistentvolumes');
    this.attachments = ctx.informers.for<VA>('volumeattachments.storage.k8s.io');
    this.drivers = ctx.informers.for<CSIDriver & KObject>('csidrivers.storage.k8s.io');
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.pods.addIndex('claim', (p) => (p.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${p.metadata?.namespace}/${v.persistentVolumeClaim!.claimName}`));
    this.attachments.addIndex('pv', (a) => (a.spec?.source?.persistentVolumeName ? [a.spec.source.persistentVolumeName] : []));
    const claimPv = (ns: string, claim: string) => this.claims.get(`${ns}/${claim}`)?.spec?.volumeName;
    this.pods.on((_t, p) => {
      for (const v of p.spec?.volumes ?? []) {
        if (!v.persistentVolumeClaim) continue;
        const pv = claimPv(p.metadata!.namespace!, v.persistentVolumeClaim.claimName);
        if (pv) ctx.queue.add(pv);
      }
    });
    this.claims.on((_t, c) => {
      if (c.spec?.volumeName) ctx.queue.add(c.spec.volumeName);
    });
    this.volumes.on((_t, pv) => ctx.queue.add(pv.metadata!.name!));
    this.attachments.on((_t, a) => {
      const pv = a.spec?.source?.persistentVolumeName;
      if (pv) ctx.queue.add(pv);
    });
    this.nodes.on((type, n, old) => {
      if (type === 'MODIFIED' && JSON.stringify(n.status?.volumesInUse ?? []) === JSON.stringify(old?.status?.volumesInUse ?? [])) return;
      for (const a of this.attachments.list()) if (a.spec?.nodeName === n.metadata?.name && a.spec?.source?.persistentVolumeName) ctx.queue.add(a.spec.source.persistentVolumeName);
    });
  }

  private attachRequired(driver: string): boolean {
    const d = this.drivers.get(driver);
    return d ? d.spec?.attachRequired !== false : true;
  }

  reconcile(pvName: string): ReconcileResult {
    const pv = this.volumes.get(pvName);
    const existing = this.attachments.byIndex('pv', pvName);
    const csi = pv?.spec?.csi;
    const ref = pv?.spec?.claimRef;
    const needs = !!csi && this.attachRequired(csi.driver);
    // Nodes whose pods need the volume, and those pods.
    const want = new Map<string, PodK[]>();
    if (needs && ref && pv?.status?.phase === 'Bound') {
      for (const p of this.pods.byIndex('claim', `${ref.namespace}/${ref.name}`)) {
        if (!podActive(p)) continue;
        const list = want.get(p.spec!.nodeName!) ?? [];
        list.push(p);
        want.set(p.spec!.nodeName!, list);
      }
    }
    // Detach what no pod needs any more (once the kubelet has unmounted it).
    for (const a of existing) {
      const node = a.spec?.nodeName ?? '';
      if (want.has(node) || a.metadata?.deletionTimestamp) continue;
      const inUse = csi ? (this.nodes.get(node)?.status?.volumesInUse ?? []).includes(uniqueVolumeName(csi.driver, csi.volumeHandle)) : false;
      if (inUse) continue;
      const r = this.ctx.client.delete('volumeattachments.storage.k8s.io', undefined, a.metadata!.name!);
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    if (!csi || !needs) return;
    const modes = pv!.spec?.accessModes ?? [];
    const multi = modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
    for (const [node, pods] of [...want.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const name = attachmentName(csi.volumeHandle, csi.driver, node);
      const mine = existing.find((a) => a.metadata?.name === name);
      if (mine) {
        this.report(mine, pods, pvName);
        continue;
      }
      const elsewhere = existing.filter((a) => a.spec?.nodeName !== node);
      if (!multi && elsewhere.length > 0) {
        const others = [...want.entries()].filter(([n]) => n !== node && elsewhere.some((a) => a.spec?.nodeName === n)).flatMap(([, ps]) => ps);
        for (const p of pods) this.ctx.events.event(p, 'Warning', 'FailedAttachVolume', multiAttachMessage(pvName, p, others));
        continue;
      }
      const va: VolumeAttachment = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name }, spec: { attacher: csi.driver, nodeName: node, source: { persistentVolumeName: pvName } } };
      const r = this.ctx.client.create('volumeattachments.storage.k8s.io', undefined, va);
      if (!r.ok && r.status.reason !== 'AlreadyExists') return { error: r.status.message };
    }
    return;
  }

  /** Pod events as the attach operation ends: SuccessfulAttachVolume once, FailedAttachVolume on errors. */
  private report(a: VA, pods: PodK[], pvName: string): void {
    for (const p of pods) {
      const key = `${p.metadata?.uid}|${a.metadata?.name}`;
      if (a.status?.attached) {
        if (this.told.has(key)) continue;
        this.told.add(key);
        this.ctx.events.event(p, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${pvName}" `);
      } else if (a.status?.attachError?.message) {
        this.ctx.events.event(p, 'Warning', 'FailedAttachVolume', `AttachVolume.Attach failed for volume "${pvName}" : rpc error: code = Internal desc = ${a.status.attachError.message}`);
      }
    }
  }
}

/** The reconciler's Multi-Attach message: pods in the pod's namespace by name, others counted. */
export function multiAttachMessage(pv: string, pod: Pod, others: Pod[]): string {
  const ns = pod.metadata?.namespace;
  const same = others.filter((o) => o.metadata?.namespace === ns).map((o) => o.metadata?.name ?? '');
  const diff = others.length - same.length;
  if (others.length === 0) return `Multi-Attach error for volume "${pv}" Volume is already exclusively attached to one node and can't be attached to another`;
  let msg = `Multi-Attach error for volume "${pv}" Volume is already used by pod(s) ${same.join(', ')}`;
  if (same.length === 0) msg = `Multi-Attach error for volume "${pv}" Volume is already used by ${diff} pod(s) in different namespaces`;
  else if (diff > 0) msg += ` and ${diff} pod(s) in different namespaces`;
  return msg;
}
