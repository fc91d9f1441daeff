import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { aks, events, get, podWith, pv, pvc } from './fixtures.js';
import { disksIn } from '../../src/cluster/cloud/disks.js';
import type { Cluster } from '../../src/cluster/cluster.js';

function snapshot(c: Cluster): string {
  return JSON.stringify([c.admin.items('persistentvolumeclaims', 'default'), c.admin.items('persistentvolumes')]);
}

function bound(cluster: Cluster, cls = 'managed-csi'): PersistentVolumeClaim {
  cluster.admin.create('persistentvolumeclaims', 'default', pvc('data', { cls }));
  cluster.admin.create('pods', 'default', podWith('web', 'data'));
  cluster.advance(60_000);
  return get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!;
}

describe('claim and volume validation', () => {
  it('rejects bad claims and volumes with upstream field errors, leaving the store unchanged', () => {
    const { cluster } = aks();
    const before = snapshot(cluster);
    const noModes = pvc('a');
    noModes.spec!.accessModes = [];
    const r1 = cluster.admin.create('persistentvolumeclaims', 'default', noModes);
    expect(!r1.ok && r1.status.message).toBe('PersistentVolumeClaim "a" is invalid: spec.accessModes: Required value: at least 1 access mode is required');
    const r2 = cluster.admin.create('persistentvolumeclaims', 'default', pvc('b', { modes: ['ReadWriteSometimes'] }));
    expect(!r2.ok && r2.status.message).toContain('spec.accessModes: Unsupported value: "ReadWriteSometimes"');
    const noSize = pvc('c');
    noSize.spec!.resources = {};
    const r3 = cluster.admin.create('persistentvolumeclaims', 'default', noSize);
    expect(!r3.ok && r3.status.message).toBe('PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Required value');
    const r4 = cluster.admin.create('persistentvolumeclaims', 'default', pvc('d', { modes: ['ReadWriteOncePod', 'ReadWriteOnce'] }));
    expect(!r4.ok && r4.status.message).toContain('may not use ReadWriteOncePod with other access modes');
    const noSource = pv('e', { size: '1Gi' });
    delete noSource.spec!.hostPath;
    const r5 = cluster.admin.create('persistentvolumes', undefined, noSource);
    expect(!r5.ok && r5.status.message).toBe('PersistentVolume "e" is invalid: spec: Required value: must specify a volume type');
    expect(snapshot(cluster)).toBe(before);
  });

  it('a bound claim grows (disk resized, file system resized once a pod runs) but never shrinks', () => {
    const { cluster, cloud } = aks();
    const claim = bound(cluster);
    expect(claim.status?.phase).toBe('Bound');
    const before = snapshot(cluster);
    const shrink = cluster.admin.patch('persistentvolumeclaims', 'default', 'data', { spec: { resources: { requests: { storage: '500Mi' } } } });
    expect(!shrink.ok && shrink.status.message).toBe('PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
    const changeClass = cluster.admin.patch('persistentvolumeclaims', 'default', 'data', { spec: { accessModes: ['ReadWriteMany'] } });
    expect(!changeClass.ok && changeClass.status.message).toContain('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
    expect(snapshot(cluster)).toBe(before);

    expect(cluster.admin.patch('persistentvolumeclaims', 'default', 'data', { spec: { resources: { requests: { storage: '4Gi' } } } }).ok).toBe(true);
    cluster.advance(30_000);
    const grown = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!;
    expect(grown.status?.capacity?.storage).toBe('4Gi');
    expect(grown.status?.conditions ?? []).toEqual([]);
    expect(get<PersistentVolume>(cluster, 'persistentvolumes', undefined, grown.spec!.volumeName!)!.spec?.capacity?.storage).toBe('4Gi');
    expect(disksIn(cloud)[0]!.properties.diskSizeGB).toBe(4);
    const reasons = events(cluster, 'default', 'data').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ExternalExpanding', 'Resizing', 'FileSystemResizeRequired', 'FileSystemResizeSuccessful']));
  });

  it('a class without allowVolumeExpansion refuses to grow a claim', () => {
    const { cluster } = aks();
    cluster.admin.create('storageclasses.storage.k8s.io', undefined, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fixed' }, provisioner: 'disk.csi.azure.com', volumeBindingMode: 'WaitForFirstConsumer' });
    bound(cluster, 'fixed');
    const r = cluster.admin.patch('persistentvolumeclaims', 'default', 'data', { spec: { resources: { requests: { storage: '4Gi' } } } });
    expect(!r.ok && r.status.message).toBe('persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });

  it('the AKS classes are there, default marked, and a claim without a class gets it', () => {
    const { cluster } = aks();
    const names = cluster.admin.items<{ metadata: { name: string } }>('storageclasses.storage.k8s.io').map((s) => s.metadata.name);
    expect(names).toEqual(['azurefile', 'azurefile-csi', 'azurefile-csi-premium', 'azurefile-premium', 'default', 'managed', 'managed-csi', 'managed-csi-premium', 'managed-premium']);
    const drivers = cluster.admin.items<{ metadata: { name: string }; spec: { attachRequired: boolean } }>('csidrivers.storage.k8s.io').map((d) => [d.metadata.name, d.spec.attachRequired]);
    expect(drivers).toEqual([['disk.csi.azure.com', true], ['file.csi.azure.com', false]]);
  });
});
