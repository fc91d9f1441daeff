/**
 * Facts kubectl learns from the server rather than the kubeconfig here: the
 * API server address (AKS puts it in the konnectivity agent's arguments, which
 * is where we read it) and the server version (the nodes' kubelet version).
 */
import type { Cluster } from '../../cluster/cluster.js';
import type { KObject } from '../../cluster/api/types.js';

export function apiServerUrl(cluster: Cluster | undefined, clusterName: string): string {
  if (cluster) {
    for (const d of cluster.admin.items<KObject>('deployments.apps', 'kube-system')) {
      const containers = (d.spec as { template?: { spec?: { containers?: { args?: string[] }[] } } } | undefined)?.template?.spec?.containers ?? [];
      for (const c of containers) {
        const host = (c.args ?? []).find((a) => a.startsWith('--proxy-server-host='));
        if (host) return `https://${host.slice('--proxy-server-host='.length)}:443`;
      }
    }
  }
  return `https://${clusterName.toLowerCase()}-dns.hcp.eastus.azmk8s.io:443`;
}

export function serverVersion(cluster: Cluster): string {
  const versions = cluster.admin.items<KObject>('nodes').map((n) => (n.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion ?? '');
  const v = versions.filter((x) => /^v\d+\.\d+\.\d+/.test(x)).sort()[versions.length - 1] ?? versions.find((x) => x) ?? '';
  return v || 'v1.32.0';
}

export const CLIENT_VERSION = 'v1.32.4';
export const KUSTOMIZE_VERSION = 'v5.5.0';
