import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { placePending } from './place.js';
import { DEFAULT_BEHAVIOR, proposeReplicas, scaleDownLimit, scaleUpLimit, stabilize } from '../../src/cluster/autoscaling/hpa-replicas.js';

const web = (cpu: string | undefined) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx${cpu ? `\n        resources: {requests: {cpu: ${cpu}}}` : ''}
`;

function setup(cpu: string | undefined): Environment {
  const env = createEnvironment({ seed: 1 });
  const cluster = env.session.cluster()!;
  placePending(cluster);
  expect(sh(env, 'kubectl apply -f -', web(cpu)).code).toBe(0);
  sh(env, 'kubectl expose deployment web --port=80');
  advance(env, 30_000);
  return env;
}

function advance(env: Environment, ms: number): void {
  const cluster = env.session.cluster()!;
  for (let t = 0; t < ms; t += 5000) {
    env.world.advance(Math.min(5000, ms - t));
    placePending(cluster);
  }
}

const rescales = (env: Environment) =>
  env.session.cluster()!.admin.items<Event>('events', 'default').filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message);
const hpa = (env: Environment) => {
  const r = env.session.cluster()!.admin.get<HorizontalPodAutoscaler>('horizontalpodautoscalers.autoscaling', 'default', 'web');
  if (!r.ok) throw new Error(r.status.message);
  return { value: r.object };
};

describe('HPA replica arithmetic', () => {
  it('uses the usage ratio with a 0.1 tolerance', () => {
    const pods = (u: number[]) => u.map((usage, i) => ({ name: `p${i}`, ready: true, usage, request: 100 }));
    // 3 pods at 87% of request, target 50%: ceil(3 × 87/50) = 6
    expect(proposeReplicas(3, pods([87, 87, 87]), 50, true).replicas).toBe(6);
    // 54% vs 50%: ratio 1.08, within tolerance
    expect(proposeReplicas(3, pods([54, 54, 54]), 50, true).replicas).toBe(3);
    // 56%: ratio 1.12 → ceil(3.36) = 4
    expect(proposeReplicas(3, pods([56, 56, 56]), 50, true).replicas).toBe(4);
    // a pod without metrics counts as 100% of request when scaling down: (20+20+100)/300 = 46.7% → within? ratio 0.93 → keep 3
    expect(proposeReplicas(3, [...pods([20, 20]), { name: 'x', ready: true, request: 100 }], 50, true).replicas).toBe(3);
    // and as 0 when scaling up: (90+90+0)/300 = 60% → ratio 1.2 → ceil(3.6) = 4
    expect(proposeReplicas(2, [...pods([90, 90]), { name: 'x', ready: true, request: 100 }], 50, true).replicas).toBe(4);
    // average value: 3 pods at 300m, target 100m → 9
    expect(proposeReplicas(3, pods([300, 300, 300]), 100, false).replicas).toBe(9);
  });

  it('applies the default policies and the 300 s scale-down window', () => {
    // up: max(+4 pods, +100%) per 15 s
    expect(scaleUpLimit(0, 2, [], DEFAULT_BEHAVIOR.scaleUp)).toBe(6);
    expect(scaleUpLimit(0, 10, [], DEFAULT_BEHAVIOR.scaleUp)).toBe(20);
    // 4 added 10 s ago: the period started at 2
    expect(scaleUpLimit(20_000, 6, [{ t: 10_000, change: 4 }], DEFAULT_BEHAVIOR.scaleUp)).toBe(6);
    expect(scaleDownLimit(0, 8, [], DEFAULT_BEHAVIOR.scaleDown)).toBe(0);
    // down: the highest recommendation in the last 300 s
    const hist = [{ t: 0, replicas: 8 }, { t: 100_000, replicas: 5 }];
    expect(stabilize(200_000, 8, 1, hist, DEFAULT_BEHAVIOR)).toBe(8);
    expect(stabilize(350_000, 8, 1, hist, DEFAULT_BEHAVIOR)).toBe(5);
    expect(stabilize(401_000, 8, 1, hist, DEFAULT_BEHAVIOR)).toBe(1);
  });
});

describe('HPA controller', () => {
  it('follows a load curve: up limited by policy, down after the stabilization window', () => {
    const env = setup('100m');
    expect(sh(env, 'kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=10').code).toBe(0);
    advance(env, 30_000);
    // idle nginx: 0% → ceil(2 × 0/50) = 0, clamped to min 1 (no earlier recommendation to hold it)
    expect(rescales(env)).toEqual(['New size: 1; reason: All metrics below target']);
    // 400 rps on 1 pod = 400m = 400% of request: ceil(1 × 400/50) = 8, limited to max(1+4, 1×2) = 5
    sh(env, 'load web --rps 400');
    advance(env, 60_000);
    expect(rescales(env)[1]).toBe('New size: 5; reason: cpu resource utilization (percentage of request) above target');
    advance(env, 60_000);
    // 400 rps over 6 = 66.7m → 67%: ceil(6 × 66.7/50) = 8; at 8: 50% → stays
    expect(hpa(env).value.status?.desiredReplicas).toBe(8);
    expect(sh(env, 'kubectl get hpa web').out).toMatch(/web\s+Deployment\/web\s+cpu: 50%\/50%\s+1\s+10\s+8/);
    const stop = env.session.cluster()!.clock.now();
    sh(env, 'load web --stop');
    advance(env, 240_000);
    expect(hpa(env).value.status?.currentReplicas).toBe(8);
    expect(hpa(env).value.status?.conditions?.find((c) => c.type === 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
    advance(env, 90_000);
    expect(env.session.cluster()!.clock.now() - stop).toBeGreaterThan(300_000);
    expect(hpa(env).value.status?.currentReplicas).toBe(1);
    // the same message as the first scale-down: aggregated into one Event, count 2
    const down = env.session.cluster()!.admin.items<Event>('events', 'default').find((e) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 1; reason: All metrics below target');
    expect(down?.count).toBe(2);
  });

  it('writes its status only when it changed, as upstream\'s updateStatusIfNeeded', () => {
    const env = setup('100m');
    const cluster = env.session.cluster()!;
    // 100 rps over 2 pods = 50m each = 50% of request: on target, nothing to change
    sh(env, 'load web --rps 100');
    expect(sh(env, 'kubectl autoscale deployment web --cpu-percent=50 --min=2 --max=10').code).toBe(0);
    advance(env, 60_000);
    expect(sh(env, 'kubectl get hpa web').out).toMatch(/cpu: 50%\/50%\s+2\s+10\s+2/);
    const hpaRequests = (verb: string, resource: string, subresource: string) => {
      let n = 0;
      const stop = cluster.trace.subscribe((e) => {
        if (e.type === 'request' && e.verb === verb && e.resource === resource && e.subresource === subresource && e.user === 'system:kube-controller-manager') n++;
      });
      return () => (stop(), n);
    };
    const rv = hpa(env).value.metadata?.resourceVersion;
    const writes = hpaRequests('update', 'horizontalpodautoscalers', 'status');
    const scaleReads = hpaRequests('get', 'deployments', 'scale');
    advance(env, 300_000);
    // 20 syncs, each reading the target's scale, and no status write: the inputs did not change
    expect(scaleReads()).toBe(20);
    expect(writes()).toBe(0);
    expect(hpa(env).value.metadata?.resourceVersion).toBe(rv);
    // a change of load within the tolerance changes only the measured utilization: written once, then left alone again
    sh(env, 'load web --rps 104');
    const after = hpaRequests('update', 'horizontalpodautoscalers', 'status');
    advance(env, 120_000);
    expect(after()).toBe(1);
    expect(sh(env, 'kubectl get hpa web').out).toMatch(/cpu: 52%\/50%\s+2\s+10\s+2/);
  });

  it('reports a missing cpu request as upstream', () => {
    const env = setup(undefined);
    sh(env, 'kubectl autoscale deployment web --cpu-percent=50 --max=5');
    advance(env, 30_000);
    const cond = hpa(env).value.status?.conditions?.find((c) => c.type === 'ScalingActive');
    expect(cond?.status).toBe('False');
    expect(cond?.reason).toBe('FailedGetResourceMetric');
    expect(cond?.message).toMatch(/^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-/);
    const ev = env.session.cluster()!.admin.items<Event>('events', 'default').find((e) => e.reason === 'FailedGetResourceMetric');
    expect(ev?.message).toMatch(/^failed to get cpu utilization: missing request for cpu/);
    expect(sh(env, 'kubectl get hpa web').out).toMatch(/cpu: <unknown>\/50%/);
  });
});
