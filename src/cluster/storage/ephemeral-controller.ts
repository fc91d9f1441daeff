/**
 * The ephemeral volume controller: a pod's generic ephemeral volume gets a
 * claim `<pod>-<volume>` from its volumeClaimTemplate, owned by the pod (so it
 * goes when the pod goes); a same-named claim the pod doesn't own is a
 * conflict the pod waits on.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { objKey } from '../runtime/informer.js';
import { clone } from '../api/paths.js';

export class EphemeralVolumeController implements Controller {
  readonly name = 'ephemeral-volume-controller';
  private ctx!: ControllerContext;
  private pods!: Informer<Pod & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    this.pods.on((type, p) => {
      if (type === 'ADDED' && (p.spec?.volumes ?? []).some((v) => v.ephemeral)) ctx.queue.add(objKey(p));
    });
  }

  reconcile(key: string): ReconcileResult {
    const pod = this.pods.get(key);
    if (!pod || pod.metadata?.deletionTimestamp) return;
    const ns = pod.metadata!.namespace!;
    for (const v of pod.spec?.volumes ?? []) {
      const tpl = v.ephemeral?.volumeClaimTemplate;
      if (!tpl) continue;
      const name = `${pod.metadata!.name}-${v.name}`;
      const t = clone(tpl);
      const claim: PersistentVolumeClaim = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: ns, ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}), ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}), ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid!, controller: true, blockOwnerDeletion: true }] },
        spec: t.spec,
      };
      const r = this.ctx.client.create('persistentvolumeclaims', ns, claim);
      if (!r.ok && r.status.reason !== 'AlreadyExists') return { error: r.status.message };
    }
    return;
  }
}
