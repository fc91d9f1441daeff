/**
 * Requests you can follow: a request from a pod, a node or the internet is
 * resolved by DNS, routed by kube-proxy's last-synced rules (a random ready
 * endpoint, seeded; ClientIP affinity; Local traffic policies), checked
 * against NetworkPolicies when they are enforced, and answered by the image
 * in the chosen pod. Every hop is recorded, and the trace tells the story.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { Random } from '../random.js';
import { resolve as dnsResolve } from './dns.js';
import { kubeProxyOf, type ProxyEndpoint, type ProxyServicePort } from './kube-proxy.js';
import { respond, type HttpResponse } from './pod-server.js';
import { policyAllows } from './network-policy.js';

export interface Client {
  /** Where the request starts: a pod, a node, or outside the cluster. */
  kind: 'pod' | 'node' | 'internet';
  ip: string;
  node?: string;
  namespace: string;
  pod?: Pod;
}

export type TrafficResult =
  | { ok: true; response: HttpResponse; hops: string[]; pod: Pod }
  | { ok: false; error: 'dns' | 'dns-timeout' | 'refused' | 'timeout' | 'no-route' | 'tls'; message: string; hops: string[] };

const rngs = new WeakMap<Cluster, Random>();
const affinity = new WeakMap<Cluster, Map<string, { ep: string; until: number }>>();

function rngOf(c: Cluster): Random {
  let r = rngs.get(c);
  if (!r) rngs.set(c, (r = c.rng.fork('traffic')));
  return r;
}

export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)?/.exec(url.trim());
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  return { scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** Lookups rebuilt only when the store changed (a request must not scan every pod). */
const byIpCache = new WeakMap<Cluster, { rev: number; pods: Map<string, Pod>; nodes: Map<string, string> }>();

function lookups(cluster: Cluster): { pods: Map<string, Pod>; nodes: Map<string, string> } {
  const rev = cluster.store.revision;
  const hit = byIpCache.get(cluster);
  if (hit && hit.rev === rev) return hit;
  const pods = new Map<string, Pod>();
  for (const e of cluster.store.list('/registry/pods')) {
    const p = e.value as unknown as Pod;
    if (p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed') pods.set(p.status.podIP, p);
  }
  const nodes = new Map<string, string>();
  for (const e of cluster.store.list('/registry/minions')) {
    const n = e.value as unknown as Node;
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) nodes.set(ip, n.metadata!.name!);
  }
  const v = { rev, pods, nodes };
  byIpCache.set(cluster, v);
  return v;
}

function podsByIp(cluster: Cluster): Map<string, Pod> {
  return lookups(cluster).pods;
}

function nodeIps(cluster: Cluster): Map<string, string> {
  return lookups(cluster).nodes;
}

function pickEndpoint(cluster: Cluster, p: ProxyServicePort, client: Client, viaNode: string | undefined, external: boolean): ProxyEndpoint | undefined {
  const ready = p.endpoints.filter((e) => e.ready);
  let usable = ready.length > 0 ? ready : p.endpoints.filter((e) => e.serving && e.terminating);
  const local = external ? p.externalTrafficPolicy === 'Local' : p.internalTrafficPolicy === 'Local';
  if (local) usable = usable.filter((e) => e.nodeName === viaNode);
  if (usable.length === 0) return undefined;
  const key = `${p.namespace}/${p.service}:${p.portName}|${client.ip}`;
  const now = cluster.clock.now();
  if (p.sessionAffinity === 'ClientIP') {
    let m = affinity.get(cluster);
    if (!m) affinity.set(cluster, (m = new Map()));
    const sticky = m.get(key);
    const hit = sticky && sticky.until > now ? usable.find((e) => `${e.ip}:${e.port}` === sticky.ep) : undefined;
    const ep = hit ?? usable[rngOf(cluster).int(usable.length)]!;
    m.set(key, { ep: `${ep.ip}:${ep.port}`, until: now + p.affinityTimeoutSeconds * 1000 });
    return ep;
  }
  return usable[rngOf(cluster).int(usable.length)];
}

/** Deliver to a pod IP:port (after any DNAT): policy, then the pod's answer. */
/** How the client talks on the connection: the URL's scheme, and the name sent as TLS SNI (a host name, never an IP). */
export interface Connection {
  scheme: string;
  sni?: string;
}

/**
 * A pod that proxies what it receives (an ingress controller): it answers
 * instead of the image's own page, and may deliver onwards itself.
 */
export interface PodProxy {
  handles(pod: Pod, port: number): boolean;
  serve(cluster: Cluster, client: Client, pod: Pod, port: number, path: string, headers: Record<string, string>, hops: string[], conn: Connection): TrafficResult;
}

const podProxies: PodProxy[] = [];

export function registerPodProxy(p: PodProxy): void {
  if (!podProxies.includes(p)) podProxies.push(p);
}

export function deliver(cluster: Cluster, client: Client, ip: string, port: number, path: string, headers: Record<string, string>, hops: string[], conn: Connection = { scheme: 'http' }): TrafficResult {
  const pod = podsByIp(cluster).get(ip);
  if (!pod) return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${port} after 130001 ms: Couldn't connect to server`, hops: [...hops, `${ip}: no pod has this IP (packets are dropped)`] };
  hops.push(`pod ${pod.metadata!.namespace}/${pod.metadata!.name} (${ip}) on ${pod.spec?.nodeName ?? '?'}`);
  const policy = policyAllows(cluster, client, pod, port);
  if (!policy.allowed) return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${port} after 130001 ms: Couldn't connect to server`, hops: [...hops, `dropped by NetworkPolicy: ${policy.reason}`] };
  const proxy = podProxies.find((p) => p.handles(pod, port));
  if (proxy) return proxy.serve(cluster, client, pod, port, path, { Host: headers.Host ?? ip, 'User-Agent': 'curl/8.5.0', Accept: '*/*', ...headers }, hops, conn);
  const res = respond(pod, port, path, { Host: headers.Host ?? ip, 'User-Agent': 'curl/8.5.0', Accept: '*/*', ...headers });
  if (res && conn.scheme === 'https') return { ok: false, error: 'tls', message: 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number', hops: [...hops, `the pod answers plain HTTP on port ${port}; the TLS handshake fails`] };
  if (!res) return { ok: false, error: 'refused', message: `Failed to connect to ${ip} port ${port} after 0 ms: Couldn't connect to server`, hops: [...hops, `nothing listens on port ${port} in that pod (connection refused)`] };
  return { ok: true, response: res, hops, pod };
}

export function request(cluster: Cluster, client: Client, url: string, headers: Record<string, string> = {}, opts: { quiet?: boolean; resolve?: Record<string, string> } = {}): TrafficResult {
  const u = parseUrl(url);
  const hops: string[] = [];
  if (!u) return { ok: false, error: 'no-route', message: `URL rejected: Bad hostname`, hops };
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(u.host);
  const conn: Connection = { scheme: u.scheme, ...(isIp ? {} : { sni: u.host }) };
  // curl --resolve host:port:addr pins a name to an address (and keeps the name for Host and SNI).
  const pinned = opts.resolve?.[`${u.host}:${u.port}`];
  if (pinned) {
    hops.push(`--resolve: ${u.host}:${u.port} → ${pinned}`);
    headers = { Host: u.port === (u.scheme === 'https' ? 443 : 80) ? u.host : `${u.host}:${u.port}`, ...headers };
  }
  const result = route(cluster, client, pinned ? { ...u, host: pinned } : u, headers, hops, conn);
  if (opts.quiet) return result;
  const from = client.kind === 'pod' ? `pod ${client.pod?.metadata?.name}` : client.kind === 'node' ? `node ${client.node}` : 'the internet';
  cluster.trace.note('network', `${from} → ${url}: ${hops.join(' → ')}${result.ok ? ` → HTTP ${result.response.status}` : ` ✗ ${result.message}`}`, result.ok ? [`pods/${result.pod.metadata?.namespace}/${result.pod.metadata?.name}`] : undefined);
  return result;
}

function route(cluster: Cluster, client: Client, u: NonNullable<ReturnType<typeof parseUrl>>, headers: Record<string, string>, hops: string[], conn: Connection): TrafficResult {
  let ip = u.host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(u.host)) {
    if (client.kind === 'internet') return { ok: false, error: 'dns', message: `Could not resolve host: ${u.host}`, hops: [`DNS: ${u.host} is not a public name kubedojo knows`] };
    const a = dnsResolve(cluster, u.host, client.namespace);
    if (a.kind === 'TIMEOUT') return { ok: false, error: 'dns-timeout', message: `Could not resolve host: ${u.host}`, hops: [`DNS: no CoreDNS endpoint is ready (kube-dns has no endpoints), the query timed out`] };
    if (a.kind === 'NXDOMAIN') return { ok: false, error: 'dns', message: `Could not resolve host: ${u.host}`, hops: [`DNS: ${u.host} → NXDOMAIN (tried ${a.tried.join(', ')})`] };
    if (a.kind === 'CNAME') return { ok: false, error: 'dns', message: `Could not resolve host: ${a.target}`, hops: [`DNS: ${a.name} → CNAME ${a.target}`, `${a.target}: outside the cluster (kubedojo has no internet)`] };
    ip = a.ips[rngOf(cluster).int(a.ips.length)]!;
    hops.push(`DNS: ${a.name} → ${a.ips.join(', ')}`);
  }
  const table = kubeProxyOf(cluster)?.rules();
  const viaNode = client.node;
  // A ClusterIP (only from inside the cluster).
  const byClusterIp = table?.ports.find((p) => p.clusterIP === ip && p.port === u.port);
  if (byClusterIp && client.kind !== 'internet') {
    hops.push(`ClusterIP ${ip}:${u.port} (service ${byClusterIp.namespace}/${byClusterIp.service})`);
    const ep = pickEndpoint(cluster, byClusterIp, client, viaNode, false);
    if (!ep) return { ok: false, error: 'refused', message: `Failed to connect to ${ip} port ${u.port} after 0 ms: Couldn't connect to server`, hops: [...hops, `kube-proxy on ${viaNode}: no ready endpoints (REJECT)`] };
    hops.push(`kube-proxy on ${viaNode}: DNAT → ${ep.ip}:${ep.port}`);
    return deliver(cluster, client, ep.ip, ep.port, u.path, headers, hops, conn);
  }
  if (table?.ports.some((p) => p.clusterIP === ip) && client.kind !== 'internet') {
    return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${u.port} after 130001 ms: Couldn't connect to server`, hops: [...hops, `ClusterIP ${ip} has no port ${u.port}`] };
  }
  // A load balancer frontend (from anywhere).
  const byLb = table?.ports.find((p) => p.loadBalancerIPs.includes(ip) && p.port === u.port);
  if (byLb) {
    const nodes = kubeProxyOf(cluster)!.nodeNames();
    const healthy = byLb.externalTrafficPolicy === 'Local' ? nodes.filter((n) => byLb.endpoints.some((e) => e.ready && e.nodeName === n)) : nodes;
    if (healthy.length === 0) return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${u.port} after 21001 ms: Couldn't connect to server`, hops: [...hops, `Azure load balancer ${ip}: no healthy backend (health probes fail)`] };
    const node = healthy[rngOf(cluster).int(healthy.length)]!;
    hops.push(`Azure load balancer ${ip}:${u.port} → node ${node}${byLb.nodePort ? ` :${byLb.nodePort}` : ''}`);
    const ep = pickEndpoint(cluster, byLb, { ...client, node }, node, true);
    if (!ep) return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${u.port} after 21001 ms: Couldn't connect to server`, hops: [...hops, `kube-proxy on ${node}: no endpoints`] };
    hops.push(`kube-proxy on ${node}: DNAT → ${ep.ip}:${ep.port}`);
    return deliver(cluster, client, ep.ip, ep.port, u.path, headers, hops, conn);
  }
  // A node IP (NodePort), from inside the VNet.
  const nodeName = nodeIps(cluster).get(ip);
  if (nodeName) {
    if (client.kind === 'internet') return { ok: false, error: 'no-route', message: `Failed to connect to ${ip} port ${u.port} after 21001 ms: Couldn't connect to server`, hops: [`${ip} is a private address in the cluster's VNet; the internet can't reach it (use a LoadBalancer Service, or curl --from-node)`] };
    const np = table?.ports.find((p) => p.nodePort === u.port);
    if (!np) return { ok: false, error: 'refused', message: `Failed to connect to ${ip} port ${u.port} after 0 ms: Couldn't connect to server`, hops: [...hops, `node ${nodeName}: nothing listens on port ${u.port}`] };
    hops.push(`node ${nodeName} NodePort ${u.port} (service ${np.namespace}/${np.service})`);
    const ep = pickEndpoint(cluster, np, client, nodeName, true);
    if (!ep) return { ok: false, error: 'timeout', message: `Failed to connect to ${ip} port ${u.port} after 130001 ms: Couldn't connect to server`, hops: [...hops, `kube-proxy on ${nodeName}: no ${np.externalTrafficPolicy === 'Local' ? 'local ' : ''}endpoints (DROP)`] };
    hops.push(`kube-proxy on ${nodeName}: DNAT → ${ep.ip}:${ep.port}`);
    return deliver(cluster, client, ep.ip, ep.port, u.path, headers, hops, conn);
  }
  if (client.kind === 'internet') return { ok: false, error: 'no-route', message: `Failed to connect to ${ip} port ${u.port} after 21001 ms: Couldn't connect to server`, hops: [`${ip}: not a public address of this cluster`] };
  // A pod IP directly.
  return deliver(cluster, client, ip, u.port, u.path, headers, hops, conn);
}

/** The client for a pod making a request (kubectl exec … -- curl). */
export function podClient(pod: Pod): Client {
  return { kind: 'pod', ip: pod.status?.podIP ?? '', node: pod.spec?.nodeName, namespace: pod.metadata?.namespace ?? 'default', pod };
}

export type { Service };
