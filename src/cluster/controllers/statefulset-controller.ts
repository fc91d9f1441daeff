/**
 * The StatefulSet controller: pods named `<sts>-<ordinal>` with a stable
 * hostname/subdomain, created in order and each only once its predecessors
 * are Running and Ready (OrderedReady) or all at once (Parallel), removed
 * from the highest ordinal down; RollingUpdate replaces pods from the highest
 * ordinal down to the partition, one at a time. Revisions are
 * ControllerRevisions `<sts>-<hash>`. Claims from volumeClaimTemplates: statefulset-claims.ts.
 */
import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { fromLabelSelector } from '../api/selectors.js';
import { clone, deepEqual } from '../api/paths.js';
import { claim, controllerOf, controllerUidIndex, namespaceIndex, newControllerRef } from './controller-ref.js';
import { podFromTemplate } from './pod-control.js';
import { isPodAvailable, isPodReady } from './pod-util.js';
import { ensureControllerRevision, REVISION_HASH } from './controller-revision.js';
import { ensureClaims, ownClaimsByPod, withClaimVolumes } from './statefulset-claims.js';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';

type STS = StatefulSet & KObject;
type P = Pod & KObject;

function runningAndReady(p: P): boolean {
  return p.status?.phase === 'Running' && isPodReady(p) && !p.metadata?.deletionTimestamp;
}

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private ctx!: ControllerContext;
  private sets!: Informer<STS>;
  private pods!: Informer<P>;
  private revisions!: Informer;
  private claims!: Informer<PersistentVolumeClaim & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.sets = ctx.informers.for<STS>('statefulsets.apps');
    this.pods = ctx.informers.for<P>('pods');
    this.revisions = ctx.informers.for('controllerrevisions.apps');
    this.claims = ctx.informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims');
    this.pods.addIndex('namespace', namespaceIndex);
    this.pods.addIndex('controller', controllerUidIndex);
    this.sets.on((type, s) => {
      if (type !== 'DELETED') ctx.queue.add(objKey(s));
    });
    this.pods.on((_t, p) => {
      const ref = controllerOf(p);
      if (ref?.kind === 'StatefulSet') ctx.queue.add(`${p.metadata?.namespace}/${ref.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const sts = this.sets.get(key);
    if (!sts) return;
    const ns = sts.metadata!.namespace!;
    const name = sts.metadata!.name!;
    const now = this.ctx.clock.now();
    const updateRevision = ensureControllerRevision(this.ctx, this.revisions, sts, 'StatefulSet', 'name').name;
    const currentRevision = sts.status?.currentRevision ?? updateRevision;
    const owned = claim({ client: this.ctx.client, resource: 'pods', owner: sts, apiVersion: 'apps/v1', kind: 'StatefulSet', selector: fromLabelSelector(sts.spec?.selector) }, this.pods.byIndex('namespace', ns));
    const start = sts.spec?.ordinals?.start ?? 0;
    const replicas = sts.spec?.replicas ?? 1;
    const byOrdinal = new Map<number, P>();
    const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
    for (const p of owned) {
      const m = re.exec(p.metadata?.name ?? '');
      if (m) byOrdinal.set(Number(m[1]), p);
    }
    const parallel = sts.spec?.podManagementPolicy === 'Parallel';
    const deleting = !!sts.metadata?.deletionTimestamp;
    if (!deleting) this.sync(sts, byOrdinal, start, replicas, parallel, updateRevision, currentRevision);
    // Status from the pods as they are now.
    const pods = this.pods.byIndex('controller', sts.metadata!.uid!).filter((p) => !p.metadata?.deletionTimestamp);
    const minReady = sts.spec?.minReadySeconds ?? 0;
    const updated = pods.filter((p) => p.metadata?.labels?.[REVISION_HASH] === updateRevision).length;
    const status: StatefulSetStatus = {
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
      collisionCount: 0,
      currentReplicas: pods.filter((p) => p.metadata?.labels?.[REVISION_HASH] === currentRevision).length,
      currentRevision,
      observedGeneration: sts.metadata?.generation,
      replicas: pods.length,
      updateRevision,
      updatedReplicas: updated,
    };
    const ready = pods.filter(isPodReady).length;
    if (ready) status.readyReplicas = ready;
    if (updated === replicas && pods.length === replicas && ready === replicas) {
      status.currentRevision = updateRevision;
      status.currentReplicas = updated;
    }
    if (!status.currentReplicas) delete status.currentReplicas;
    if (!status.updatedReplicas) delete status.updatedReplicas;
    if (!deepEqual(status, sts.status ?? {})) {
      const r = this.ctx.client.updateStatus('statefulsets.apps', ns, name, { ...clone(sts), status });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    return;
  }

  private sync(sts: STS, byOrdinal: Map<number, P>, start: number, replicas: number, parallel: boolean, updateRevision: string, currentRevision: string): void {
    const end = start + replicas;
    // Create or repair, in order.
    for (let i = start; i < end; i++) {
      const p = byOrdinal.get(i);
      if (p?.status?.phase === 'Failed' && !p.metadata?.deletionTimestamp) {
        this.deletePod(sts, p);
        if (!parallel) return;
        continue;
      }
      if (!p) {
        const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
        const rev = i - start < partition ? currentRevision : updateRevision;
        this.createPod(sts, i, rev);
        if (!parallel) return;
        continue;
      }
      if (!parallel && !runningAndReady(p)) return;
    }
    // Condemned: highest ordinal first.
    const condemned = [...byOrdinal.keys()].filter((i) => i < start || i >= end).sort((a, b) => b - a);
    for (const i of condemned) {
      const p = byOrdinal.get(i)!;
      if (p.metadata?.deletionTimestamp) {
        if (!parallel) return;
        continue;
      }
      ownClaimsByPod(this.ctx.client, sts, p, i, (n) => this.claims.getNs(sts.metadata!.namespace, n));
      this.deletePod(sts, p);
      if (!parallel) return;
    }
    // Rolling update: one pod at a time, from the highest ordinal down to the partition.
    if ((sts.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const live = [...byOrdinal.entries()].filter(([i]) => i >= start && i < end);
    if (live.length < replicas || live.some(([, p]) => !runningAndReady(p))) return;
    for (let i = end - 1; i >= start + partition; i--) {
      const p = byOrdinal.get(i);
      if (p && p.metadata?.labels?.[REVISION_HASH] !== updateRevision) {
        this.deletePod(sts, p);
        return;
      }
    }
  }

  private templateFor(sts: STS, revision: string): PodTemplateSpec | undefined {
    const rev = this.revisions.getNs(sts.metadata!.namespace, revision) as (KObject & { data?: { spec?: { template?: PodTemplateSpec } } }) | undefined;
    const t = rev?.data?.spec?.template;
    if (!t) return sts.spec?.template;
    const { $patch: _p, ...rest } = t as PodTemplateSpec & { $patch?: string };
    return rest;
  }

  private createPod(sts: STS, ordinal: number, revision: string): void {
    const name = `${sts.metadata!.name}-${ordinal}`;
    const pod = podFromTemplate(this.templateFor(sts, revision), sts.metadata!.namespace!, newControllerRef(sts, 'apps/v1', 'StatefulSet'), '');
    delete pod.metadata!.generateName;
    pod.metadata!.name = name;
    pod.metadata!.labels = { ...(pod.metadata!.labels ?? {}), [REVISION_HASH]: revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) };
    const spec = pod.spec as { hostname?: string; subdomain?: string };
    withClaimVolumes(pod, sts, ordinal);
    if (!ensureClaims(this.ctx.client, this.ctx.events, sts, ordinal, (n) => this.claims.getNs(sts.metadata!.namespace, n))) return;
    spec.hostname = name;
    if (sts.spec?.serviceName) spec.subdomain = sts.spec.serviceName;
    const r = this.ctx.client.create('pods', sts.metadata!.namespace, pod);
    if (r.ok) this.ctx.events.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata!.name} successful`);
    else if (r.status.reason !== 'AlreadyExists') this.ctx.events.event(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${sts.metadata!.name} failed error: ${r.status.message}`);
  }

  private deletePod(sts: STS, p: P): void {
    const r = this.ctx.client.delete('pods', p.metadata?.namespace, p.metadata!.name!, { preconditions: { uid: p.metadata?.uid } });
    if (r.ok) this.ctx.events.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata!.name} in StatefulSet ${sts.metadata!.name} successful`);
  }
}
