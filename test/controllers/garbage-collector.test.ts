import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function setup() {
  const c = new Cluster({ seed: 3 });
  installControlPlane(c);
  new FakeNodes(c, { startMs: 1000, stopMs: 5000 });
  c.admin.create('deployments.apps', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  c.advance(10_000);
  return c;
}

const pods = (c: Cluster) => c.admin.items<Pod>('pods', 'default');
const rss = (c: Cluster) => c.admin.items<ReplicaSet>('replicasets.apps', 'default');

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSets and then their pods', () => {
    const c = setup();
    expect(pods(c)).toHaveLength(3);
    c.admin.delete('deployments.apps', 'default', 'web');
    c.runUntilIdle();
    expect(rss(c)).toHaveLength(0);
    expect(pods(c).every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    c.advance(10_000);
    expect(pods(c)).toHaveLength(0);
  });

  it('foreground: the owner stays until its dependents are gone', () => {
    const c = setup();
    c.admin.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.runUntilIdle();
    const d = c.admin.get('deployments.apps', 'default', 'web');
    expect(d.ok && d.object.metadata?.finalizers).toEqual(['foregroundDeletion']);
    const rs = rss(c);
    expect(rs).toHaveLength(1);
    expect(rs[0]?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(2_000);
    expect(c.admin.get('deployments.apps', 'default', 'web').ok).toBe(true);
    c.advance(20_000);
    expect(pods(c)).toHaveLength(0);
    expect(rss(c)).toHaveLength(0);
    expect(c.admin.get('deployments.apps', 'default', 'web').ok).toBe(false);
  });

  it('orphan: dependents lose the owner reference and stay', () => {
    const c = setup();
    const before = pods(c).map((p) => p.metadata?.name);
    c.admin.delete('replicasets.apps', 'default', rss(c)[0]!.metadata!.name!, { propagationPolicy: 'Orphan' });
    c.runUntilIdle();
    // The Deployment makes a new ReplicaSet (same template → same name) that adopts the orphans.
    const after = pods(c);
    expect(after.map((p) => p.metadata?.name)).toEqual(before);
    expect(after.every((p) => !p.metadata?.deletionTimestamp)).toBe(true);
  });

  it('orphan with no adopter: pods keep running without owners', () => {
    const c = setup();
    c.admin.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
    c.runUntilIdle();
    const [rs] = rss(c);
    expect(rs?.metadata?.ownerReferences).toBeUndefined();
    expect(pods(c)).toHaveLength(3);
    c.admin.delete('replicasets.apps', 'default', rs!.metadata!.name!, { propagationPolicy: 'Orphan' });
    c.advance(10_000);
    expect(rss(c)).toHaveLength(0);
    const ps = pods(c);
    expect(ps).toHaveLength(3);
    expect(ps.every((p) => !p.metadata?.ownerReferences)).toBe(true);
  });
});
