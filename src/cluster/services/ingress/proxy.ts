/**
 * An ingress-nginx controller pod answering on its HTTP/HTTPS ports: it
 * picks the server by Host (exact, then the longest `*.` wildcard, then the
 * catch-all), the location as nginx orders ingress-nginx's config (`=` Exact
 * first, then the longest prefix; Prefix matches whole path elements,
 * ImplementationSpecific plain string prefixes), redirects HTTP to HTTPS
 * (308) on hosts with TLS, presents the Secret's certificate or its fake one
 * on HTTPS, and proxies to a ready endpoint of the backend Service
 * (round-robin, straight to the pod IP as ingress-nginx does). Nothing
 * matching: its default backend's 404; no endpoints: 503.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { Cluster } from '../../cluster.js';
import { deliver, podClient, registerPodProxy, type Client, type Connection, type TrafficResult } from '../traffic.js';
import type { HttpResponse } from '../pod-server.js';
import { kubeProxyOf } from '../kube-proxy.js';
import { classOf } from './nginx-controller.js';
import { certCovers, fakeCertificate, secretCertificate, type TlsInfo } from './tls.js';

const REPOS = ['mcr.microsoft.com/oss/kubernetes/ingress/nginx-ingress-controller', 'registry.k8s.io/ingress-nginx/controller'];

interface Location {
  path: string;
  type: string;
  backend: IngressBackend;
  ingress: Ingress;
}

interface Server {
  locations: Location[];
  defaultBackend?: { backend: IngressBackend; ingress: Ingress };
  tls?: { secret?: string; namespace: string };
}

function arg(args: string[], flag: string): string | undefined {
  const a = args.find((x) => x.startsWith(`--${flag}=`));
  return a?.slice(flag.length + 3);
}

/** The ingress-nginx container in a pod, with its ports and the controller class it serves. */
function controllerOf(pod: Pod): { http: number; https: number; controllerClass: string; startedAt: number } | undefined {
  for (const c of pod.spec?.containers ?? []) {
    const repo = (c.image ?? '').split('@')[0]!.replace(/:[^/:]+$/, '');
    if (!REPOS.includes(repo)) continue;
    const args = [...(c.command ?? []), ...(c.args ?? [])];
    const st = (pod.status?.containerStatuses ?? []).find((s) => s.name === c.name);
    if (!st?.state?.running) return undefined;
    return {
      http: Number(arg(args, 'http-port') ?? 80),
      https: Number(arg(args, 'https-port') ?? 443),
      controllerClass: arg(args, 'controller-class') ?? 'k8s.io/ingress-nginx',
      startedAt: Date.parse(st.state.running.startedAt ?? '') || 0,
    };
  }
  return undefined;
}

const page = (status: number, text: string) => `<html>\n<head><title>${status} ${text}</title></head>\n<body>\n<center><h1>${status} ${text}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
const TEXT: Record<number, string> = { 308: 'Permanent Redirect', 400: 'Bad Request', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

function nginxPage(status: number, extra: Record<string, string> = {}, tls?: TlsInfo): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/html', Connection: 'keep-alive', ...extra }, body: page(status, TEXT[status] ?? ''), ...(tls ? { tls } : {}) };
}

function list<T>(cluster: Cluster, group: string, plural: string): T[] {
  const def = cluster.registry.get(group, plural);
  if (!def) return [];
  const prefix = def.namespaced ? cluster.api.keyOf(def, '', '').replace(/\/+$/, '') : cluster.api.keyOf(def, undefined, '').replace(/\/+$/, '');
  return cluster.store.list(`${prefix}/`).map((e) => e.value as unknown as T);
}

function getObj<T>(cluster: Cluster, group: string, plural: string, ns: string, name: string): T | undefined {
  const def = cluster.registry.get(group, plural);
  return def ? (cluster.store.get(cluster.api.keyOf(def, ns, name))?.value as unknown as T | undefined) : undefined;
}

/** The servers the controller's nginx.conf holds, from the Ingresses of the classes it serves (oldest Ingress wins a conflict). */
export function buildServers(cluster: Cluster, controllerClass: string): Map<string, Server> {
  const classes = new Set(list<IngressClass>(cluster, 'networking.k8s.io', 'ingressclasses').filter((c) => c.spec?.controller === controllerClass).map((c) => c.metadata!.name!));
  const ings = list<Ingress>(cluster, 'networking.k8s.io', 'ingresses')
    .filter((i) => classes.has(classOf(i) ?? '') && !i.metadata?.deletionTimestamp)
    .sort((a, b) => (a.metadata!.creationTimestamp ?? '').localeCompare(b.metadata!.creationTimestamp ?? '') || `${a.metadata!.namespace}/${a.metadata!.name}`.localeCompare(`${b.metadata!.namespace}/${b.metadata!.name}`));
  const servers = new Map<string, Server>();
  const server = (h: string) => {
    let s = servers.get(h);
    if (!s) servers.set(h, (s = { locations: [] }));
    return s;
  };
  server('_');
  for (const ing of ings) {
    const ns = ing.metadata!.namespace!;
    const rules = ing.spec?.rules ?? [];
    for (const r of rules) {
      const s = server(r.host || '_');
      for (const p of r.http?.paths ?? []) {
        const path = p.path || '/';
        if (!s.locations.some((l) => l.path === path && l.type === p.pathType)) s.locations.push({ path, type: p.pathType ?? 'ImplementationSpecific', backend: p.backend, ingress: ing });
      }
      if (ing.spec?.defaultBackend) s.defaultBackend ??= { backend: ing.spec.defaultBackend, ingress: ing };
    }
    if (rules.length === 0 && ing.spec?.defaultBackend) server('_').defaultBackend ??= { backend: ing.spec.defaultBackend, ingress: ing };
    for (const t of ing.spec?.tls ?? []) for (const h of t.hosts ?? []) server(h).tls ??= { ...(t.secretName ? { secret: t.secretName } : {}), namespace: ns };
  }
  return servers;
}

function serverFor(servers: Map<string, Server>, host: string): { name: string; server: Server } {
  const exact = servers.get(host);
  if (exact) return { name: host, server: exact };
  // nginx: the longest wildcard name that matches.
  const wild = [...servers.keys()].filter((k) => k.startsWith('*.') && host.endsWith(k.slice(1))).sort((a, b) => b.length - a.length)[0];
  if (wild) return { name: wild, server: servers.get(wild)! };
  return { name: '_', server: servers.get('_')! };
}

function prefixMatches(p: string, path: string): boolean {
  if (p === '/') return true;
  const base = p.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}

export function locationFor(server: Server, path: string): Location | undefined {
  const exact = server.locations.find((l) => l.type === 'Exact' && l.path === path);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    const hit = l.type === 'Prefix' ? prefixMatches(l.path, path) : l.type === 'ImplementationSpecific' ? path.startsWith(l.path) : false;
    if (hit && (!best || l.path.replace(/\/+$/, '').length > best.path.replace(/\/+$/, '').length)) best = l;
  }
  return best;
}

const roundRobin = new WeakMap<Cluster, Map<string, number>>();

function upstream(cluster: Cluster, ns: string, b: IngressBackend): { ok: true; ip: string; port: number; service: string } | { ok: false; why: string } {
  const name = b.service?.name;
  if (!name) return { ok: false, why: 'resource backends are not served by ingress-nginx' };
  const svc = getObj<Service>(cluster, '', 'services', ns, name);
  if (!svc) return { ok: false, why: `service ${ns}/${name} does not exist` };
  const sp = (svc.spec?.ports ?? []).find((p) => (b.service?.port?.number ? p.port === b.service.port.number : p.name === b.service?.port?.name));
  if (!sp) return { ok: false, why: `service ${ns}/${name} has no port ${b.service?.port?.number ?? b.service?.port?.name}` };
  const rule = kubeProxyOf(cluster)?.rules().ports.find((p) => p.namespace === ns && p.service === name && p.port === sp.port);
  const eps = (rule?.endpoints ?? []).filter((e) => e.ready);
  if (eps.length === 0) return { ok: false, why: `service ${ns}/${name} has no ready endpoints` };
  let m = roundRobin.get(cluster);
  if (!m) roundRobin.set(cluster, (m = new Map()));
  const key = `${ns}/${name}:${sp.port}`;
  const n = m.get(key) ?? 0;
  m.set(key, n + 1);
  const ep = eps[n % eps.length]!;
  return { ok: true, ip: ep.ip, port: ep.port, service: `${name}:${sp.port}` };
}

function certificate(cluster: Cluster, servers: Map<string, Server>, sni: string | undefined, startedAt: number, hops: string[]): TlsInfo {
  const fake = fakeCertificate(startedAt);
  if (!sni) return fake;
  const { server } = serverFor(servers, sni);
  if (!server.tls) return fake;
  if (!server.tls.secret) return fake;
  const c = secretCertificate(cluster, server.tls.namespace, server.tls.secret);
  if (!c.ok) {
    hops.push(`${c.reason}: nginx presents its default fake certificate`);
    return fake;
  }
  if (!certCovers(c.cert, sni)) hops.push(`certificate in ${c.cert.secret} does not name ${sni}`);
  return c.cert;
}

function serve(cluster: Cluster, client: Client, pod: Pod, port: number, path: string, headers: Record<string, string>, hops: string[], conn: Connection): TrafficResult {
  const ctl = controllerOf(pod)!;
  const https = port === ctl.https;
  const ok = (response: HttpResponse): TrafficResult => ({ ok: true, response, hops, pod });
  if (https !== (conn.scheme === 'https')) {
    if (conn.scheme === 'https') return { ok: false, error: 'tls', message: 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number', hops: [...hops, `nginx: port ${port} speaks plain HTTP`] };
    return ok({ ...nginxPage(400), body: '<html>\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\n<body>\n<center><h1>400 Bad Request</h1></center>\n<center>The plain HTTP request was sent to HTTPS port</center>\n<hr><center>nginx</center>\n</body>\n</html>\n' });
  }
  const servers = buildServers(cluster, ctl.controllerClass);
  const tls = https ? certificate(cluster, servers, conn.sni, ctl.startedAt, hops) : undefined;
  const host = (headers.Host ?? '').replace(/:\d+$/, '').toLowerCase();
  const { name, server } = serverFor(servers, host);
  const cleanPath = path.split('?')[0] || '/';
  if (!https && server.tls && name !== '_') {
    hops.push(`nginx ${pod.metadata?.name}: server ${name} has TLS → 308 to https`);
    return ok(nginxPage(308, { Location: `https://${host}${path}` }));
  }
  const loc = locationFor(server, cleanPath);
  const target = loc ? { backend: loc.backend, ingress: loc.ingress } : server.defaultBackend;
  const hsts: Record<string, string> = https && server.tls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {};
  if (!target) {
    hops.push(`nginx ${pod.metadata?.name}: no rule for host "${host || '(none)'}" path ${cleanPath} → default backend (404)`);
    return ok(nginxPage(404, {}, tls));
  }
  const ns = target.ingress.metadata!.namespace!;
  const via = loc ? `${loc.path} (${loc.type})` : 'defaultBackend';
  const up = upstream(cluster, ns, target.backend);
  if (!up.ok) {
    hops.push(`nginx ${pod.metadata?.name}: Ingress ${ns}/${target.ingress.metadata!.name} server ${name} location ${via}: ${up.why} → 503`);
    return ok(nginxPage(503, hsts, tls));
  }
  hops.push(`nginx ${pod.metadata?.name}: Ingress ${ns}/${target.ingress.metadata!.name} server ${name} location ${via} → service ${up.service} → endpoint ${up.ip}:${up.port}`);
  const fwd = { ...headers, 'X-Forwarded-For': client.ip, 'X-Forwarded-Host': host, 'X-Forwarded-Port': https ? '443' : '80', 'X-Forwarded-Proto': https ? 'https' : 'http', 'X-Forwarded-Scheme': https ? 'https' : 'http', 'X-Real-IP': client.ip, 'X-Scheme': https ? 'https' : 'http' };
  const r = deliver(cluster, podClient(pod), up.ip, up.port, cleanPath, fwd, hops);
  if (!r.ok) {
    const status = r.error === 'refused' ? 502 : 504;
    return { ok: true, response: nginxPage(status, {}, tls), hops: [...r.hops, `nginx: upstream ${r.error === 'refused' ? 'refused the connection' : 'timed out'} → ${status}`], pod };
  }
  // nginx sends its own headers in place of the upstream's Server.
  const rest = Object.fromEntries(Object.entries(r.response.headers).filter(([k]) => k !== 'Server'));
  return { ...r, response: { ...r.response, headers: { ...rest, Connection: 'keep-alive', ...hsts }, ...(tls ? { tls } : {}) } };
}

registerPodProxy({
  handles(pod, port) {
    const c = controllerOf(pod);
    return !!c && (port === c.http || port === c.https);
  },
  serve,
});
