import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import { aks, events, get, podWith, pvc } from './fixtures.js';
import { disksIn } from '../../src/cluster/cloud/disks.js';
import { attachmentName } from '../../src/cluster/storage/attach-detach-controller.js';

describe('dynamic provisioning on Azure Disk', () => {
  it('a WaitForFirstConsumer claim waits for a pod, then gets a disk in the node resource group', () => {
    const { cluster, cloud, mc } = aks();
    expect(cluster.admin.create('persistentvolumeclaims', 'default', pvc('data')).ok).toBe(true);
    cluster.advance(30_000);
    let claim = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!;
    expect(claim.spec?.storageClassName).toBe('default');
    expect(claim.status?.phase).toBe('Pending');
    expect(claim.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(events(cluster, 'default', 'data')).toContainEqual(expect.objectContaining({ reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' }));
    expect(disksIn(cloud)).toHaveLength(0);

    expect(cluster.admin.create('pods', 'default', podWith('web', 'data')).ok).toBe(true);
    cluster.advance(60_000);
    claim = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!;
    expect(claim.status?.phase).toBe('Bound');
    const pod = get<Pod>(cluster, 'pods', 'default', 'web')!;
    expect(claim.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe(pod.spec?.nodeName);
    expect(claim.metadata?.annotations?.['pv.kubernetes.io/bind-completed']).toBe('yes');
    const uid = claim.metadata!.uid!;
    expect(claim.spec?.volumeName).toBe(`pvc-${uid}`);
    const pv = get<PersistentVolume>(cluster, 'persistentvolumes', undefined, `pvc-${uid}`)!;
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec?.csi?.driver).toBe('disk.csi.azure.com');
    expect(pv.spec?.csi?.volumeHandle).toBe(`/subscriptions/${cloud.subscriptionId}/resourceGroups/mc_myresourcegroup_myakscluster_eastus/providers/Microsoft.Compute/disks/pvc-${uid}`);
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec?.capacity?.storage).toBe('1Gi');
    const disks = disksIn(cloud, mc.nodeResourceGroup);
    expect(disks.map((d) => d.name)).toEqual([`pvc-${uid}`]);
    const reasons = events(cluster, 'default', 'data').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
    const va = get<VolumeAttachment>(cluster, 'volumeattachments.storage.k8s.io', undefined, attachmentName(pv.spec!.csi!.volumeHandle, 'disk.csi.azure.com', pod.spec!.nodeName!))!;
    expect(va.status?.attached).toBe(true);
    expect(disks[0]!.properties.diskState).toBe('Attached');
  });
});
