import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { aks, get } from './fixtures.js';
import type { Cluster } from '../../src/cluster/cluster.js';

function sts(replicas: number, policy?: { whenDeleted?: string; whenScaled?: string }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...(policy ? { persistentVolumeClaimRetentionPolicy: policy } : {}),
    },
  };
}

function scale(cluster: Cluster, replicas: number): void {
  expect(cluster.admin.patch('statefulsets.apps', 'default', 'db', { spec: { replicas } }).ok).toBe(true);
}

const claimsOf = (c: Cluster) => c.admin.items<PersistentVolumeClaim>('persistentvolumeclaims', 'default').map((p) => p.metadata!.name).sort();

describe('StatefulSet volumeClaimTemplates', () => {
  it('one claim per ordinal, kept on scale to 0 and re-used when the ordinals come back', () => {
    const { cluster } = aks();
    expect(cluster.admin.create('statefulsets.apps', 'default', sts(2)).ok).toBe(true);
    cluster.advanceUntil(() => cluster.admin.items<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running').length === 2, 10 * 60_000);
    expect(claimsOf(cluster)).toEqual(['data-db-0', 'data-db-1']);
    const c0 = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data-db-0')!;
    expect(c0.metadata?.labels).toEqual({ tier: 'storage', app: 'db' });
    expect(c0.metadata?.ownerReferences).toBeUndefined();
    expect(c0.status?.phase).toBe('Bound');
    const pod0 = get<Pod>(cluster, 'pods', 'default', 'db-0')!;
    expect(pod0.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName).toBe('data-db-0');
    const volume0 = c0.spec!.volumeName;

    scale(cluster, 0);
    cluster.advanceUntil(() => cluster.admin.items('pods', 'default').length === 0, 10 * 60_000);
    expect(claimsOf(cluster)).toEqual(['data-db-0', 'data-db-1']);

    scale(cluster, 2);
    cluster.advanceUntil(() => cluster.admin.items<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running').length === 2, 10 * 60_000);
    expect(claimsOf(cluster)).toEqual(['data-db-0', 'data-db-1']);
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data-db-0')!.spec?.volumeName).toBe(volume0);
    expect(cluster.admin.items('persistentvolumes')).toHaveLength(2);
  });

  it('whenDeleted: Delete makes the set own its claims', () => {
    const { cluster } = aks();
    cluster.admin.create('statefulsets.apps', 'default', sts(1, { whenDeleted: 'Delete', whenScaled: 'Retain' }));
    cluster.advance(120_000);
    const c = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data-db-0')!;
    expect(c.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'db', controller: true, blockOwnerDeletion: true });
  });
});
