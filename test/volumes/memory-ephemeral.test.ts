import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { nodeCluster } from '../node/helpers.js';
import { EphemeralVolumeController } from '../../src/cluster/controllers/ephemeral-volume-controller.js';
import { PvcProtectionController } from '../../src/cluster/storage/protection-controllers.js';
import { GarbageCollector } from '../../src/cluster/controllers/garbage-collector.js';
import { bind, createPod, csiDriver, exec, pod } from './helpers.js';

describe('pod volumes: memory and ephemeral claims', () => {
  it('counts a memory-backed emptyDir in the pod memory the kubelet reports', () => {
    const { c, kubelets } = nodeCluster(1);
    createPod(c, 'tmpfs', {
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 10; dd if=/dev/zero of=/ram/blob bs=1M count=64; sleep 3600'], volumeMounts: [{ name: 'ram', mountPath: '/ram' }] }],
      volumes: [{ name: 'ram', emptyDir: { medium: 'Memory' } }],
    });
    c.advance(8_000);
    const before = kubelets[0]!.usage().find((u) => u.pod === 'tmpfs')!.memoryMi;
    c.advance(10_000);
    const after = kubelets[0]!.usage().find((u) => u.pod === 'tmpfs')!.memoryMi;
    expect(after - before).toBeCloseTo(64, 0);
  });

  it('creates the claim <pod>-<volume> owned by the pod for a generic ephemeral volume, and mounts it once bound', () => {
    const { c } = nodeCluster(1);
    c.addController(new EphemeralVolumeController());
    c.addController(new GarbageCollector(c.registry));
    // The API server adds kubernetes.io/pvc-protection to every claim; its controller lets a deleted claim go.
    c.addController(new PvcProtectionController());
    csiDriver(c, 'file.csi.azure.com', false);
    createPod(c, 'eph', {
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo hi > /scratch/f; sleep 3600'], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
      volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata: { labels: { type: 'scratch' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'azurefile-csi', resources: { requests: { storage: '1Gi' } } } } } }],
    });
    c.advance(1_000);
    const r = c.admin.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'eph-scratch');
    expect(r.ok).toBe(true);
    const claim = r.ok ? r.object : undefined;
    expect(claim?.metadata?.labels).toEqual({ type: 'scratch' });
    expect(claim?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Pod', name: 'eph', controller: true, blockOwnerDeletion: true });
    expect(pod(c, 'eph')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    c.admin.create('persistentvolumes', undefined, { metadata: { name: 'pv-eph-scratch' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'file.csi.azure.com', volumeHandle: 'eph-1' }, claimRef: { namespace: 'default', name: 'eph-scratch', uid: claim?.metadata?.uid } } });
    bind(c, 'eph-scratch');
    c.advance(10_000);
    expect(pod(c, 'eph')?.status?.phase).toBe('Running');
    expect(exec(c, 'eph', ['cat', '/scratch/f']).out).toBe('hi\n');
    c.admin.delete('pods', 'default', 'eph', { gracePeriodSeconds: 0 });
    c.advance(5_000);
    // The garbage collector deletes the pod's claim (it may wait on kubernetes.io/pvc-protection).
    const gone = c.admin.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'eph-scratch');
    expect(!gone.ok || !!gone.object.metadata?.deletionTimestamp).toBe(true);
  });
});
