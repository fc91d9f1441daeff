import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { consumerDeployment } from './fixtures.js';

const ENABLE = 'az aks update -g myResourceGroup -n myAKSCluster --enable-keda';

const scaledObject = (extra = '', triggers = `  - type: azure-servicebus
    metadata: {queueName: orders, messageCount: "5"}`) => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: orders}
spec:
  scaleTargetRef: {name: consumer}
${extra}  triggers:
${triggers}
`;

function kedaEnv(): Environment {
  const env = createEnvironment({ seed: 1 });
  expect(sh(env, ENABLE).code).toBe(0);
  env.world.advanceUntil(() => (sh(env, 'kubectl get deploy -n kube-system -l app.kubernetes.io/part-of=keda-operator').out.match(/1\/1/g) ?? []).length === 3, 300_000);
  // the operator notices its pod is up on its next health check (every 10 s)
  env.world.advance(10_000);
  return env;
}

const cluster = (env: Environment) => env.session.cluster()!;
const now = (env: Environment) => env.world.clock.now();
const events = (env: Environment, reason: string) =>
  cluster(env)
    .admin.items<Event>('events', 'default')
    .filter((e) => e.reason === reason);
const replicas = (env: Environment) => {
  const r = cluster(env).admin.get<{ spec: { replicas: number } }>('deployments.apps', 'default', 'consumer');
  return r.ok ? r.object.spec.replicas : -1;
};

describe('KEDA add-on', () => {
  it('serves scaledobjects only once enabled', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl get scaledobject').err).toBe('error: the server doesn\'t have a resource type "scaledobject"\n');
    const out = sh(env, ENABLE);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.out).workloadAutoScalerProfile.keda).toEqual({ enabled: true });
    expect(sh(env, 'kubectl get scaledobject').err).toBe('No resources found in default namespace.\n');
    expect(sh(env, 'kubectl get crd').out).toMatch(/clustertriggerauthentications\.keda\.sh[\s\S]*scaledjobs\.keda\.sh[\s\S]*scaledobjects\.keda\.sh[\s\S]*triggerauthentications\.keda\.sh/);
    env.world.advance(120_000);
    const deps = sh(env, 'kubectl get deploy -n kube-system').out;
    for (const d of ['keda-admission-webhooks', 'keda-operator', 'keda-operator-metrics-apiserver']) expect(deps).toMatch(new RegExp(`${d}\\s+1/1`));
    expect(sh(env, 'kubectl get apiservices').out).toMatch(/v1beta1\.external\.metrics\.k8s\.io\s+kube-system\/keda-operator-metrics-apiserver\s+True/);
    sh(env, 'az aks update -g myResourceGroup -n myAKSCluster --disable-keda');
    expect(sh(env, 'kubectl get scaledobject').err).toMatch(/doesn't have a resource type "scaledobject"/);
    expect(sh(env, 'kubectl get apiservices').err).toBe('No resources found\n');
  });
});

describe('KEDA on a new cluster', () => {
  it('az aks create --enable-keda installs the add-on; queues outlive clusters', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'queue send orders 7');
    expect(sh(env, 'az group create -n rg2 -l eastus -o none').code).toBe(0);
    expect(sh(env, 'az aks create -g rg2 -n second -c 1 -s Standard_D4s_v3 --enable-keda -o none').code).toBe(0);
    expect(sh(env, 'az aks get-credentials -g rg2 -n second').code).toBe(0);
    expect(sh(env, 'kubectl get crd scaledobjects.keda.sh').out).toMatch(/scaledobjects\.keda\.sh/);
    expect(sh(env, 'queue status orders').out).toMatch(/orders\s+kubedojo\s+7\s+7/);
  });
});

describe('KEDA operator', () => {
  it('scales to zero on an empty queue and back from zero with KEDA timings', () => {
    const env = kedaEnv();
    sh(env, 'kubectl apply -f -', consumerDeployment('orders', 1));
    env.world.advance(30_000);
    const created = now(env);
    expect(sh(env, 'kubectl apply -f -', scaledObject('  maxReplicaCount: 20\n')).code).toBe(0);
    env.world.advance(1_000);
    // the owned HPA, between max(min,1) and max, on KEDA's metric name
    const hpa = cluster(env).admin.get<HorizontalPodAutoscaler>('horizontalpodautoscalers.autoscaling', 'default', 'keda-hpa-orders');
    expect(hpa.ok).toBe(true);
    const spec = hpa.ok ? hpa.object.spec! : undefined;
    expect(spec?.minReplicas).toBe(1);
    expect(spec?.maxReplicas).toBe(20);
    expect(spec?.metrics?.[0]).toEqual({ type: 'External', external: { metric: { name: 's0-azure-servicebus-orders', selector: { matchLabels: { 'scaledobject.keda.sh/name': 'orders' } } }, target: { type: 'AverageValue', averageValue: '5' } } });
    expect(hpa.ok && hpa.object.metadata?.labels?.['scaledobject.keda.sh/name']).toBe('orders');
    expect(events(env, 'ScaledObjectReady').map((e) => e.message)).toEqual(['ScaledObject is ready for scaling']);
    expect(events(env, 'KEDAScalersStarted')).toHaveLength(1);
    // the scale loop polls at once: no trigger active, no lastActiveTime and initialCooldownPeriod 0 → deactivated
    expect(replicas(env)).toBe(0);
    expect(events(env, 'KEDAScaleTargetDeactivated').map((e) => e.message)).toEqual(['Deactivated apps/v1.Deployment default/consumer from 1 to 0']);
    const row = sh(env, 'kubectl get scaledobject').out;
    expect(row).toMatch(/^NAME\s+SCALETARGETKIND\s+SCALETARGETNAME\s+MIN\s+MAX\s+READY\s+ACTIVE\s+FALLBACK\s+PAUSED\s+TRIGGERS\s+AUTHENTICATIONS\s+AGE\n/);
    expect(row).toMatch(/orders\s+apps\/v1\.Deployment\s+consumer\s+20\s+True\s+False\s+False\s+Unknown\s+azure-servicebus\s+/);

    // 500 messages: activation on the next poll (polls at created + 30 k s)
    env.world.advance(5_000);
    sh(env, 'queue send orders 500');
    env.world.advanceUntil(() => replicas(env) > 0, 60_000);
    expect((now(env) - created) % 30_000).toBe(0);
    expect(events(env, 'KEDAScaleTargetActivated').map((e) => e.message)).toEqual(['Scaled apps/v1.Deployment default/consumer from 0 to 1, triggered by azure-servicebus']);
    const activated = now(env);
    // the HPA: ceil(500/5) = 100, capped at max 20 (policy: +4 or +100% per 15 s on the way)
    env.world.advanceUntil(() => replicas(env) === 20, 120_000);
    const rescale = events(env, 'SuccessfulRescale')[0]?.message;
    expect(rescale).toBe('New size: 5; reason: external metric s0-azure-servicebus-orders(&LabelSelector{MatchLabels:map[string]string{scaledobject.keda.sh/name: orders,},MatchExpressions:[]LabelSelectorRequirement{},}) above target');
    expect(sh(env, 'kubectl get hpa keda-hpa-orders').out).toMatch(/keda-hpa-orders\s+Deployment\/consumer\s+\S+\/5 \(avg\)\s+1\s+20\s+\d+/);
    // drained, then the cooldown: 300 s after the last active poll, at a poll
    env.world.advanceUntil(() => replicas(env) === 0, 900_000);
    const last = Date.parse(String((cluster(env).admin.get<{ status: { lastActiveTime: string } }>('scaledobjects.keda.sh', 'default', 'orders') as { object: { status: { lastActiveTime: string } } }).object.status.lastActiveTime));
    expect(last).toBeGreaterThanOrEqual(activated - 1_000);
    // deactivated at the first poll more than cooldownPeriod (300 s) after the last active poll
    expect((now(env) - created) % 30_000).toBe(0);
    expect(now(env) - last).toBeGreaterThan(300_000);
    expect(now(env) - last).toBeLessThanOrEqual(331_000);
    expect(events(env, 'KEDAScaleTargetDeactivated')).toHaveLength(2);
  });

  it('reports a missing target, an unknown trigger and a missing queueName as KEDA does', () => {
    const env = kedaEnv();
    sh(env, 'kubectl apply -f -', scaledObject());
    env.world.advance(2_000);
    const ready = () => {
      const r = cluster(env).admin.get<{ status: { conditions: { type: string; status: string; reason: string; message: string }[] } }>('scaledobjects.keda.sh', 'default', 'orders');
      return r.ok ? r.object.status.conditions.find((c) => c.type === 'Ready') : undefined;
    };
    expect(ready()).toMatchObject({ status: 'False', reason: 'ScaledObjectCheckFailed', message: "ScaledObject doesn't have correct scaleTargetRef specification" });
    expect(events(env, 'ScaledObjectCheckFailed')[0]?.type).toBe('Warning');
    expect(sh(env, 'kubectl get so').out).toMatch(/orders\s+consumer\s+False\s+Unknown/);
    // the target appears: the next retry picks it up
    sh(env, 'kubectl apply -f -', consumerDeployment('orders', 1));
    env.world.advance(31_000);
    expect(ready()).toMatchObject({ status: 'True', reason: 'ScaledObjectReady' });
    sh(env, 'kubectl apply -f -', scaledObject('', '  - type: rabbitmq-ish\n    metadata: {queueName: orders}'));
    env.world.advance(1_000);
    expect(ready()).toMatchObject({ status: 'False', message: 'Failed to ensure HPA is correctly created for ScaledObject' });
    expect(events(env, 'KEDAScalerFailed').map((e) => e.message)).toContain('no scaler found for type: rabbitmq-ish');
    sh(env, 'kubectl apply -f -', scaledObject('', '  - type: azure-queue\n    metadata: {queueLength: "5"}'));
    env.world.advance(1_000);
    expect(events(env, 'KEDAScalerFailed').map((e) => e.message)).toContain('error parsing azure queue metadata: missing required parameter "queueName" in [triggerMetadata]');
  });

  it('rejects a second ScaledObject or one over an HPA-managed workload (admission webhook)', () => {
    const env = kedaEnv();
    sh(env, 'kubectl apply -f -', consumerDeployment('orders', 1));
    sh(env, 'kubectl apply -f -', consumerDeployment('other', 1, 'web'));
    expect(sh(env, 'kubectl apply -f -', scaledObject()).code).toBe(0);
    const dup = sh(env, 'kubectl apply -f -', scaledObject().replace('name: orders', 'name: orders2'));
    expect(dup.err).toMatch(/admission webhook "vscaledobject.kb.io" denied the request: the workload 'consumer' of type 'apps\/v1.Deployment' is already managed by the ScaledObject 'orders'/);
    expect(sh(env, 'kubectl autoscale deployment web --cpu-percent=50 --max=3').code).toBe(0);
    const hpa = sh(env, 'kubectl apply -f -', scaledObject().replace('name: orders', 'name: webso').replace('name: consumer', 'name: web'));
    expect(hpa.err).toMatch(/is already managed by the hpa 'web'/);
  });

  it('runs a cron trigger inside its window only', () => {
    const env = kedaEnv();
    sh(env, 'kubectl apply -f -', consumerDeployment('orders', 0));
    // the clock starts 2026-01-15 09:00 UTC: a window 09:10-09:20 UTC
    const so = scaledObject('', '  - type: cron\n    metadata: {timezone: Etc/UTC, start: "10 9 * * *", end: "20 9 * * *", desiredReplicas: "3"}');
    sh(env, 'kubectl apply -f -', so);
    env.world.advanceUntil(() => replicas(env) === 3, 20 * 60_000);
    const t = new Date(now(env));
    expect(t.getUTCHours() * 60 + t.getUTCMinutes()).toBeGreaterThanOrEqual(9 * 60 + 10);
    expect(t.getUTCHours() * 60 + t.getUTCMinutes()).toBeLessThan(9 * 60 + 12);
    env.world.advanceUntil(() => replicas(env) === 0, 30 * 60_000);
    const off = new Date(now(env));
    // the window closed at 09:20; KEDA waits cooldownPeriod 300 s after the last active poll (09:19:xx)
    expect(off.getUTCHours() * 60 + off.getUTCMinutes()).toBeGreaterThanOrEqual(9 * 60 + 24);
    expect(off.getUTCHours() * 60 + off.getUTCMinutes()).toBeLessThanOrEqual(9 * 60 + 25);
  });

  it('explains its decisions: why scaledobject and why hpa', () => {
    const env = kedaEnv();
    sh(env, 'kubectl apply -f -', consumerDeployment('orders', 1));
    sh(env, 'kubectl apply -f -', scaledObject('  maxReplicaCount: 20\n'));
    env.world.advance(31_000);
    sh(env, 'queue send orders 500');
    env.world.advanceUntil(() => replicas(env) > 0, 60_000);
    const so = sh(env, 'why scaledobject/orders').out;
    expect(so).toMatch(/queue orders: 500 messages, activation 0 → active; HPA target 5\/pod → 100 desired, max 20/);
    expect(so).toMatch(/KEDA scaled it to 1/);
    env.world.advance(16_000);
    const h = sh(env, 'why hpa/keda-hpa-orders').out;
    expect(h).toMatch(/external metric s0-azure-servicebus-orders: \d+ in total, target 5 per pod → ceil\(\d+ \/ 5\) = \d+/);
    expect(h).toMatch(/Next check in \d+ s/);
    expect(sh(env, 'why frob/x').err).toMatch(/can't explain "frob"/);
  });

  it('fails clearly when KEDA is not enabled', () => {
    const env = createEnvironment({ seed: 1 });
    const r = sh(env, 'kubectl apply -f -', scaledObject());
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no matches for kind "ScaledObject" in version "keda.sh\/v1alpha1"/);
    expect(sh(env, 'why scaledobject/orders').err).toMatch(/doesn't have a resource type "scaledobject"/);
  });
});
