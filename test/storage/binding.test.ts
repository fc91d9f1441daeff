import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { aks, events, get, pv, pvc } from './fixtures.js';
import { accountsIn, shares } from '../../src/cluster/cloud/file-shares.js';

describe('static binding', () => {
  it('binds a claim to the smallest Available PV that fits, and marks both sides', () => {
    const { cluster } = aks();
    for (const [n, size] of [['big', '10Gi'], ['small', '2Gi'], ['tiny', '500Mi'], ['exact', '3Gi']] as const) expect(cluster.admin.create('persistentvolumes', undefined, pv(n, { size, cls: 'manual' })).ok).toBe(true);
    cluster.advance(1_000);
    expect(get<PersistentVolume>(cluster, 'persistentvolumes', undefined, 'small')!.status?.phase).toBe('Available');
    expect(cluster.admin.create('persistentvolumeclaims', 'default', pvc('c', { size: '1Gi', cls: 'manual' })).ok).toBe(true);
    cluster.advance(1_000);
    const claim = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'c')!;
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec?.volumeName).toBe('small');
    expect(claim.status?.capacity?.storage).toBe('2Gi');
    expect(claim.metadata?.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const vol = get<PersistentVolume>(cluster, 'persistentvolumes', undefined, 'small')!;
    expect(vol.status?.phase).toBe('Bound');
    expect(vol.spec?.claimRef).toMatchObject({ namespace: 'default', name: 'c', uid: claim.metadata?.uid });
    expect(vol.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(vol.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('honours access modes, selector and a PV pre-bound with claimRef', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumes', undefined, pv('rox', { size: '1Gi', cls: 'manual', modes: ['ReadOnlyMany'] }));
    cluster.admin.create('persistentvolumes', undefined, pv('fast', { size: '5Gi', cls: 'manual', labels: { tier: 'fast' } }));
    cluster.admin.create('persistentvolumes', undefined, pv('plain', { size: '1Gi', cls: 'manual' }));
    const pre = pv('reserved', { size: '1Gi', cls: 'manual' });
    pre.spec!.claimRef = { namespace: 'default', name: 'mine' };
    cluster.admin.create('persistentvolumes', undefined, pre);
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('sel', { cls: 'manual', selector: { tier: 'fast' } }));
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('mine', { cls: 'manual' }));
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('rwo', { cls: 'manual' }));
    cluster.advance(2_000);
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'sel')!.spec?.volumeName).toBe('fast');
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'mine')!.spec?.volumeName).toBe('reserved');
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'rwo')!.spec?.volumeName).toBe('plain');
    expect(get<PersistentVolume>(cluster, 'persistentvolumes', undefined, 'rox')!.status?.phase).toBe('Available');
  });

  it('a claim with no class and no volume waits with FailedBinding; a missing class is a ProvisioningFailed warning', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('none', { cls: '' }));
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('ghost', { cls: 'does-not-exist' }));
    cluster.advance(5_000);
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'none')!.status?.phase).toBe('Pending');
    expect(events(cluster, 'default', 'none')).toContainEqual(expect.objectContaining({ type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set', source: 'persistentvolume-controller' }));
    expect(get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'ghost')!.status?.phase).toBe('Pending');
    expect(events(cluster, 'default', 'ghost')).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "does-not-exist" not found' }));
  });

  it('an Immediate Azure Files claim is provisioned at once, with a share in a driver-made storage account', () => {
    const { cluster, cloud, mc } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('shared', { cls: 'azurefile-csi', modes: ['ReadWriteMany'], size: '5Gi' }));
    cluster.advance(20_000);
    const claim = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'shared')!;
    expect(claim.status?.phase).toBe('Bound');
    const vol = get<PersistentVolume>(cluster, 'persistentvolumes', undefined, claim.spec!.volumeName!)!;
    const handle = vol.spec!.csi!.volumeHandle;
    expect(handle).toMatch(new RegExp(`^${mc.nodeResourceGroup}#f[0-9a-f]{23}#pvc-${claim.metadata!.uid}###default$`));
    expect(vol.spec?.mountOptions).toEqual(['mfsymlinks', 'actimeo=30', 'nosharesock']);
    const acct = accountsIn(cloud, mc.nodeResourceGroup)[0]!;
    expect(shares(acct)).toEqual([expect.objectContaining({ name: `pvc-${claim.metadata!.uid}`, quotaGiB: 5 })]);
  });
});
