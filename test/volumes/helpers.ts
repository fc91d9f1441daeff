/** Bare clusters with kubelets, plus PVs/PVCs bound by hand (no PV controller needed) and exec. */
import type { Cluster } from '../../src/cluster/cluster.js';
import { nodeCluster } from '../node/helpers.js';

export { createPod, cs, eventText, pod } from '../node/helpers.js';

export function cluster(nodes = 2): Cluster {
  return nodeCluster(nodes).c;
}

/** `kubectl exec pod -- argv` through the API server's kubelet connection; stdout, or the error text. */
export function exec(c: Cluster, name: string, argv: string[], container?: string): { out: string; err: string; code: number } {
  const p = c.admin.get<{ spec?: { nodeName?: string } }>('pods', 'default', name);
  const node = p.ok ? p.object.spec?.nodeName : undefined;
  const k = node ? c.api.kubeletFor(node) : undefined;
  if (!k) return { out: '', err: 'no kubelet', code: -1 };
  const r = k.exec('default', name, container ? { container } : {}, argv);
  return r.ok ? { out: r.stdout, err: r.stderr, code: r.exitCode } : { out: '', err: r.status.message, code: -1 };
}

export function csiDriver(c: Cluster, name: string, attachRequired: boolean): void {
  c.admin.create('csidrivers.storage.k8s.io', undefined, { metadata: { name }, spec: { attachRequired } });
}

/** A PV for a CSI volume and a claim bound to it (what the PV controller would leave). */
export function boundClaim(c: Cluster, claim: string, driver: string, handle: string, opts: { bind?: boolean } = {}): void {
  const pvName = `pv-${claim}`;
  const pvc = c.admin.create<{ metadata?: { uid?: string } }>('persistentvolumeclaims', 'default', { metadata: { name: claim }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
  if (!pvc.ok) throw new Error(pvc.status.message);
  const uid = pvc.object.metadata?.uid;
  const pv = c.admin.create('persistentvolumes', undefined, {
    metadata: { name: pvName },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '', csi: { driver, volumeHandle: handle }, claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: claim, uid } },
  });
  if (!pv.ok) throw new Error(pv.status.message);
  if (opts.bind === false) return;
  bind(c, claim);
}

export function bind(c: Cluster, claim: string): void {
  const r = c.admin.patch('persistentvolumeclaims', 'default', claim, { spec: { volumeName: `pv-${claim}` } });
  if (!r.ok) throw new Error(r.status.message);
  const s = c.admin.patch('persistentvolumeclaims', 'default', claim, { status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }, 'merge', 'status');
  if (!s.ok) throw new Error(s.status.message);
}

export function deletePodNow(c: Cluster, name: string): void {
  c.admin.delete('pods', 'default', name, { gracePeriodSeconds: 0 });
  c.runUntilIdle();
}
