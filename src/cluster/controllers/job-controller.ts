/**
 * The Job controller: runs pods until `completions` succeed (or, without
 * completions, until one succeeds and none is active), at most `parallelism`
 * at once; retries failures after a back-off (10 s doubling, capped at 6 min)
 * until `backoffLimit`; stops at `activeDeadlineSeconds`. Pods carry the
 * `batch.kubernetes.io/job-tracking` finalizer until counted. Finishing
 * passes through FailureTarget / SuccessCriteriaMet before Failed / Complete,
 * as 1.32 shows.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { controllerOf, controllerUidIndex, newControllerRef } from './controller-ref.js';
import { PodControl, podFromTemplate, slowStartBatch } from './pod-control.js';
import { isPodReady, timeOf, totalRestarts } from './pod-util.js';
import { podsToDelete } from './pod-ranking.js';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 360_000;

type J = Job & KObject;
type P = Pod & KObject;

export function jobFinished(j: Job): 'Complete' | 'Failed' | undefined {
  for (const c of j.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** The delay before the next pod after `failures` consecutive failures. */
export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
}

function podFailed(p: Pod): boolean {
  return p.status?.phase === 'Failed' || (!!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded');
}

export class JobController implements Controller {
  readonly name = 'job-controller';
  private ctx!: ControllerContext;
  private jobs!: Informer<J>;
  private pods!: Informer<P>;
  private control!: PodControl;
  /** Pods already counted into status (their finalizer may still be coming off). */
  private counted = new Set<string>();
  /** Per job uid: failures since the last success and when the last one happened. */
  private backoff = new Map<string, { failures: number; last: number }>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.control = new PodControl(ctx.client, ctx.events);
    this.jobs = ctx.informers.for<J>('jobs.batch');
    this.pods = ctx.informers.for<P>('pods');
    this.pods.addIndex('controller', controllerUidIndex);
    this.jobs.on((_t, j) => ctx.queue.add(objKey(j)));
    this.pods.on((_t, p) => {
      const ref = controllerOf(p);
      if (ref?.kind === 'Job') ctx.queue.add(`${p.metadata?.namespace}/${ref.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const job = this.jobs.get(key);
    if (!job) return;
    const uid = job.metadata!.uid!;
    const now = this.ctx.clock.now();
    const pods = this.pods.byIndex('controller', uid).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    if (jobFinished(job)) {
      this.releaseFinished(pods, true);
      return;
    }
    const s: JobStatus = clone(job.status ?? {});
    s.startTime ??= isoTime(now);
    // Count newly finished pods.
    let succeeded = s.succeeded ?? 0;
    let failed = s.failed ?? 0;
    const bo = this.backoff.get(uid) ?? { failures: 0, last: 0 };
    for (const p of pods) {
      const pu = p.metadata!.uid!;
      if (this.counted.has(pu) || !(p.metadata?.finalizers ?? []).includes(TRACKING_FINALIZER)) continue;
      if (p.status?.phase === 'Succeeded') {
        succeeded++;
        bo.failures = 0;
        this.counted.add(pu);
      } else if (podFailed(p)) {
        failed++;
        bo.failures++;
        bo.last = now;
        this.counted.add(pu);
      }
    }
    this.backoff.set(uid, bo);
    const active = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const terminating = pods.filter((p) => !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const spec = job.spec ?? { template: {} };
    const parallelism = spec.parallelism ?? 1;
    const completions = spec.completions;
    const backoffLimit = spec.backoffLimit ?? 6;
    const restarts = spec.template?.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + totalRestarts(p), 0) : 0;
    const t = isoTime(now);
    const cond = (type: string, reason: string, message: string): JobCondition => ({ type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message });
    const has = (type: string) => (s.conditions ?? []).find((c) => c.type === type && c.status === 'True');
    let requeue: number | undefined;
    if (!has('FailureTarget') && !has('SuccessCriteriaMet')) {
      const deadline = spec.activeDeadlineSeconds;
      if (failed + restarts > backoffLimit) s.conditions = [...(s.conditions ?? []), cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
      else if (deadline !== undefined && now >= timeOf(s.startTime) + deadline * 1000) s.conditions = [...(s.conditions ?? []), cond('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline')];
      else if (completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0)
        s.conditions = [...(s.conditions ?? []), cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods')];
      else if (deadline !== undefined) requeue = timeOf(s.startTime) + deadline * 1000 - now;
    }
    const target = has('FailureTarget') ?? has('SuccessCriteriaMet');
    let stillActive = active;
    if (target) {
      for (const p of active) this.control.delete(job, p);
      stillActive = [];
      if (terminating.length === 0 && active.length === 0) {
        const failedTarget = target.type === 'FailureTarget';
        s.conditions = [...(s.conditions ?? []), cond(failedTarget ? 'Failed' : 'Complete', target.reason!, target.message!)];
        if (failedTarget) this.ctx.events.event(job, 'Warning', target.reason!, target.message!);
        else {
          s.completionTime = t;
          this.ctx.events.event(job, 'Normal', 'Completed', 'Job completed');
        }
      }
    } else if (!spec.suspend) {
      const want = completions !== undefined && completions !== null ? Math.max(0, Math.min(parallelism, completions - succeeded)) : succeeded > 0 ? 0 : parallelism;
      const diff = want - active.length;
      if (diff > 0) {
        const wait = bo.failures > 0 ? bo.last + backoffDelay(bo.failures) - now : 0;
        if (wait > 0) requeue = Math.min(requeue ?? Infinity, wait);
        else {
          const ref = newControllerRef(job, 'batch/v1', 'Job');
          const made: P[] = [];
          slowStartBatch(diff, 1, () => {
            const pod = podFromTemplate(spec.template, job.metadata!.namespace!, ref, `${job.metadata!.name}-`);
            pod.metadata!.finalizers = [...(pod.metadata!.finalizers ?? []), TRACKING_FINALIZER];
            const r = this.control.create(job, pod);
            if (typeof r !== 'string') made.push(r as P);
            return typeof r !== 'string';
          });
          stillActive = [...active, ...made];
        }
      } else if (diff < 0) {
        const victims = podsToDelete(active, active, -diff, now);
        for (const p of victims) this.control.delete(job, p);
        stillActive = active.filter((p) => !victims.includes(p));
      }
    } else {
      for (const p of active) this.control.delete(job, p);
      stillActive = [];
    }
    const ready = stillActive.filter(isPodReady).length;
    s.active = stillActive.length || undefined;
    s.ready = ready;
    s.succeeded = succeeded || undefined;
    s.failed = failed || undefined;
    s.terminating = terminating.length;
    s.uncountedTerminatedPods = {};
    if (!s.active) delete s.active;
    if (!s.succeeded) delete s.succeeded;
    if (!s.failed) delete s.failed;
    if (!deepEqual(s, job.status ?? {})) {
      const r = this.ctx.client.updateStatus('jobs.batch', job.metadata!.namespace, job.metadata!.name!, { ...clone(job), status: s });
      if (!r.ok) {
        if (r.status.reason === 'NotFound') return;
        return { error: r.status.message };
      }
    }
    this.releaseFinished(pods, false);
    if (requeue !== undefined && requeue > 0) return { requeueAfterMs: requeue };
    return;
  }

  /** Remove the tracking finalizer from counted pods (from every pod once the Job is finished). */
  private releaseFinished(pods: P[], all: boolean): void {
    for (const p of pods) {
      if (!(p.metadata?.finalizers ?? []).includes(TRACKING_FINALIZER)) continue;
      if (!all && !this.counted.has(p.metadata!.uid!)) continue;
      if (all && !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') continue;
      const copy = clone(p);
      copy.metadata!.finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
      if (copy.metadata!.finalizers.length === 0) delete copy.metadata!.finalizers;
      this.ctx.client.update('pods', p.metadata?.namespace, p.metadata!.name!, copy);
    }
  }
}
