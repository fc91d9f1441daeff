/**
 * A cluster's network settings that the Services machinery needs: the service
 * CIDR (AKS default 10.0.0.0/16), the cluster DNS IP (10.0.0.10), the NodePort
 * range, and the cluster domain. The AKS layer sets them from the network
 * profile; tests and bare clusters get AKS's defaults.
 */
import type { Cluster } from '../cluster.js';

export interface ClusterNetwork {
  serviceCidr: string;
  dnsServiceIP: string;
  nodePortRange: [number, number];
  clusterDomain: string;
  /** Is NetworkPolicy enforced (azure, calico, cilium) or only stored (none)? */
  networkPolicy: 'none' | 'azure' | 'calico' | 'cilium';
  /** The API server's address as the `kubernetes` Service's endpoint. */
  apiServerIP: string;
}

const configs = new WeakMap<Cluster, ClusterNetwork>();

export function defaultNetwork(): ClusterNetwork {
  return { serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10', nodePortRange: [30000, 32767], clusterDomain: 'cluster.local', networkPolicy: 'none', apiServerIP: '10.224.0.4' };
}

export function networkOf(cluster: Cluster): ClusterNetwork {
  let c = configs.get(cluster);
  if (!c) configs.set(cluster, (c = defaultNetwork()));
  return c;
}

export function setNetwork(cluster: Cluster, patch: Partial<ClusterNetwork>): void {
  configs.set(cluster, { ...networkOf(cluster), ...patch });
}
