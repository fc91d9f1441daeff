import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function setup(finish: (p: Pod) => { phase: 'Succeeded' | 'Failed'; afterMs: number } | undefined) {
  const c = new Cluster({ seed: 9 });
  installControlPlane(c);
  const fake = new FakeNodes(c, { startMs: 1000, stopMs: 1000, finish });
  return { c, fake };
}

const job = (name: string, spec: Record<string, unknown> = {}, image = 'busybox') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image }] } }, ...spec },
});
const getJob = (c: Cluster, name: string) => {
  const r = c.admin.get<Job>('jobs.batch', 'default', name);
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
};
const condTypes = (j: Job) => (j.status?.conditions ?? []).filter((x) => x.status === 'True').map((x) => x.type);
const events = (c: Cluster) => c.admin.items<Event>('events', 'default');

describe('job controller', () => {
  it('runs completions with parallelism and completes with 1.32 conditions', () => {
    const { c } = setup(() => ({ phase: 'Succeeded', afterMs: 5_000 }));
    c.admin.create('jobs.batch', 'default', job('pi', { completions: 5, parallelism: 2 }));
    let maxActive = 0;
    const unsub = c.onChange(() => {
      const a = c.store.listDir('/registry/pods/default').filter((e) => {
        const p = e.value as Pod;
        return p.status?.phase !== 'Succeeded' && !p.metadata?.deletionTimestamp;
      }).length;
      maxActive = Math.max(maxActive, a);
    });
    c.advance(60_000);
    unsub();
    expect(maxActive).toBe(2);
    const j = getJob(c, 'pi');
    expect(j.status).toMatchObject({ succeeded: 5, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.completionTime).toBeDefined();
    expect(condTypes(j)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(j.status?.conditions?.[1]).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    const pods = c.admin.items<Pod>('pods', 'default');
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => !(p.metadata?.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'))).toBe(true);
    expect(pods[0]?.metadata?.labels?.['job-name']).toBe('pi');
    expect(events(c).some((e) => e.reason === 'Completed' && e.message === 'Job completed' && e.source?.component === 'job-controller')).toBe(true);
  });

  it('retries failures with 10 s doubling back-off and fails at backoffLimit', () => {
    const { c } = setup(() => ({ phase: 'Failed', afterMs: 1_000 }));
    c.admin.create('jobs.batch', 'default', job('bad', { backoffLimit: 3 }));
    const created: number[] = [];
    c.admin.watch('pods', 'default', (e) => {
      if (e.type === 'ADDED') created.push(c.clock.now());
    });
    c.advance(10 * 60_000);
    expect(created).toHaveLength(4);
    const gaps = created.slice(1).map((t, i) => t - created[i]!);
    // Each pod fails ~2 s after creation (start 1 s + run 1 s); then 10, 20, 40 s of back-off.
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([12, 22, 42]);
    const j = getJob(c, 'bad');
    expect(condTypes(j)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status?.conditions?.find((x) => x.type === 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(j.status?.failed).toBe(4);
    expect(events(c).some((e) => e.reason === 'BackoffLimitExceeded' && e.type === 'Warning')).toBe(true);
  });

  it('activeDeadlineSeconds stops a running job with DeadlineExceeded', () => {
    const { c } = setup(() => undefined);
    c.admin.create('jobs.batch', 'default', job('slow', { activeDeadlineSeconds: 30 }));
    c.advance(29_000);
    expect(condTypes(getJob(c, 'slow'))).toEqual([]);
    c.advance(10_000);
    const j = getJob(c, 'slow');
    expect(condTypes(j)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status?.conditions?.find((x) => x.type === 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
  });

  it('ttlSecondsAfterFinished deletes the finished job and its pods', () => {
    const { c } = setup(() => ({ phase: 'Succeeded', afterMs: 1_000 }));
    c.admin.create('jobs.batch', 'default', job('once', { ttlSecondsAfterFinished: 60 }));
    c.advance(30_000);
    expect(condTypes(getJob(c, 'once'))).toContain('Complete');
    c.advance(60_000);
    expect(c.admin.get('jobs.batch', 'default', 'once').ok).toBe(false);
    expect(c.admin.items('pods', 'default')).toHaveLength(0);
  });
});

describe('cronjob controller', () => {
  const cron = (name: string, schedule: string, spec: Record<string, unknown> = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
  });

  it('creates a Job at each scheduled minute named by minutes since the epoch, keeping 3 successful', () => {
    const { c } = setup(() => ({ phase: 'Succeeded', afterMs: 5_000 }));
    c.admin.create('cronjobs.batch', 'default', cron('hello', '*/2 * * * *'));
    c.advance(11 * 60_000);
    const jobs = c.admin.items<Job>('jobs.batch', 'default');
    expect(jobs.length).toBe(3);
    for (const j of jobs) {
      const minutes = Number(j.metadata!.name!.split('-')[1]);
      expect(minutes % 2).toBe(0);
      expect(j.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(new Date(minutes * 60_000).toISOString().replace('.000', ''));
      expect(j.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    }
    const cj = c.admin.get<CronJob>('cronjobs.batch', 'default', 'hello');
    expect(cj.ok && cj.object.status?.lastScheduleTime).toBeDefined();
    expect(cj.ok && cj.object.status?.lastSuccessfulTime).toBeDefined();
    const reasons = new Set(events(c).filter((e) => e.source?.component === 'cronjob-controller').map((e) => e.reason));
    expect([...reasons].sort()).toEqual(['SawCompletedJob', 'SuccessfulCreate', 'SuccessfulDelete']);
  });

  it('Forbid skips a run while the previous one is active; Replace replaces it', () => {
    const { c } = setup(() => undefined);
    c.admin.create('cronjobs.batch', 'default', cron('forbid', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    c.admin.create('cronjobs.batch', 'default', cron('replace', '* * * * *', { concurrencyPolicy: 'Replace' }));
    c.advance(3 * 60_000 + 1_000);
    const jobs = c.admin.items<Job>('jobs.batch', 'default').filter((j) => !j.metadata?.deletionTimestamp);
    expect(jobs.filter((j) => j.metadata!.name!.startsWith('forbid-'))).toHaveLength(1);
    const rep = jobs.filter((j) => j.metadata!.name!.startsWith('replace-'));
    expect(rep).toHaveLength(1);
    expect(Number(rep[0]!.metadata!.name!.split('-')[1]) * 60_000).toBe(Math.floor(c.clock.now() / 60_000) * 60_000);
    expect(events(c).some((e) => e.reason === 'JobAlreadyActive')).toBe(true);
  });
});
