/**
 * One sync of one Deployment (upstream's sync.go): find or create the new
 * ReplicaSet and keep revisions in order, scale ReplicaSets (proportionally
 * while a rollout is in flight), clean up old ReplicaSets past
 * revisionHistoryLimit, and compute status and conditions.
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { ControllerContext } from '../runtime/controller.js';
import { clone, deepEqual } from '../api/paths.js';
import { newControllerRef } from './controller-ref.js';
import { computeHash } from './template-hash.js';
import {
  active,
  byCreation,
  byRevision,
  bySize,
  condition,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  FOUND_NEW_RS,
  hasProgressDeadline,
  maxSurge,
  maxUnavailable,
  MIN_AVAILABLE,
  MIN_UNAVAILABLE,
  NEW_RS_AVAILABLE,
  NEW_RS_CREATED,
  newCondition,
  proportion,
  removeCondition,
  replicasOf,
  REVISION,
  revisionOf,
  RS_UPDATED,
  setCondition,
  setNewRSAnnotations,
  setReplicasAnnotations,
  specReplicasSum,
  statusSum,
  TEMPLATE_HASH,
  TIMED_OUT,
  type D,
  type RS,
} from './deployment-util.js';
import { timeOf } from './pod-util.js';

export class DeploymentSync {
  /** Set when the deployment should be looked at again later (ms). */
  requeueAfterMs: number | undefined;
  error: string | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    public d: D,
    public rsList: RS[],
  ) {}

  get now(): number {
    return this.ctx.clock.now();
  }

  private replace(rs: RS): void {
    this.rsList = this.rsList.map((x) => (x.metadata!.uid === rs.metadata!.uid ? rs : x));
  }

  private fail(msg: string): void {
    this.error ??= msg;
  }

  /** The new ReplicaSet (oldest whose template matches) and the old ones. */
  split(): { newRS: RS | undefined; oldRSs: RS[] } {
    const sorted = [...this.rsList].sort(byCreation);
    const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, this.d.spec?.template));
    return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
  }

  /** getAllReplicaSetsAndSyncRevision. */
  getAll(create: boolean): { newRS: RS | undefined; oldRSs: RS[] } {
    const { newRS, oldRSs } = this.split();
    const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const newRevision = maxOld + 1;
    if (newRS) return { newRS: this.syncExisting(newRS, newRevision), oldRSs };
    if (!create) return { newRS: undefined, oldRSs };
    return { newRS: this.createNew(oldRSs, newRevision), oldRSs };
  }

  private syncExisting(rs: RS, newRevision: number): RS {
    // Annotations are all setNewRSAnnotations touches: try it on a shallow copy, clone the ReplicaSet only to write it.
    const trial = { ...rs, metadata: { ...rs.metadata, annotations: { ...(rs.metadata?.annotations ?? {}) } } };
    const annChanged = setNewRSAnnotations(this.d, trial, newRevision, true);
    const minReady = this.d.spec?.minReadySeconds ?? 0;
    const minReadyChanged = (rs.spec?.minReadySeconds ?? 0) !== minReady;
    let cur = rs;
    if (annChanged || minReadyChanged) {
      const copy = clone(rs);
      copy.metadata!.annotations = trial.metadata.annotations;
      copy.spec!.minReadySeconds = minReady;
      const r = this.ctx.client.update<RS>('replicasets.apps', rs.metadata!.namespace, rs.metadata!.name!, copy);
      if (r.ok) {
        cur = r.object;
        this.replace(cur);
      } else this.fail(r.status.message);
    }
    this.setRevision(cur.metadata?.annotations?.[REVISION]);
    if (hasProgressDeadline(this.d) && !condition(this.d.status, 'Progressing')) {
      const status = clone(this.d.status ?? {});
      setCondition(status, newCondition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${cur.metadata!.name}"`, this.now));
      this.writeStatus(status);
    }
    return cur;
  }

  private createNew(oldRSs: RS[], newRevision: number): RS | undefined {
    const d = this.d;
    const ns = d.metadata!.namespace!;
    const template = clone(d.spec!.template);
    const hash = computeHash(d.spec!.template, d.status?.collisionCount);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [TEMPLATE_HASH]: hash };
    const selector = clone(d.spec!.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [TEMPLATE_HASH]: hash };
    const rs: RS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d.metadata!.name}-${hash}`, namespace: ns, labels: template.metadata.labels, annotations: {}, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')] },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const replicas = this.newRSReplicas([...oldRSs, rs], rs);
    rs.spec!.replicas = replicas;
    setNewRSAnnotations(d, rs, newRevision, false);
    const r = this.ctx.client.create<RS>('replicasets.apps', ns, rs);
    if (!r.ok) {
      if (r.status.reason === 'AlreadyExists') {
        const existing = this.ctx.client.get<RS>('replicasets.apps', ns, rs.metadata!.name!);
        if (existing.ok && existing.object.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid) && equalIgnoreHash(existing.object.spec?.template, d.spec?.template)) return existing.object;
        // A hash collision: bump collisionCount so the next hash differs.
        const status = clone(d.status ?? {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        this.writeStatus(status);
      }
      this.fail(r.status.message);
      return undefined;
    }
    const created = r.object;
    this.rsList = [...this.rsList, created];
    if (replicas > 0) this.ctx.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata!.name} from 0 to ${replicas}`);
    this.setRevision(String(newRevision));
    if (hasProgressDeadline(d)) {
      const status = clone(this.d.status ?? {});
      setCondition(status, newCondition('Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${created.metadata!.name}"`, this.now));
      this.writeStatus(status);
    }
    return created;
  }

  /** NewRSNewReplicas: how big the new ReplicaSet may be right now. */
  newRSReplicas(all: RS[], newRS: RS): number {
    const d = this.d;
    if ((d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return replicasOf(d);
    const cur = newRS.spec?.replicas ?? 0;
    const maxTotal = replicasOf(d) + maxSurge(d);
    const current = specReplicasSum(all);
    if (current >= maxTotal) return cur;
    const up = Math.min(maxTotal - current, replicasOf(d) - cur);
    return cur + up;
  }

  private setRevision(rev: string | undefined): void {
    if (rev === undefined || this.d.metadata?.annotations?.[REVISION] === rev) return;
    const copy = clone(this.d);
    copy.metadata!.annotations = { ...(copy.metadata!.annotations ?? {}), [REVISION]: rev };
    const r = this.ctx.client.update<D>('deployments.apps', copy.metadata!.namespace, copy.metadata!.name!, copy);
    if (r.ok) this.d = r.object;
    else this.fail(r.status.message);
  }

  writeStatus(status: DeploymentStatus): void {
    if (deepEqual(status, this.d.status ?? {})) return;
    const r = this.ctx.client.updateStatus<D>('deployments.apps', this.d.metadata!.namespace, this.d.metadata!.name!, { ...clone(this.d), status });
    if (r.ok) this.d = r.object;
    else if (r.status.reason !== 'NotFound') this.fail(r.status.message);
  }

  /** scaleReplicaSet: size and replica annotations; an event when the size moves. */
  scaleRS(rs: RS, size: number, op?: 'up' | 'down'): RS {
    const d = this.d;
    const cur = rs.spec?.replicas ?? 0;
    const copy = clone(rs);
    copy.metadata!.annotations ??= {};
    const annChanged = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
    if (cur === size && !annChanged) return rs;
    copy.spec!.replicas = size;
    const r = this.ctx.client.update<RS>('replicasets.apps', rs.metadata!.namespace, rs.metadata!.name!, copy);
    if (!r.ok) {
      this.fail(r.status.message);
      return rs;
    }
    this.replace(r.object);
    if (cur !== size) this.ctx.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op ?? (cur < size ? 'up' : 'down')} replica set ${rs.metadata!.name} from ${cur} to ${size}`);
    return r.object;
  }

  /** scaleReplicaSetAndRecordEvent: only when the size changes. */
  scaleIfNeeded(rs: RS, size: number): boolean {
    if ((rs.spec?.replicas ?? 0) === size) return false;
    this.scaleRS(rs, size);
    return true;
  }

  /** Is the spec's replica count different from what the active ReplicaSets were last sized for? */
  isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.getAll(false);
    const all = active([...(newRS ? [newRS] : []), ...oldRSs]);
    return all.some((rs) => {
      const v = rs.metadata?.annotations?.[DESIRED_REPLICAS];
      return v !== undefined && Number(v) !== replicasOf(this.d);
    });
  }

  /** sync(): scaling and paused deployments. */
  sync(): void {
    const { newRS, oldRSs } = this.getAll(false);
    this.scale(newRS, oldRSs);
    const fresh = this.split();
    if (this.d.spec?.paused) this.cleanup(fresh.oldRSs);
    this.writeStatus(this.calculateStatus(fresh.newRS));
  }

  private scale(newRS: RS | undefined, oldRSs: RS[]): void {
    const d = this.d;
    const want = replicasOf(d);
    const activeRSs = active([...(newRS ? [newRS] : []), ...oldRSs]);
    let only: RS | undefined;
    if (activeRSs.length === 0) only = newRS ?? [...oldRSs].sort(byCreation).at(-1);
    else if (activeRSs.length === 1) only = activeRSs[0];
    if (only) {
      this.scaleIfNeeded(only, want);
      return;
    }
    if (newRS && this.saturated(newRS)) {
      for (const rs of active(oldRSs)) this.scaleIfNeeded(rs, 0);
      return;
    }
    if ((d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const all = activeRSs;
    const allowed = want > 0 ? want + maxSurge(d) : 0;
    const toAdd = allowed - specReplicasSum(all);
    const ordered = [...all].sort(bySize(toAdd > 0));
    const sizes = new Map<RS, number>();
    let added = 0;
    for (const rs of ordered) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        sizes.set(rs, (rs.spec?.replicas ?? 0) + p);
        added += p;
      } else sizes.set(rs, rs.spec?.replicas ?? 0);
    }
    if (toAdd !== added && ordered.length > 0) {
      const first = ordered[0]!;
      sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
    }
    const op = toAdd > 0 ? 'up' : 'down';
    for (const rs of ordered) this.scaleRS(rs, sizes.get(rs)!, op);
  }

  private saturated(rs: RS): boolean {
    const want = replicasOf(this.d);
    return (rs.spec?.replicas ?? 0) === want && Number(rs.metadata?.annotations?.[DESIRED_REPLICAS]) === want && (rs.status?.availableReplicas ?? 0) === want;
  }

  /** Delete old ReplicaSets past revisionHistoryLimit that have scaled to zero. */
  cleanup(oldRSs: RS[]): void {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
    const diff = alive.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = alive[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec?.replicas ?? 0) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.ctx.client.delete('replicasets.apps', rs.metadata!.namespace, rs.metadata!.name!, { preconditions: { uid: rs.metadata?.uid } });
    }
  }

  calculateStatus(newRS: RS | undefined): DeploymentStatus {
    const d = this.d;
    const all = this.rsList;
    const available = statusSum(all, 'availableReplicas');
    const s: DeploymentStatus = clone(d.status ?? {});
    const set = (k: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas' | 'observedGeneration', v: number) => {
      if (v) s[k] = v;
      else delete s[k];
    };
    set('observedGeneration', d.metadata?.generation ?? 0);
    set('replicas', statusSum(all, 'replicas'));
    set('updatedReplicas', newRS?.status?.replicas ?? 0);
    set('readyReplicas', statusSum(all, 'readyReplicas'));
    set('availableReplicas', available);
    set('unavailableReplicas', Math.max(0, specReplicasSum(all) - available));
    if (available >= replicasOf(d) - maxUnavailable(d)) setCondition(s, newCondition('Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', this.now));
    else setCondition(s, newCondition('Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', this.now));
    return s;
  }

  /** syncRolloutStatus: Progressing by the deadline rules, then status. */
  syncRolloutStatus(newRS: RS | undefined): void {
    const d = this.d;
    const s = this.calculateStatus(newRS);
    if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
    const cur = condition(s, 'Progressing');
    const complete = s.replicas === s.updatedReplicas && cur?.reason === NEW_RS_AVAILABLE;
    if (hasProgressDeadline(d) && !complete) {
      const name = newRS?.metadata?.name;
      if (deploymentComplete(d, s)) {
        setCondition(s, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, name ? `ReplicaSet "${name}" has successfully progressed.` : 'Deployment has successfully progressed.', this.now));
      } else if (deploymentProgressing(d, s)) {
        const c = newCondition('Progressing', 'True', RS_UPDATED, name ? `ReplicaSet "${name}" is progressing.` : 'Deployment is progressing.', this.now);
        if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(s, 'Progressing');
        setCondition(s, c);
      } else if (deploymentTimedOut(d, s, this.now)) {
        setCondition(s, newCondition('Progressing', 'False', TIMED_OUT, name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata!.name}" has timed out progressing.`, this.now));
      }
    }
    if (deepEqual(s, d.status ?? {})) {
      this.requeueStuck(s);
      return;
    }
    this.writeStatus(s);
    this.requeueStuck(this.d.status ?? s);
  }

  private requeueStuck(s: DeploymentStatus): void {
    const d = this.d;
    const c = condition(s, 'Progressing');
    if (!hasProgressDeadline(d) || !c || c.reason === NEW_RS_AVAILABLE || c.reason === TIMED_OUT || deploymentComplete(d, s)) return;
    const due = timeOf(c.lastUpdateTime) + (d.spec!.progressDeadlineSeconds ?? 600) * 1000 + 1000;
    this.requeueAfterMs = Math.max(1000, due - this.now);
  }

  /** Progressing=Unknown DeploymentPaused / DeploymentResumed. */
  checkPausedConditions(): void {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const cur = condition(d.status, 'Progressing');
    if (cur?.reason === TIMED_OUT) return;
    const pausedExists = cur?.reason === 'DeploymentPaused';
    const s = clone(d.status ?? {});
    if (d.spec?.paused && !pausedExists) setCondition(s, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', this.now));
    else if (!d.spec?.paused && pausedExists) setCondition(s, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', this.now));
    else return;
    this.writeStatus(s);
  }
}

