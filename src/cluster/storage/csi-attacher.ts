/**
 * external-attacher for one driver, simulated: a VolumeAttachment naming this
 * driver gets its finalizer, then a few simulated seconds later the cloud
 * attaches the volume (ControllerPublishVolume) and `status.attached` turns
 * true with the LUN; deleting the VolumeAttachment detaches it first.
 * Contract with the kubelet: a CSI volume whose driver needs attach is ready
 * to mount on a node once the VolumeAttachment for (driver, handle, node) has
 * `status.attached: true`.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1.js';
import type { VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import type { StorageBackend } from './backend.js';
import { OperationTimers } from './operation-timers.js';

type VA = VolumeAttachment & KObject;
type PV = PersistentVolume & KObject;

const DETACH_MS = 3_000;

export function attacherFinalizer(driver: string): string {
  return `external-attacher/${driver.replace(/\./g, '-')}`;
}

export class CsiAttacher implements Controller {
  readonly name: string;
  private ctx!: ControllerContext;
  private attachments!: Informer<VA>;
  private volumes!: Informer<PV>;
  private ops!: OperationTimers;

  constructor(
    readonly driver: string,
    private readonly backend: StorageBackend,
    private readonly attachMs: number,
  ) {
    this.name = `csi-attacher-${driver}`;
  }

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.ops = new OperationTimers(ctx.clock);
    this.attachments = ctx.informers.for<VA>('volumeattachments.storage.k8s.io');
    this.volumes = ctx.informers.for<PV>('persistentvolumes');
    this.attachments.on((type, a) => {
      if (type !== 'DELETED' && a.spec?.attacher === this.driver) ctx.queue.add(a.metadata!.name!);
    });
  }

  reconcile(name: string): ReconcileResult {
    const va = this.attachments.get(name);
    if (!va || va.spec?.attacher !== this.driver) {
      // Gone: forget its operations (a VolumeAttachment for the same volume and node gets the same name again).
      this.ops.done(`attach:${name}`);
      this.ops.done(`detach:${name}`);
      return;
    }
    const fin = attacherFinalizer(this.driver);
    const pv = this.volumes.get(va.spec.source?.persistentVolumeName ?? '');
    const handle = pv?.spec?.csi?.volumeHandle ?? '';
    const node = va.spec.nodeName;
    if (va.metadata?.deletionTimestamp) {
      if (!(va.metadata.finalizers ?? []).includes(fin)) return;
      const left = this.ops.left(`detach:${name}`, va.status?.attached ? DETACH_MS : 0);
      if (left > 0) return { requeueAfterMs: left };
      this.ops.done(`detach:${name}`);
      if (handle) this.backend.unpublish(this.driver, handle, node);
      const next = clone(va);
      next.metadata!.finalizers = (next.metadata!.finalizers ?? []).filter((f) => f !== fin);
      const r = this.ctx.client.update('volumeattachments.storage.k8s.io', undefined, name, next);
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
      return;
    }
    if (va.status?.attached) return;
    if (!(va.metadata?.finalizers ?? []).includes(fin)) {
      const next = clone(va);
      next.metadata!.finalizers = [...(next.metadata!.finalizers ?? []), fin];
      const r = this.ctx.client.update('volumeattachments.storage.k8s.io', undefined, name, next);
      if (!r.ok) return r.status.reason === 'NotFound' ? undefined : { error: r.status.message };
    }
    const left = this.ops.left(`attach:${name}`, this.attachMs);
    if (left > 0) return { requeueAfterMs: left };
    this.ops.done(`attach:${name}`);
    const cur = this.attachments.get(name) ?? va;
    if (!pv) return { requeueAfterMs: 5_000 };
    const r = this.backend.publish(this.driver, handle, node);
    const next = clone(cur);
    next.status = r.ok ? { attached: true, attachmentMetadata: r.value } : { attached: false, attachError: { time: isoTime(this.ctx.clock.now()), message: r.error.message } };
    const u = this.ctx.client.updateStatus('volumeattachments.storage.k8s.io', undefined, name, next);
    if (!u.ok && u.status.reason !== 'NotFound') return { error: u.status.message };
    return r.ok ? undefined : { requeueAfterMs: 10_000 };
  }
}
