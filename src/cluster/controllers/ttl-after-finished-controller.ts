/**
 * The TTL-after-finished controller: a finished Job with
 * `ttlSecondsAfterFinished` is deleted (in the foreground, as upstream) that
 * long after its Complete/Failed condition.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { jobFinished } from './job-controller.js';
import { timeOf } from './pod-util.js';

export class TtlAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';
  private ctx!: ControllerContext;
  private jobs!: Informer<Job & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.jobs = ctx.informers.for<Job & KObject>('jobs.batch');
    this.jobs.on((type, j) => {
      if (type !== 'DELETED' && j.spec?.ttlSecondsAfterFinished !== undefined && jobFinished(j)) ctx.queue.add(objKey(j));
    });
  }

  reconcile(key: string): ReconcileResult {
    const j = this.jobs.get(key);
    const ttl = j?.spec?.ttlSecondsAfterFinished;
    if (!j || ttl === undefined || j.metadata?.deletionTimestamp) return;
    const done = jobFinished(j);
    if (!done) return;
    const finishedAt = timeOf(j.status?.conditions?.find((c) => c.type === done)?.lastTransitionTime);
    const due = finishedAt + ttl * 1000;
    const now = this.ctx.clock.now();
    if (due > now) return { requeueAfterMs: due - now };
    const r = this.ctx.client.delete('jobs.batch', j.metadata!.namespace, j.metadata!.name!, { propagationPolicy: 'Foreground', preconditions: { uid: j.metadata?.uid } });
    if (!r.ok && r.status.reason !== 'NotFound' && r.status.reason !== 'Conflict') return { error: r.status.message };
    return;
  }
}
