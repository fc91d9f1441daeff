/**
 * ClusterIP and NodePort allocation, as the API server does it when a Service
 * is created or changes type: ClusterIPs from the service CIDR (the first
 * address for `kubernetes`, the DNS IP reserved), NodePorts from 30000–32767,
 * explicit values checked for range and conflicts with upstream's messages.
 * State is derived from the stored Services, so it survives nothing else.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin } from '../api/admission.js';
import type { Cluster } from '../cluster.js';
import { internalError, invalid, type FieldError } from '../api/status.js';
import { intToIp, ipToInt } from '../node/machine.js';
import type { Random } from '../random.js';
import { networkOf } from './network-config.js';

export function cidrRange(cidr: string): { first: number; size: number } {
  const [base, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  return { first: (ipToInt(base) & ~(size - 1)) >>> 0, size };
}

function usedClusterIPs(services: Service[]): Set<string> {
  const s = new Set<string>();
  for (const svc of services) for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) if (ip && ip !== 'None') s.add(ip);
  return s;
}

function usedNodePorts(services: Service[], except?: string): Set<number> {
  const s = new Set<number>();
  for (const svc of services) {
    if (except && `${svc.metadata?.namespace}/${svc.metadata?.name}` === except) continue;
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) s.add(p.nodePort);
    if (svc.spec?.healthCheckNodePort) s.add(svc.spec.healthCheckNodePort);
  }
  return s;
}

/** Upstream's ClusterIP allocator: a random free address (seeded here), never the network or broadcast. */
export function allocateClusterIP(cidr: string, used: Set<string>, rng: Random, reserved: string[]): string | undefined {
  const { first, size } = cidrRange(cidr);
  const taken = (ip: string) => used.has(ip) || reserved.includes(ip);
  const start = 1 + rng.int(size - 2);
  for (let i = 0; i < size - 2; i++) {
    const off = 1 + ((start - 1 + i) % (size - 2));
    const ip = intToIp(first + off);
    if (!taken(ip)) return ip;
  }
  return undefined;
}

export function serviceAllocator(cluster: Cluster): AdmissionPlugin {
  const rng = cluster.rng.fork('service-allocator');
  return {
    name: 'ServiceIPAllocator',
    admit(a) {
      if (a.def.plural !== 'services' || a.subresource || !a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return undefined;
      const svc = a.object as unknown as Service;
      const spec = (svc.spec ??= {});
      const net = networkOf(cluster);
      const others = (a.ctx.list('services', '', undefined) as unknown as Service[]).filter((s) => !(s.metadata?.namespace === a.namespace && s.metadata?.name === svc.metadata?.name));
      const type = spec.type ?? 'ClusterIP';
      const old = a.old as unknown as Service | undefined;
      const errs: FieldError[] = [];
      // ClusterIP
      if (type === 'ExternalName') {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      } else if (old?.spec?.clusterIP && (spec.clusterIP === undefined || spec.clusterIP === '')) {
        spec.clusterIP = old.spec.clusterIP;
        spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
      } else if (!spec.clusterIP) {
        const reserved = a.namespace === 'kube-system' && svc.metadata?.name === 'kube-dns' ? [] : [net.dnsServiceIP];
        const ip = allocateClusterIP(net.serviceCidr, usedClusterIPs(others), rng, [...reserved, intToIp(cidrRange(net.serviceCidr).first + 1)]);
        if (!ip) return internalError('failed to allocate a serviceIP: range is full');
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else if (spec.clusterIP !== 'None' && spec.clusterIP !== old?.spec?.clusterIP) {
        const { first, size } = cidrRange(net.serviceCidr);
        const n = ipToInt(spec.clusterIP);
        if (!/^\d+\.\d+\.\d+\.\d+$/.test(spec.clusterIP) || n <= first || n >= first + size - 1) {
          errs.push({ type: 'Invalid', field: 'spec.clusterIPs', value: [spec.clusterIP], detail: `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${net.serviceCidr}` });
        } else if (usedClusterIPs(others).has(spec.clusterIP)) {
          errs.push({ type: 'Invalid', field: 'spec.clusterIPs', value: [spec.clusterIP], detail: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` });
        }
        spec.clusterIPs = [spec.clusterIP];
      } else if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
      if (type !== 'ExternalName') {
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
      }
      // NodePorts
      const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
      const taken = usedNodePorts(others);
      const [lo, hi] = net.nodePortRange;
      const pick = (): number | undefined => {
        const start = lo + rng.int(hi - lo + 1);
        for (let i = 0; i <= hi - lo; i++) {
          const p = lo + ((start - lo + i) % (hi - lo + 1));
          if (!taken.has(p)) return p;
        }
        return undefined;
      };
      (spec.ports ?? []).forEach((p: ServicePort, i) => {
        if (!wantsNodePorts) {
          if (type === 'ClusterIP' || type === 'ExternalName') delete p.nodePort;
          return;
        }
        const oldPort = old?.spec?.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
        if (!p.nodePort && oldPort) p.nodePort = oldPort;
        if (p.nodePort) {
          if (p.nodePort < lo || p.nodePort > hi) errs.push({ type: 'Invalid', field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}` });
          else if (taken.has(p.nodePort) && p.nodePort !== oldPort) errs.push({ type: 'Invalid', field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: 'provided port is already allocated' });
          taken.add(p.nodePort);
          return;
        }
        const port = pick();
        if (port === undefined) return errs.push({ type: 'Invalid', field: `spec.ports[${i}].nodePort`, value: 0, detail: 'range is full' });
        p.nodePort = port;
        taken.add(port);
      });
      if (type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) spec.healthCheckNodePort = pick();
      if (errs.length) return invalid('Service', '', svc.metadata?.name ?? '', errs);
      return undefined;
    },
  };
}
