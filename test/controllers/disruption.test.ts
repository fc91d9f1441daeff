import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function setup() {
  const c = new Cluster({ seed: 19 });
  installControlPlane(c);
  new FakeNodes(c, { startMs: 1_000, stopMs: 1_000 });
  c.admin.create('deployments.apps', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  c.advance(10_000);
  return c;
}
const pdb = (c: Cluster) => {
  const r = c.admin.get<PodDisruptionBudget>('poddisruptionbudgets.policy', 'default', 'web');
  if (!r.ok) throw new Error(r.status.message);
  return r.object.status;
};

describe('disruption controller', () => {
  it('minAvailable: counts healthy pods and allows the difference', () => {
    const c = setup();
    c.admin.create('poddisruptionbudgets.policy', 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } } });
    c.runUntilIdle();
    expect(pdb(c)).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(pdb(c)?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
    const pods = c.admin.items('pods', 'default');
    const first = c.admin.subresource('create', 'pods', 'default', pods[0]!.metadata!.name!, 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pods[0]!.metadata!.name } });
    expect(first.ok).toBe(true);
    c.runUntilIdle();
    expect(pdb(c)).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 0 });
    const second = c.admin.subresource('create', 'pods', 'default', pods[1]!.metadata!.name!, 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pods[1]!.metadata!.name } });
    expect(second.ok).toBe(false);
    c.advance(10_000);
    expect(pdb(c)).toMatchObject({ currentHealthy: 4, disruptionsAllowed: 1 });
  });

  it('maxUnavailable as a percentage counts against the Deployment scale', () => {
    const c = setup();
    c.admin.create('poddisruptionbudgets.policy', 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } } });
    c.runUntilIdle();
    expect(pdb(c)).toMatchObject({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 });
  });
});

describe('event TTL', () => {
  it('events disappear an hour after their last update', () => {
    const c = setup();
    const count = () => c.admin.items<Event>('events', 'default').length;
    expect(count()).toBeGreaterThan(0);
    c.advance(59 * 60_000);
    expect(count()).toBeGreaterThan(0);
    c.advance(3 * 60_000);
    expect(count()).toBe(0);
  });
});
