import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/commands/environment.js';
import { advance, apply, env, ok, pods, pool, userNodes, userPool } from './helpers.js';
import { sh } from '../helpers.js';

/**
 * userpool: 1 node, min 0. One `web` pod (100m) prefers the user pool, so it
 * lands there; nothing requires it there, so scale-down can move it to
 * nodepool1 — unless something blocks.
 */
function setup(e: Environment, pod: { annotations?: Record<string, string>; volumes?: unknown[] } = {}): void {
  userPool(e, 0, 3, 1);
  apply(
    e,
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, ...(pod.annotations ? { annotations: pod.annotations } : {}) },
          spec: {
            affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['user'] }] } }] } },
            containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } }, ...(pod.volumes ? { volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] } : {}) }],
            ...(pod.volumes ? { volumes: pod.volumes } : {}),
          },
        },
      },
    }),
  );
  advance(e, 30_000);
  const [p] = pods(e, 'app=web');
  expect(p!.spec.nodeName).toBe(userNodes(e)[0]);
}

function why(e: Environment): string {
  return sh(e, 'why cluster-autoscaler').out;
}

describe('cluster autoscaler: what blocks scale-down', () => {
  it('without a blocker the pod moves and the node goes (the pool may reach its min of 0)', () => {
    const e = env();
    setup(e);
    advance(e, 12 * 60_000);
    expect(userNodes(e)).toHaveLength(0);
    expect(pool(e).count).toBe(0);
    advance(e, 30_000);
    expect(pods(e, 'app=web').map((p) => p.status.phase)).toEqual(['Running']);
  });

  it('keeps a node whose pod a PodDisruptionBudget protects', () => {
    const e = env();
    setup(e);
    apply(e, JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }));
    advance(e, 20 * 60_000);
    expect(userNodes(e)).toHaveLength(1);
    expect(why(e)).toMatch(/scale-down of node aks-userpool-\d+-vmss000000 blocked: pod default\/web-[a-z0-9]+-[a-z0-9]+ is covered by a PodDisruptionBudget that allows no more disruptions/);
  });

  it('keeps a node with a local-storage pod when skip-nodes-with-local-storage=true (AKS default false)', () => {
    const e = env();
    setup(e, { volumes: [{ name: 'scratch', emptyDir: {} }] });
    ok(e, 'az aks update -g myResourceGroup -n myAKSCluster --cluster-autoscaler-profile skip-nodes-with-local-storage=true -o none');
    advance(e, 20 * 60_000);
    expect(userNodes(e)).toHaveLength(1);
    expect(why(e)).toMatch(/blocked: pod web-[a-z0-9]+-[a-z0-9]+ has local storage/);
  });

  it('keeps a node with a safe-to-evict=false pod', () => {
    const e = env();
    setup(e, { annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } });
    advance(e, 20 * 60_000);
    expect(userNodes(e)).toHaveLength(1);
    expect(why(e)).toContain('has annotation cluster-autoscaler.kubernetes.io/safe-to-evict: "false"');
  });

  it('keeps a node annotated scale-down-disabled', () => {
    const e = env();
    setup(e);
    ok(e, `kubectl annotate node ${userNodes(e)[0]} cluster-autoscaler.kubernetes.io/scale-down-disabled=true`);
    advance(e, 20 * 60_000);
    expect(userNodes(e)).toHaveLength(1);
  });
});
