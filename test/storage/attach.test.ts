import { describe, expect, it } from 'vitest';
import type { Node, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import { aks, events, get, podWith, pvc } from './fixtures.js';
import { disksIn } from '../../src/cluster/cloud/disks.js';

describe('attach/detach', () => {
  it('a ReadWriteOnce disk blocks a pod on a second node with the Multi-Attach error; Azure Files does not', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('data'));
    cluster.admin.create('pods', 'default', podWith('first', 'data'));
    cluster.advance(60_000);
    const first = get<Pod>(cluster, 'pods', 'default', 'first')!;
    const other = cluster.admin.items<Node>('nodes').map((n) => n.metadata!.name!).find((n) => n !== first.spec?.nodeName)!;
    cluster.admin.create('pods', 'default', podWith('second', 'data', { node: other }));
    cluster.advance(30_000);
    const pvName = get<PersistentVolumeClaim>(cluster, 'persistentvolumeclaims', 'default', 'data')!.spec!.volumeName!;
    expect(events(cluster, 'default', 'second')).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'FailedAttachVolume', message: `Multi-Attach error for volume "${pvName}" Volume is already used by pod(s) first`, source: 'attachdetach-controller' }));
    const vas = cluster.admin.items<VolumeAttachment>('volumeattachments.storage.k8s.io');
    expect(vas.map((v) => v.spec.nodeName)).toEqual([first.spec?.nodeName]);
    // The first pod goes: the disk detaches and attaches to the second node.
    cluster.admin.delete('pods', 'default', 'first');
    cluster.advance(120_000);
    const after = cluster.admin.items<VolumeAttachment>('volumeattachments.storage.k8s.io');
    expect(after.map((v) => [v.spec.nodeName, v.status?.attached])).toEqual([[other, true]]);
    expect(events(cluster, 'default', 'second').map((e) => e.reason)).toContain('SuccessfulAttachVolume');
  });

  it('file volumes need no attachment and mount on several nodes', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('shared', { cls: 'azurefile-csi', modes: ['ReadWriteMany'] }));
    const nodes = cluster.admin.items<Node>('nodes').map((n) => n.metadata!.name!);
    cluster.admin.create('pods', 'default', podWith('a', 'shared', { node: nodes[0] }));
    cluster.admin.create('pods', 'default', podWith('b', 'shared', { node: nodes[1] }));
    cluster.advance(60_000);
    expect(cluster.admin.items('volumeattachments.storage.k8s.io')).toHaveLength(0);
    expect(events(cluster, 'default', 'b').map((e) => e.reason)).not.toContain('FailedAttachVolume');
  });

  it('detaches a disk when no pod on the node uses it', () => {
    const { cluster, cloud } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('data'));
    cluster.admin.create('pods', 'default', podWith('web', 'data'));
    cluster.advance(60_000);
    expect(disksIn(cloud)[0]!.properties.diskState).toBe('Attached');
    cluster.admin.delete('pods', 'default', 'web');
    cluster.advance(120_000);
    expect(cluster.admin.items('volumeattachments.storage.k8s.io')).toHaveLength(0);
    expect(disksIn(cloud)[0]!.properties.diskState).toBe('Unattached');
  });
});
