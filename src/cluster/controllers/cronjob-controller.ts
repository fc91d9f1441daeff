/**
 * The CronJob controller (v2): at each scheduled time it creates a Job named
 * `<cronjob>-<minutes since the epoch>`, honouring concurrencyPolicy
 * (Allow/Forbid/Replace), startingDeadlineSeconds and suspend; it tracks
 * active jobs, lastScheduleTime and lastSuccessfulTime, trims finished jobs
 * to the history limits, and wakes up at the next scheduled time.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { nextAfter, parseCron, type CronSchedule } from '../api/validation/cron.js';
import { controllerOf, controllerUidIndex, newControllerRef } from './controller-ref.js';
import { jobFinished } from './job-controller.js';
import { timeOf } from './pod-util.js';

type CJ = CronJob & KObject;
type J = Job & KObject;

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const MAX_MISSED = 100;

/** Go's time.RFC1123Z, used in the MissSchedule event. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The latest scheduled time in (earliest, now], and how many were missed. */
export function mostRecentSchedule(sched: CronSchedule, earliest: number, now: number): { time: number | undefined; missed: number } {
  let t = nextAfter(sched, earliest);
  let last: number | undefined;
  let missed = 0;
  let jumped = false;
  while (t !== undefined && t <= now) {
    last = t;
    missed++;
    if (missed > MAX_MISSED && !jumped) {
      // Past the warning threshold only the most recent time matters: skip ahead.
      jumped = true;
      const near = nextAfter(sched, Math.max(t, now - 7 * 86_400_000));
      if (near !== undefined && near > t) {
        t = near;
        continue;
      }
    }
    t = nextAfter(sched, t);
  }
  return { time: last, missed };
}

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  private ctx!: ControllerContext;
  private cronjobs!: Informer<CJ>;
  private jobs!: Informer<J>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.cronjobs = ctx.informers.for<CJ>('cronjobs.batch');
    this.jobs = ctx.informers.for<J>('jobs.batch');
    this.jobs.addIndex('controller', controllerUidIndex);
    this.cronjobs.on((type, cj) => {
      if (type !== 'DELETED') ctx.queue.add(objKey(cj));
    });
    this.jobs.on((_t, j) => {
      const ref = controllerOf(j);
      if (ref?.kind === 'CronJob') ctx.queue.add(`${j.metadata?.namespace}/${ref.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const cj = this.cronjobs.get(key);
    if (!cj) return;
    const ns = cj.metadata!.namespace!;
    const now = this.ctx.clock.now();
    const ev = this.ctx.events;
    const client = this.ctx.client;
    const jobs = this.jobs.byIndex('controller', cj.metadata!.uid!).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const status = clone(cj.status ?? {});
    let active: ObjectReference[] = [...(status.active ?? [])];
    // Reconcile the active list with the jobs that exist.
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata?.uid);
      const done = jobFinished(j);
      if (inActive && done) {
        active = active.filter((a) => a.uid !== j.metadata?.uid);
        ev.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${done}`);
        if (done === 'Complete') {
          const t = j.status?.completionTime;
          if (t && (!status.lastSuccessfulTime || timeOf(t) > timeOf(status.lastSuccessfulTime))) status.lastSuccessfulTime = t;
        }
      } else if (!inActive && !done && !j.metadata?.deletionTimestamp) {
        active.push(jobRef(j));
      }
    }
    for (const a of [...active]) {
      if (!jobs.some((j) => j.metadata?.uid === a.uid)) {
        active = active.filter((x) => x !== a);
        ev.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${a.name}`);
      }
    }
    this.cleanup(cj, jobs);
    const sched = parseCron(cj.spec?.schedule ?? '');
    let requeue: number | undefined;
    if (!sched.ok) {
      ev.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule ?? ''}" : ${sched.error}`);
    } else if (!cj.metadata?.deletionTimestamp && !cj.spec?.suspend) {
      const s = sched.schedule;
      let earliest = timeOf(status.lastScheduleTime ?? cj.metadata?.creationTimestamp);
      const sds = cj.spec?.startingDeadlineSeconds;
      if (sds !== undefined && sds !== null) earliest = Math.max(earliest, now - sds * 1000);
      const { time, missed } = mostRecentSchedule(s, earliest, now);
      if (missed > MAX_MISSED) ev.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
      const next = nextAfter(s, now);
      if (next !== undefined) requeue = next - now;
      if (time !== undefined) {
        const name = `${cj.metadata!.name}-${Math.floor(time / 60_000)}`;
        const exists = jobs.some((j) => j.metadata?.name === name) || active.some((a) => a.name === name);
        if (sds !== undefined && sds !== null && time + sds * 1000 < now) {
          ev.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(time)}`);
        } else if (!exists) {
          const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
          if (policy === 'Forbid' && active.length > 0) {
            ev.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
          } else {
            if (policy === 'Replace') {
              for (const a of active) {
                const r = client.delete('jobs.batch', ns, a.name!, { propagationPolicy: 'Background' });
                if (r.ok || r.status.reason === 'NotFound') ev.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`);
              }
              active = [];
            }
            const made = this.createJob(cj, name, time);
            if (made) {
              active.push(jobRef(made));
              status.lastScheduleTime = isoTime(time);
            }
          }
        }
      }
    }
    status.active = active.length ? active : undefined;
    if (!status.active) delete status.active;
    if (!deepEqual(status, cj.status ?? {})) {
      const r = client.updateStatus('cronjobs.batch', ns, cj.metadata!.name!, { ...clone(cj), status });
      if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    }
    return requeue !== undefined ? { requeueAfterMs: Math.max(1, requeue) } : undefined;
  }

  private createJob(cj: CJ, name: string, time: number): J | undefined {
    const tmpl = clone(cj.spec?.jobTemplate ?? {});
    const job: J = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata!.namespace,
        ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
        annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: isoTime(time) },
        ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: tmpl.spec ?? { template: {} },
    };
    const r = this.ctx.client.create<J>('jobs.batch', cj.metadata!.namespace, job);
    if (!r.ok) {
      if (r.status.reason !== 'AlreadyExists') this.ctx.events.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${r.status.message}`);
      return undefined;
    }
    this.ctx.events.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    return r.object;
  }

  /** Keep successfulJobsHistoryLimit (3) complete and failedJobsHistoryLimit (1) failed jobs. */
  private cleanup(cj: CJ, jobs: J[]): void {
    const trim = (kind: 'Complete' | 'Failed', limit: number) => {
      const done = jobs
        .filter((j) => jobFinished(j) === kind && !j.metadata?.deletionTimestamp)
        .sort((a, b) => timeOf(a.status?.startTime ?? a.metadata?.creationTimestamp) - timeOf(b.status?.startTime ?? b.metadata?.creationTimestamp) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        const r = this.ctx.client.delete('jobs.batch', j.metadata!.namespace, j.metadata!.name!, { propagationPolicy: 'Background' });
        if (r.ok) this.ctx.events.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata!.name}`);
      }
    };
    trim('Complete', cj.spec?.successfulJobsHistoryLimit ?? 3);
    trim('Failed', cj.spec?.failedJobsHistoryLimit ?? 1);
  }
}

function jobRef(j: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata!.name, namespace: j.metadata!.namespace, uid: j.metadata!.uid, resourceVersion: j.metadata!.resourceVersion };
}
