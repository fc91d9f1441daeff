/**
 * kube-proxy: watches Services and EndpointSlices and programs each node's
 * rules (iptables mode) no sooner than its minSyncPeriod (1 s) after a change.
 * The rules are data: traffic follows the rules as last synced (not the API's
 * latest state), and `proxy-rules <node>` prints them iptables-save style.
 */
import { createHash } from 'node:crypto';
import type { Node, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Cluster } from '../cluster.js';
import type { Worker } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';

export const MIN_SYNC_PERIOD_MS = 1000;

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  pod?: string;
}

export interface ProxyServicePort {
  namespace: string;
  service: string;
  portName: string;
  protocol: string;
  clusterIP?: string;
  port: number;
  nodePort?: number;
  loadBalancerIPs: string[];
  externalTrafficPolicy: 'Cluster' | 'Local';
  internalTrafficPolicy: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  affinityTimeoutSeconds: number;
  endpoints: ProxyEndpoint[];
}

export interface ProxyTable {
  syncedAt: number;
  ports: ProxyServicePort[];
}

const proxies = new WeakMap<Cluster, KubeProxy>();

/** One Service's rows of the table, computed from these exact (immutable) objects. */
interface ServicePart {
  svc: Service & KObject;
  slices: (EndpointSlice & KObject)[];
  ports: ProxyServicePort[];
  json: string;
}

export function kubeProxyOf(cluster: Cluster): KubeProxy | undefined {
  return proxies.get(cluster);
}

export class KubeProxy implements Worker {
  readonly name = 'kube-proxy';
  private services: Informer<Service & KObject>;
  private slices: Informer<EndpointSlice & KObject>;
  private nodes: Informer<Node & KObject>;
  private table: ProxyTable = { syncedAt: 0, ports: [] };
  private tableJson: string | undefined;
  private memo = new Map<string, ServicePart>();
  private due = false;
  private scheduled = false;
  private lastSync = -Infinity;

  constructor(private readonly cluster: Cluster) {
    const inf = cluster.informers({ username: 'system:kube-proxy', groups: ['system:authenticated'] });
    this.services = inf.for('services');
    this.slices = inf.for('endpointslices.discovery.k8s.io');
    this.nodes = inf.for('nodes');
    const changed = () => this.schedule();
    this.services.on(changed);
    this.slices.on(changed);
    proxies.set(cluster, this);
  }

  private schedule(): void {
    if (this.scheduled || this.due) return;
    const wait = Math.max(0, this.lastSync + MIN_SYNC_PERIOD_MS - this.cluster.clock.now());
    if (wait === 0) {
      this.due = true;
      return;
    }
    this.scheduled = true;
    this.cluster.clock.setTimeout(() => {
      this.scheduled = false;
      this.due = true;
    }, wait, 'kube-proxy sync');
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    this.lastSync = this.cluster.clock.now();
    const before = (this.tableJson ??= JSON.stringify(this.table.ports));
    const { table: next, json } = this.compute();
    this.table = next;
    this.tableJson = json;
    if (json !== before) {
      const eps = next.ports.reduce((n, p) => n + p.endpoints.filter((e) => e.ready).length, 0);
      const svcs = new Set(next.ports.map((p) => `${p.namespace}/${p.service}`)).size;
      this.cluster.trace.note('kube-proxy', `synced iptables rules on ${this.nodes.size()} nodes: ${svcs} services, ${eps} ready endpoints`);
    }
  }

  rules(): ProxyTable {
    return this.table;
  }

  nodeNames(): string[] {
    return this.nodes.list().map((n) => n.metadata!.name!).sort();
  }

  /** The table and its JSON; each Service's part is reused while the Service and its slices are the same objects. */
  private compute(): { table: ProxyTable; json: string } {
    const ports: ProxyServicePort[] = [];
    const parts: string[] = [];
    const memo = new Map<string, ServicePart>();
    const slicesBySvc = new Map<string, (EndpointSlice & KObject)[]>();
    for (const s of this.slices.list()) {
      const k = `${s.metadata?.namespace}/${s.metadata?.labels?.['kubernetes.io/service-name'] ?? ''}`;
      if (!slicesBySvc.has(k)) slicesBySvc.set(k, []);
      slicesBySvc.get(k)!.push(s);
    }
    const services = this.services.list().sort((a, b) => (`${a.metadata!.namespace}/${a.metadata!.name}` < `${b.metadata!.namespace}/${b.metadata!.name}` ? -1 : 1));
    for (const svc of services) {
      const key = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
      const slices = slicesBySvc.get(key) ?? [];
      const prev = this.memo.get(key);
      const part = prev && prev.svc === svc && prev.slices.length === slices.length && prev.slices.every((x, i) => x === slices[i]) ? prev : this.servicePart(svc, slices);
      memo.set(key, part);
      ports.push(...part.ports);
      if (part.json) parts.push(part.json);
    }
    this.memo = memo;
    return { table: { syncedAt: this.cluster.clock.now(), ports }, json: `[${parts.join(',')}]` };
  }

  private servicePart(svc: Service & KObject, slices: (EndpointSlice & KObject)[]): ServicePart {
    const ports: ProxyServicePort[] = [];
    const spec = svc.spec ?? {};
    if (spec.type !== 'ExternalName') {
      for (const sp of spec.ports ?? []) {
        const name = sp.name ?? '';
        const protocol = sp.protocol ?? 'TCP';
        const endpoints: ProxyEndpoint[] = [];
        for (const slice of slices) {
          const port = (slice.ports ?? []).find((p) => (p.name ?? '') === name && (p.protocol ?? 'TCP') === protocol);
          if (!port?.port) continue;
          for (const e of slice.endpoints ?? []) {
            for (const ip of e.addresses) {
              endpoints.push({ ip, port: port.port, nodeName: e.nodeName, ready: e.conditions?.ready ?? true, serving: e.conditions?.serving ?? e.conditions?.ready ?? true, terminating: e.conditions?.terminating ?? false, pod: e.targetRef?.name });
            }
          }
        }
        endpoints.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
        ports.push({
          namespace: svc.metadata!.namespace!,
          service: svc.metadata!.name!,
          portName: name,
          protocol,
          clusterIP: spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined,
          port: sp.port,
          nodePort: sp.nodePort,
          loadBalancerIPs: (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(Boolean),
          externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
          internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
          sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
          affinityTimeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
          endpoints,
        });
      }
    }
    return { svc, slices, ports, json: ports.map((p) => JSON.stringify(p)).join(',') };
  }
}

/** kube-proxy's chain names: a hash of the service port, base32, 16 characters. */
export function chainName(prefix: string, id: string): string {
  const h = createHash('sha256').update(id).digest();
  const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let val = 0;
  let out = '';
  for (const byte of h) {
    val = (val << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += b32[(val >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}-${out}`;
}

/** The rules of one node, as `iptables-save -t nat` would show kube-proxy's part. */
export function rulesText(table: ProxyTable, node: string): string {
  const lines = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]'];
  const chains: string[] = [];
  const rules: string[] = [];
  for (const p of table.ports) {
    const id = `${p.namespace}/${p.service}${p.portName ? `:${p.portName}` : ''}`;
    const proto = p.protocol.toLowerCase();
    const svc = chainName('KUBE-SVC', `${id}/${proto}`);
    const ready = p.endpoints.filter((e) => e.ready);
    const usable = ready.length > 0 ? ready : p.endpoints.filter((e) => e.serving && e.terminating);
    if (p.clusterIP) {
      if (usable.length === 0) rules.push(`-A KUBE-SERVICES -d ${p.clusterIP}/32 -p ${proto} -m comment --comment "${id} has no endpoints" -m ${proto} --dport ${p.port} -j REJECT --reject-with icmp-port-unreachable`);
      else rules.push(`-A KUBE-SERVICES -d ${p.clusterIP}/32 -p ${proto} -m comment --comment "${id} cluster IP" -m ${proto} --dport ${p.port} -j ${svc}`);
    }
    for (const ip of p.loadBalancerIPs) rules.push(`-A KUBE-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment "${id} loadbalancer IP" -m ${proto} --dport ${p.port} -j ${chainName('KUBE-EXT', `${id}/${proto}`)}`);
    if (p.nodePort) {
      const local = p.externalTrafficPolicy === 'Local' ? usable.filter((e) => e.nodeName === node) : usable;
      if (local.length === 0) rules.push(`-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${id} has no local endpoints" -m ${proto} --dport ${p.nodePort} -j DROP`);
      else rules.push(`-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${id}" -m ${proto} --dport ${p.nodePort} -j ${chainName('KUBE-EXT', `${id}/${proto}`)}`);
    }
    if (usable.length === 0) continue;
    chains.push(`:${svc} - [0:0]`);
    const targets = p.internalTrafficPolicy === 'Local' ? usable.filter((e) => e.nodeName === node) : usable;
    targets.forEach((e, i) => {
      const sep = chainName('KUBE-SEP', `${id}/${proto}/${e.ip}:${e.port}`);
      chains.push(`:${sep} - [0:0]`);
      const left = targets.length - i;
      const prob = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
      const affinity = p.sessionAffinity === 'ClientIP' ? ` -m recent --name ${sep} --rcheck --seconds ${p.affinityTimeoutSeconds} --reap` : '';
      rules.push(`-A ${svc} -m comment --comment "${id} -> ${e.ip}:${e.port}"${affinity}${prob} -j ${sep}`);
      rules.push(`-A ${sep} -s ${e.ip}/32 -m comment --comment "${id}" -j KUBE-MARK-MASQ`);
      rules.push(`-A ${sep} -p ${proto} -m comment --comment "${id}" -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`);
    });
  }
  return [...lines, ...chains, ...rules, '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS', 'COMMIT'].join('\n');
}
