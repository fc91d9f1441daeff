/**
 * Deployment helpers as upstream's deployment/util: revision and replica
 * annotations, surge and unavailability fenceposts (surge rounded up,
 * unavailability rounded down), conditions, and the proportion of a scale
 * change each ReplicaSet gets during a rollout.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { timeOf } from './pod-util.js';

export type D = Deployment & KObject;
export type RS = ReplicaSet & KObject;

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const TEMPLATE_HASH = 'pod-template-hash';
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

// Condition reasons (upstream deploymentutil).
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

/** Go's math.Round: halves away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    const n = Number(v);
    return Number.isInteger(n) ? n : 0;
  }
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function replicasOf(o: { spec?: { replicas?: number } }): number {
  return o.spec?.replicas ?? 1;
}

function isRolling(d: D): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** [maxSurge, maxUnavailable] for `desired` replicas; never both 0. */
export function fenceposts(d: D): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = scaledValue(ru?.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: D): number {
  return isRolling(d) ? fenceposts(d)[0] : 0;
}

export function maxUnavailable(d: D): number {
  const desired = replicasOf(d);
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(fenceposts(d)[1], desired);
}

export function revisionOf(o: KObject): number {
  const v = Number(o.metadata?.annotations?.[REVISION] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** The template without the pod-template-hash label (shallow copies: only compared, never written). */
function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const tt = t ?? {};
  const labels = tt.metadata?.labels;
  if (!labels || labels[TEMPLATE_HASH] === undefined) return tt;
  const rest: Record<string, string> = {};
  for (const k in labels) if (k !== TEMPLATE_HASH) rest[k] = labels[k]!;
  const metadata = { ...tt.metadata, labels: Object.keys(rest).length ? rest : undefined };
  return { ...tt, metadata };
}

export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

/** Copies the deployment's annotations onto the ReplicaSet (except the controller's own); true when anything changed. */
export function copyAnnotations(d: D, rs: RS): boolean {
  let changed = false;
  const ann = (rs.metadata!.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

export function setReplicasAnnotations(rs: RS, desired: number, max: number): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  const d = String(desired);
  const m = String(max);
  if (ann[DESIRED_REPLICAS] === d && ann[MAX_REPLICAS] === m) return false;
  ann[DESIRED_REPLICAS] = d;
  ann[MAX_REPLICAS] = m;
  return true;
}

/** SetNewReplicaSetAnnotations: copy, bump the revision (keeping the old one in revision-history on a rollback). */
export function setNewRSAnnotations(d: D, rs: RS, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const ann = rs.metadata!.annotations!;
  const had = ann[REVISION];
  const old = Number(had ?? 0);
  if (old < newRevision) {
    ann[REVISION] = String(newRevision);
    changed = true;
    if (had !== undefined) ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${had}` : had;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

export function condition(s: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const t = isoTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: unchanged when status and reason match; transition time kept when only the reason moves. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = condition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (s.conditions) s.conditions = s.conditions.filter((x) => x.type !== type);
}

export function specReplicasSum(rss: RS[]): number {
  return rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
}

export function statusSum(rss: RS[], f: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return rss.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
}

export function active(rss: RS[]): RS[] {
  return rss.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
}

/** Oldest first; ties by name. */
export function byCreation(a: RS, b: RS): number {
  const d = timeOf(a.metadata?.creationTimestamp) - timeOf(b.metadata?.creationTimestamp);
  return d !== 0 ? d : a.metadata!.name! < b.metadata!.name! ? -1 : 1;
}

export function byRevision(a: RS, b: RS): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : byCreation(a, b);
}

/** Larger first; ties newer first (scaling up) or older first (scaling down). */
export function bySize(newerFirst: boolean) {
  return (a: RS, b: RS): number => {
    const d = (b.spec?.replicas ?? 0) - (a.spec?.replicas ?? 0);
    if (d !== 0) return d;
    return newerFirst ? byCreation(b, a) : byCreation(a, b);
  };
}

export function hasProgressDeadline(d: D): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

export function deploymentComplete(d: D, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

export function deploymentProgressing(d: D, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

export function deploymentTimedOut(d: D, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = condition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  return timeOf(c.lastUpdateTime) + (d.spec!.progressDeadlineSeconds ?? 600) * 1000 < now;
}

/** How many of a scale change `rs` takes, proportionally to its size (GetProportion). */
export function proportion(rs: RS, d: D, toAdd: number, added: number): number {
  if ((rs.spec?.replicas ?? 0) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: RS, d: D): number {
  const size = rs.spec?.replicas ?? 0;
  if (replicasOf(d) === 0) return -size;
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const ann = Number(rs.metadata?.annotations?.[MAX_REPLICAS]);
  const annotated = Number.isInteger(ann) && rs.metadata?.annotations?.[MAX_REPLICAS] !== undefined ? ann : (d.status?.replicas ?? 0);
  if (annotated === 0) return 0;
  return goRound((size * deploymentReplicas) / annotated) - size;
}
