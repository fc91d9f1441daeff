/** `kubectl rollout restart|pause|resume`: patches on the workload. */
import type { KubectlEnv, Verb } from '../verb.js';
import { serverError } from '../output.js';
import { label, workloads } from './common.js';

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function act(env: KubectlEnv, kind: 'restart' | 'pause' | 'resume'): number {
  const ws = workloads(env, kind === 'restart' ? ['Deployment', 'DaemonSet', 'StatefulSet'] : ['Deployment']);
  if (!ws) return 1;
  if (ws.length === 0) {
    env.ctx.err(`error: required resource not specified`);
    return 1;
  }
  let code = 0;
  for (const w of ws) {
    const paused = !!(w.obj.spec as { paused?: boolean }).paused;
    let patch: unknown;
    if (kind === 'restart') {
      if (paused) {
        env.ctx.err(`error: deployments.apps "${w.ref.name}" can't restart paused deployment (run rollout resume first)`);
        code = 1;
        continue;
      }
      patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': isoSeconds(env.ctx.world.clock.now()) } } } } };
    } else {
      if (kind === 'pause' && paused) {
        env.ctx.err(`error: ${w.ref.gr} "${w.ref.name}" is already paused`);
        code = 1;
        continue;
      }
      if (kind === 'resume' && !paused) {
        env.ctx.err(`error: ${w.ref.gr} "${w.ref.name}" is not paused`);
        code = 1;
        continue;
      }
      patch = { spec: { paused: kind === 'pause' ? true : null } };
    }
    const r = env.client.patch(w.ref.gr, w.ref.ns, w.ref.name, patch, 'strategic', undefined, { fieldManager: 'kubectl-rollout' });
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      code = 1;
      continue;
    }
    env.ctx.out(`${label(w)} ${kind === 'restart' ? 'restarted' : kind === 'pause' ? 'paused' : 'resumed'}`);
  }
  return code;
}

const flags = [{ name: 'filename', short: 'f', type: 'strings' as const }, { name: 'selector', short: 'l', type: 'string' as const }, { name: 'field-manager', type: 'string' as const }];

export const rolloutRestart: Verb = { name: 'restart', short: 'Restart a resource', usage: 'kubectl rollout restart RESOURCE [options]', flags, run: (env) => act(env, 'restart') };
export const rolloutPause: Verb = { name: 'pause', short: 'Mark the provided resource as paused', usage: 'kubectl rollout pause RESOURCE [options]', flags, run: (env) => act(env, 'pause') };
export const rolloutResume: Verb = { name: 'resume', short: 'Resume a paused resource', usage: 'kubectl rollout resume RESOURCE [options]', flags, run: (env) => act(env, 'resume') };
