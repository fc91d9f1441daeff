/** A bare cluster where the test plays the kubelet: nodes without kubelets, pods given IPs and readiness by hand. */
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import type { Cluster } from '../../src/cluster/cluster.js';

export function bareEnv(seed = 1): { env: Environment; cluster: Cluster } {
  const env = createEnvironment({ seed, profile: 'bare' });
  const cluster = env.session.cluster()!;
  for (const [i, name] of ['node-a', 'node-b', 'node-c'].entries()) {
    cluster.admin.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { addresses: [{ type: 'InternalIP', address: `10.224.0.${4 + i}` }], conditions: [{ type: 'Ready', status: 'True' }] } });
  }
  return { env, cluster };
}

let ipSeq = 10;

/** A pod that "runs" (status written as the kubelet would). */
export function runPod(cluster: Cluster, name: string, o: { labels: Record<string, string>; node: string; image?: string; ready?: boolean; namespace?: string; ports?: { name?: string; containerPort: number }[] }): string {
  const ns = o.namespace ?? 'default';
  cluster.admin.create('pods', ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: o.labels }, spec: { nodeName: o.node, containers: [{ name: 'app', image: o.image ?? 'nginx:1.27', ...(o.ports ? { ports: o.ports } : {}) }] } });
  const ip = `10.244.${o.node.charCodeAt(5) - 96}.${ipSeq++}`;
  setReady(cluster, name, o.ready ?? true, ns, ip);
  return ip;
}

export function setReady(cluster: Cluster, name: string, ready: boolean, ns = 'default', ip?: string): void {
  const cur = cluster.admin.get('pods', ns, name);
  if (!cur.ok) throw new Error(`no pod ${name}`);
  const pod = cur.object as any;
  const podIP = ip ?? pod.status.podIP;
  cluster.admin.updateStatus('pods', ns, name, {
    ...pod,
    status: {
      phase: 'Running',
      podIP,
      podIPs: [{ ip: podIP }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, image: pod.spec.containers[0].image, imageID: '', state: { running: { startedAt: '2026-01-15T09:00:00Z' } } }],
    },
  });
}

/** CoreDNS as a ready endpoint of kube-dns, so names resolve. */
export function startDns(cluster: Cluster): void {
  cluster.admin.create('services', 'kube-system', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns' }, spec: { clusterIP: '10.0.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } });
  runPod(cluster, 'coredns-1', { labels: { 'k8s-app': 'kube-dns' }, node: 'node-a', namespace: 'kube-system', image: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.12.1', ports: [{ containerPort: 53 }] });
}
