import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function setup() {
  const c = new Cluster({ seed: 17 });
  installControlPlane(c);
  new FakeNodes(c, { startMs: 5_000, stopMs: 3_000 });
  return c;
}

const sts = (replicas: number, extra: Record<string, unknown> = {}, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: { replicas, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } }, ...extra },
});
const names = (c: Cluster) =>
  c.admin
    .items<Pod>('pods', 'default')
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata!.name!)
    .sort();

describe('statefulset controller', () => {
  it('OrderedReady creates web-0, web-1, web-2 one after another and removes from the top', () => {
    const c = setup();
    const order: string[] = [];
    c.admin.watch('pods', 'default', (e) => {
      if (e.type === 'ADDED') order.push(e.object.metadata!.name!);
    });
    c.admin.create('statefulsets.apps', 'default', sts(3));
    c.advance(4_000);
    expect(names(c)).toEqual(['web-0']);
    c.advance(30_000);
    expect(order).toEqual(['web-0', 'web-1', 'web-2']);
    const p = c.admin.get<Pod>('pods', 'default', 'web-1');
    expect(p.ok && p.object.spec).toMatchObject({ hostname: 'web-1', subdomain: 'web' });
    expect(p.ok && p.object.metadata?.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(p.ok && p.object.metadata?.labels?.['controller-revision-hash']).toMatch(/^web-[bcdf4-9]+$/);
    const s = c.admin.get<StatefulSet>('statefulsets.apps', 'default', 'web');
    expect(s.ok && s.object.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    c.admin.patch('statefulsets.apps', 'default', 'web', { spec: { replicas: 1 } });
    c.runUntilIdle();
    expect(names(c)).toEqual(['web-0', 'web-1']);
    c.advance(10_000);
    expect(names(c)).toEqual(['web-0']);
    const ev = c.admin.items<Event>('events', 'default').filter((e) => e.source?.component === 'statefulset-controller').map((e) => e.message);
    expect(ev).toContain('create Pod web-0 in StatefulSet web successful');
    expect(ev).toContain('delete Pod web-2 in StatefulSet web successful');
  });

  it('Parallel creates every pod at once; a rolling update goes from the highest ordinal down', () => {
    const c = setup();
    c.admin.create('statefulsets.apps', 'default', sts(3, { podManagementPolicy: 'Parallel' }));
    c.runUntilIdle();
    expect(names(c)).toEqual(['web-0', 'web-1', 'web-2']);
    c.advance(10_000);
    const deleted: string[] = [];
    c.admin.watch('pods', 'default', (e) => {
      if (e.type === 'MODIFIED' && e.object.metadata?.deletionTimestamp && !deleted.includes(e.object.metadata.name!)) deleted.push(e.object.metadata.name!);
    });
    c.admin.patch('statefulsets.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } }, 'strategic');
    c.advance(120_000);
    expect(deleted).toEqual(['web-2', 'web-1', 'web-0']);
    expect(c.admin.items<Pod>('pods', 'default').map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    const s = c.admin.get<StatefulSet>('statefulsets.apps', 'default', 'web');
    expect(s.ok && s.object.status?.currentRevision).toBe(s.ok && s.object.status?.updateRevision);
  });
});
