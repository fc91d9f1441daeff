import { describe, expect, it } from 'vitest';
import type { CSINode } from 'kubernetes-types/storage/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { aks, events, get, podWith, pv, pvc } from './fixtures.js';

function pending(pod: Pod | undefined): boolean {
  return !!pod && !pod.spec?.nodeName && pod.status?.phase === 'Pending';
}

describe('scheduler volume plugins', () => {
  it('a pod whose claim is missing stays Pending with the upstream message', () => {
    const { cluster } = aks();
    cluster.admin.create('pods', 'default', podWith('web', 'nope'));
    cluster.advance(10_000);
    expect(pending(get<Pod>(cluster, 'pods', 'default', 'web'))).toBe(true);
    const msg = events(cluster, 'default', 'web').find((e) => e.reason === 'FailedScheduling')?.message;
    expect(msg).toBe('0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('an unbound Immediate claim keeps the pod Pending', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('c', { cls: 'manual' }));
    cluster.admin.create('pods', 'default', podWith('web', 'c'));
    cluster.advance(10_000);
    expect(events(cluster, 'default', 'web').find((e) => e.reason === 'FailedScheduling')?.message).toContain('pod has unbound immediate PersistentVolumeClaims');
  });

  it('a volume pinned to another zone keeps the pod Pending (volume node affinity conflict)', () => {
    const { cluster } = aks();
    const vol = pv('zonal', { size: '1Gi', cls: 'manual' });
    vol.spec!.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.disk.csi.azure.com/zone', operator: 'In', values: ['eastus-2'] }] }] } };
    cluster.admin.create('persistentvolumes', undefined, vol);
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('c', { cls: 'manual' }));
    cluster.advance(2_000);
    cluster.admin.create('pods', 'default', podWith('web', 'c'));
    cluster.advance(10_000);
    expect(pending(get<Pod>(cluster, 'pods', 'default', 'web'))).toBe(true);
    expect(events(cluster, 'default', 'web').find((e) => e.reason === 'FailedScheduling')?.message).toBe('0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('each node publishes a CSINode with the VM size data-disk limit, and a pod needing more disks stays Pending', () => {
    const { cluster } = aks();
    const node = cluster.admin.items<Node>('nodes')[0]!.metadata!.name!;
    const csinode = get<CSINode>(cluster, 'csinodes.storage.k8s.io', undefined, node)!;
    expect(csinode.spec.drivers.find((d) => d.name === 'disk.csi.azure.com')?.allocatable?.count).toBe(8);
    const claims = Array.from({ length: 9 }, (_, i) => `d${i}`);
    for (const c of claims) cluster.admin.create('persistentvolumeclaims', 'default', pvc(c));
    const pod = podWith('many', 'd0');
    pod.spec!.volumes = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } }));
    pod.spec!.containers[0]!.volumeMounts = [];
    cluster.admin.create('pods', 'default', pod);
    cluster.advance(10_000);
    expect(pending(get<Pod>(cluster, 'pods', 'default', 'many'))).toBe(true);
    expect(events(cluster, 'default', 'many').find((e) => e.reason === 'FailedScheduling')?.message).toContain('3 node(s) exceed max volume count');
  });

  it('a ReadWriteOncePod claim already in use keeps a second pod Pending', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('solo', { cls: 'azurefile-csi', modes: ['ReadWriteOncePod'] }));
    cluster.advance(20_000);
    cluster.admin.create('pods', 'default', podWith('a', 'solo'));
    cluster.advance(10_000);
    cluster.admin.create('pods', 'default', podWith('b', 'solo'));
    cluster.advance(10_000);
    expect(get<Pod>(cluster, 'pods', 'default', 'a')!.spec?.nodeName).toBeDefined();
    expect(pending(get<Pod>(cluster, 'pods', 'default', 'b'))).toBe(true);
    expect(events(cluster, 'default', 'b').find((e) => e.reason === 'FailedScheduling')?.message).toContain('node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode');
  });

  it('a disk class refuses ReadWriteMany with the CSI driver error, and the pod waits', () => {
    const { cluster } = aks();
    cluster.admin.create('persistentvolumeclaims', 'default', pvc('rwx', { cls: 'managed-csi', modes: ['ReadWriteMany'] }));
    cluster.admin.create('pods', 'default', podWith('web', 'rwx'));
    cluster.advance(30_000);
    expect(events(cluster, 'default', 'rwx')).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'ProvisioningFailed', message: 'failed to provision volume with StorageClass "managed-csi": rpc error: code = InvalidArgument desc = mountVolume is not supported for access mode: MULTI_NODE_MULTI_WRITER' }));
    expect(pending(get<Pod>(cluster, 'pods', 'default', 'web'))).toBe(true);
  });

  it('a generic ephemeral volume gets a claim owned by its pod, provisioned once the pod is scheduled', () => {
    const { cluster } = aks();
    const pod = podWith('web', 'x');
    pod.spec!.volumes = [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'managed-csi', resources: { requests: { storage: '1Gi' } } } } } }];
    pod.spec!.containers[0]!.volumeMounts = [{ name: 'scratch', mountPath: '/scratch' }];
    cluster.admin.create('pods', 'default', pod);
    cluster.advance(60_000);
    const claim = get<{ metadata: { ownerReferences?: { kind: string; name: string }[] }; status?: { phase?: string } }>(cluster, 'persistentvolumeclaims', 'default', 'web-scratch')!;
    expect(claim.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Pod', name: 'web' });
    expect(claim.status?.phase).toBe('Bound');
    expect(get<Pod>(cluster, 'pods', 'default', 'web')!.spec?.nodeName).toBeDefined();
  });
});
