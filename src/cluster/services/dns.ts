/**
 * CoreDNS's answers for the cluster domain: `<svc>.<ns>.svc.cluster.local`
 * (a ClusterIP, or every ready pod IP for a headless Service, or a CNAME for
 * ExternalName), `<hostname>.<subdomain>.<ns>.svc…` for pods with a
 * hostname, and `<a-b-c-d>.<ns>.pod.cluster.local`; names are tried along a
 * pod's search path (ndots 5). DNS works only while the kube-dns Service has
 * ready endpoints, as in a real cluster.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Cluster } from '../cluster.js';
import { networkOf } from './network-config.js';

export type DnsAnswer =
  | { kind: 'A'; name: string; ips: string[]; via?: string }
  | { kind: 'CNAME'; name: string; target: string }
  | { kind: 'NXDOMAIN'; name: string; tried: string[] }
  | { kind: 'TIMEOUT'; name: string };

function store<T>(cluster: Cluster, prefix: string): T[] {
  return cluster.store.list(prefix).map((e) => e.value as unknown as T);
}

export function dnsServerUp(cluster: Cluster): boolean {
  return readyIPs(cluster, 'kube-system', 'kube-dns').length > 0;
}

function readyIPs(cluster: Cluster, ns: string, svc: string): string[] {
  const slices = store<EndpointSlice>(cluster, `/registry/endpointslices/${ns}`).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc);
  return slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses)).sort();
}

/** The search list in a pod's resolv.conf (dnsPolicy ClusterFirst). */
export function searchPath(cluster: Cluster, namespace: string): string[] {
  const d = networkOf(cluster).clusterDomain;
  return [`${namespace}.svc.${d}`, `svc.${d}`, d];
}

export function resolvConf(cluster: Cluster, namespace: string): string {
  const net = networkOf(cluster);
  return `search ${searchPath(cluster, namespace).join(' ')}\nnameserver ${net.dnsServiceIP}\noptions ndots:5\n`;
}

/** Look up one fully qualified name in the cluster zone. */
export function lookupFqdn(cluster: Cluster, fqdn: string): DnsAnswer | undefined {
  const d = networkOf(cluster).clusterDomain;
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  if (!name.endsWith(`.${d}`)) return undefined;
  const parts = name.slice(0, -(d.length + 1)).split('.');
  if (parts.length === 3 && parts[2] === 'svc') {
    const [svcName, ns] = parts as [string, string];
    const svc = cluster.store.get(`/registry/services/specs/${ns}/${svcName}`)?.value as Service | undefined;
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') return { kind: 'CNAME', name, target: svc.spec.externalName ?? '' };
    if (svc.spec?.clusterIP === 'None') {
      const ips = readyIPs(cluster, ns, svcName);
      return ips.length ? { kind: 'A', name, ips } : undefined;
    }
    return svc.spec?.clusterIP ? { kind: 'A', name, ips: [svc.spec.clusterIP] } : undefined;
  }
  if (parts.length === 4 && parts[3] === 'svc') {
    const [host, sub, ns] = parts as [string, string, string];
    const pod = store<Pod>(cluster, `/registry/pods/${ns}`).find((p) => (p.spec?.hostname ?? p.metadata?.name) === host && p.spec?.subdomain === sub && p.status?.podIP);
    return pod ? { kind: 'A', name, ips: [pod.status!.podIP!] } : undefined;
  }
  if (parts.length === 3 && parts[2] === 'pod') {
    const ip = parts[0]!.replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { kind: 'A', name, ips: [ip] } : undefined;
  }
  return undefined;
}

/** Resolve as a pod in `namespace` would (search path, ndots 5); external names don't resolve (no internet here). */
export function resolve(cluster: Cluster, host: string, namespace: string): DnsAnswer {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { kind: 'A', name: host, ips: [host] };
  if (!dnsServerUp(cluster)) return { kind: 'TIMEOUT', name: host };
  const dots = host.split('.').length - 1;
  const candidates = host.endsWith('.') ? [host] : dots >= 5 ? [host, ...searchPath(cluster, namespace).map((s) => `${host}.${s}`)] : [...searchPath(cluster, namespace).map((s) => `${host}.${s}`), host];
  for (const c of candidates) {
    const a = lookupFqdn(cluster, c);
    if (a) return a;
  }
  return { kind: 'NXDOMAIN', name: host, tried: candidates };
}
