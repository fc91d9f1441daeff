/**
 * The ephemeral volume controller: for each generic ephemeral volume of a
 * pod (`volumes[].ephemeral.volumeClaimTemplate`), create the claim
 * `<pod>-<volume>` owned by the pod, so it is provisioned like any claim and
 * garbage-collected with the pod. A claim of that name not owned by the pod
 * is left alone (the kubelet then refuses to use it).
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';

type KPod = Pod & KObject;
type KPvc = PersistentVolumeClaim & KObject;

export class EphemeralVolumeController implements Controller {
  readonly name = 'ephemeral-volume-controller';
  private ctx!: ControllerContext;
  private pods!: Informer<KPod>;
  private claims!: Informer<KPvc>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.pods = ctx.informers.for<KPod>('pods');
    this.claims = ctx.informers.for<KPvc>('persistentvolumeclaims');
    this.pods.on((type, p) => {
      if (type !== 'DELETED' && (p.spec?.volumes ?? []).some((v) => v.ephemeral)) ctx.queue.add(objKey(p));
    });
    // A claim deleted under a live pod is made again.
    this.claims.on((type, c) => {
      if (type !== 'DELETED') return;
      for (const o of c.metadata?.ownerReferences ?? []) if (o.kind === 'Pod' && o.controller) ctx.queue.add(`${c.metadata?.namespace}/${o.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const pod = this.pods.get(key);
    if (!pod || pod.metadata?.deletionTimestamp) return;
    const ns = pod.metadata?.namespace ?? 'default';
    for (const v of pod.spec?.volumes ?? []) {
      const tpl = v.ephemeral?.volumeClaimTemplate;
      if (!tpl) continue;
      const name = `${pod.metadata?.name}-${v.name}`;
      if (this.claims.get(`${ns}/${name}`)) continue;
      const claim: KPvc = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: ns,
          ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
          ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: structuredClone(tpl.spec),
      };
      const r = this.ctx.client.create('persistentvolumeclaims', ns, claim);
      if (!r.ok && r.status.reason !== 'AlreadyExists') return { error: r.status.message };
    }
    return;
  }
}
