import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function setup() {
  const c = new Cluster({ seed: 5 });
  installControlPlane(c);
  new FakeNodes(c, { startMs: 1000, stopMs: 3000 });
  c.runUntilIdle();
  return c;
}

describe('namespace, service account and root CA controllers', () => {
  it('every namespace gets a default ServiceAccount and kube-root-ca.crt', () => {
    const c = setup();
    c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    c.runUntilIdle();
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'team-a']) {
      expect(c.admin.get('serviceaccounts', ns, 'default').ok).toBe(true);
      const cm = c.admin.get<ConfigMap>('configmaps', ns, 'kube-root-ca.crt');
      expect(cm.ok && cm.object.data?.['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    }
    c.admin.delete('serviceaccounts', 'team-a', 'default');
    c.runUntilIdle();
    expect(c.admin.get('serviceaccounts', 'team-a', 'default').ok).toBe(true);
  });

  it('a deleted namespace is Terminating until its content is gone, then disappears', () => {
    const c = setup();
    c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    c.runUntilIdle();
    c.admin.create('deployments.apps', 'team-a', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    c.advance(5_000);
    expect(c.admin.items<Pod>('pods', 'team-a')).toHaveLength(2);
    c.admin.delete('namespaces', undefined, 'team-a');
    c.runUntilIdle();
    const ns = c.admin.get<Namespace>('namespaces', undefined, 'team-a');
    expect(ns.ok && ns.object.status?.phase).toBe('Terminating');
    const remaining = ns.ok ? ns.object.status?.conditions?.find((x) => x.type === 'NamespaceContentRemaining') : undefined;
    expect(remaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 2 resource instances' });
    expect(c.admin.create('configmaps', 'team-a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).ok).toBe(false);
    c.advance(10_000);
    expect(c.admin.get('namespaces', undefined, 'team-a').ok).toBe(false);
    expect(c.admin.items('pods', 'team-a')).toHaveLength(0);
  });
});
