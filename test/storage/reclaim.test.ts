import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { aks, get, podWith, pv, pvc } from './fixtures.js';
import { disksIn } from '../../src/cluster/cloud/disks.js';
import type { Cluster } from '../../src/cluster/cluster.js';

function provisioned(cluster: Cluster, cls = 'managed-csi'): string {
  cluster.admin.create('persistentvolumeclaims', 'default', pvc('data', { cls }));
  cluster.admin.create('pods', 'default', podWith('web', 'data'));
  cluster.advance(60_000);
  return get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!.spec!.volumeName!;
}

describe('reclaim policy', () => {
  it('Delete: deleting the claim (after its pod) removes the PV and the Azure disk', () => {
    const { cluster, cloud } = aks();
    const name = provisioned(cluster);
    expect(disksIn(cloud)).toHaveLength(1);
    // In use: the claim stays Terminating behind its finalizer.
    expect(cluster.admin.delete('persistentvolumeclaims', 'default', 'data').ok).toBe(true);
    cluster.advance(10_000);
    const claim = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!;
    expect(claim.metadata?.deletionTimestamp).toBeDefined();
    expect(claim.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(get<PersistentVolume>(cluster, 'persistentvolumes', undefined, name)!.status?.phase).toBe('Bound');
    cluster.admin.delete('pods', 'default', 'web');
    cluster.advanceUntil(() => !get(cluster, 'persistentvolumes', undefined, name), 5 * 60_000);
    expect(get(cluster, 'persistentvolumeclaims', 'default', 'data')).toBeUndefined();
    expect(get(cluster, 'persistentvolumes', undefined, name)).toBeUndefined();
    expect(disksIn(cloud)).toHaveLength(0);
  });

  it('Retain: the PV becomes Released and stays, with its disk', () => {
    const { cluster, cloud } = aks();
    const retain = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'keep' }, provisioner: 'disk.csi.azure.com', parameters: { skuname: 'Premium_LRS' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true };
    expect(cluster.admin.create('storageclasses.storage.k8s.io', undefined, retain).ok).toBe(true);
    const name = provisioned(cluster, 'keep');
    cluster.admin.delete('pods', 'default', 'web');
    cluster.advanceUntil(() => !get<Pod>(cluster, 'pods', 'default', 'web'), 120_000);
    cluster.admin.delete('persistentvolumeclaims', 'default', 'data');
    cluster.advance(120_000);
    const vol = get<PersistentVolume>(cluster, 'persistentvolumes', undefined, name)!;
    expect(vol.status?.phase).toBe('Released');
    expect(vol.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(disksIn(cloud).map((d) => d.name)).toEqual([name]);
    expect(disksIn(cloud)[0]!.properties.diskState).toBe('Unattached');
  });

  it('a static Retain PV is Released when its claim goes, and a new claim does not take it', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumes', undefined, pv('old', { size: '1Gi', cls: 'manual' }));
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('a', { cls: 'manual' }));
    cluster.advance(2_000);
    cluster.admin.delete('persistentvolumeclaims', 'default', 'a');
    cluster.advance(2_000);
    expect(get<PersistentVolume>(cluster, 'persistentvolumes', undefined, 'old')!.status?.phase).toBe('Released');
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('b', { cls: 'manual' }));
    cluster.advance(2_000);
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'b')!.status?.phase).toBe('Pending');
  });
});
