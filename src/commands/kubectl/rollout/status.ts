/**
 * `kubectl rollout status`: kubectl's deployment status viewer, re-checked as
 * the simulated clock advances (it fast-forwards until done or --timeout),
 * printing each new `Waiting for deployment "web" rollout to finish: …` line.
 */
import type { KObject } from '../../../cluster/api/types.js';
import type { KubectlEnv, Verb } from '../verb.js';
import { parseGoDuration } from '../../flags.js';
import { workloads } from './common.js';

interface DeployStatus {
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
  observedGeneration?: number;
  currentRevision?: string;
  updateRevision?: string;
  conditions?: { type: string; reason?: string }[];
}

/** [message, done] or an error. */
export function statusOf(o: KObject): { message: string; done: boolean } | { error: string } {
  const name = o.metadata?.name ?? '';
  const st = (o.status ?? {}) as DeployStatus;
  const spec = (o.spec ?? {}) as { replicas?: number; updateStrategy?: { type?: string } };
  const generation = o.metadata?.generation ?? 0;
  const observed = (st.observedGeneration ?? 0) >= generation;
  switch (o.kind) {
    case 'Deployment': {
      if (!observed) return { message: 'Waiting for deployment spec update to be observed...', done: false };
      if ((st.conditions ?? []).some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { error: `error: deployment "${name}" exceeded its progress deadline` };
      const want = spec.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
      if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
      if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
      return { message: `deployment "${name}" successfully rolled out`, done: true };
    }
    case 'DaemonSet': {
      if (!observed) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
      const desired = st.desiredNumberScheduled ?? 0;
      if ((st.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`, done: false };
      if ((st.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...`, done: false };
      return { message: `daemon set "${name}" successfully rolled out`, done: true };
    }
    default: {
      if (!observed) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
      const want = spec.replicas ?? 1;
      if ((st.readyReplicas ?? 0) < want) return { message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`, done: false };
      if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision ?? ''}...`, done: false };
      return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`, done: true };
    }
  }
}

function run(env: KubectlEnv): number {
  const ws = workloads(env);
  if (!ws) return 1;
  if (ws.length === 0) {
    env.ctx.err(`error: required resource not specified`);
    return 1;
  }
  const w = ws[0]!;
  const timeoutText = String(env.flags.timeout);
  // --timeout=0 waits for ever on a real cluster; here simulated time is capped at an hour.
  const timeout = parseGoDuration(timeoutText) || 3_600_000;
  const end = env.ctx.world.clock.now() + timeout;
  let last = '';
  const current = () => {
    const r = env.client.get(w.ref.gr, w.ref.ns, w.ref.name);
    return r.ok ? statusOf(r.object) : { error: `error: ${r.status.message}` };
  };
  for (;;) {
    const s = current();
    if ('error' in s) {
      env.ctx.err(s.error);
      return 1;
    }
    if (s.message !== last) env.ctx.out(s.message);
    last = s.message;
    if (s.done) return 0;
    if (!env.flags.watch) return 0;
    if (env.ctx.world.clock.now() >= end) {
      env.ctx.err('error: timed out waiting for the condition');
      return 1;
    }
    env.ctx.world.advanceUntil(() => {
      const n = current();
      return 'error' in n || n.message !== last;
    }, end - env.ctx.world.clock.now());
  }
}

export const rolloutStatus: Verb = {
  name: 'status',
  short: 'Show the status of the rollout',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run,
};
