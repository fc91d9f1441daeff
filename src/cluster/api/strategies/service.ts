/**
 * The Service strategy: defaults and port validation. ClusterIP and NodePort
 * allocation belong to the Services component; an explicit clusterIP is
 * accepted and checked here.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { duplicate, inRange, invalidValue, notSupported, required } from '../validation/common.js';
import { portNameErrors } from '../validation/pod-spec.js';
import { nameErrors } from '../validation/names.js';
import { labelErrors } from '../validation/names.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

function isIp(s: string): boolean {
  return IPV4.test(s) || (/^[0-9a-fA-F:]+$/.test(s) && s.includes(':'));
}

export const serviceStrategies: StrategyMap = {
  '/services': {
    defaults(o, _ctx, old) {
      const svc = o as Service & KObject;
      svc.spec ??= {};
      const s = svc.spec as NonNullable<Service['spec']> & Record<string, unknown>;
      s.type ??= 'ClusterIP';
      s.sessionAffinity ??= 'None';
      if (s.sessionAffinity === 'ClientIP') {
        s.sessionAffinityConfig ??= {};
        s.sessionAffinityConfig.clientIP ??= {};
        s.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
      }
      for (const p of s.ports ?? []) {
        p.protocol ??= 'TCP';
        if (s.type !== 'ExternalName') p.targetPort ??= p.port;
      }
      if (s.type !== 'ExternalName') {
        if (s.clusterIP && !s.clusterIPs) s.clusterIPs = [s.clusterIP];
        const headlessNoSelector = s.clusterIP === 'None' && !s.selector;
        s.ipFamilyPolicy ??= headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
        s.ipFamilies ??= ['IPv4'];
        s.internalTrafficPolicy ??= 'Cluster';
      }
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
      if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
      // On update the allocated addresses carry over when the client omits them.
      const os = (old as Service | undefined)?.spec;
      if (os && s.type !== 'ExternalName') {
        if (s.clusterIP === undefined && os.clusterIP) s.clusterIP = os.clusterIP;
        if (s.clusterIPs === undefined && os.clusterIPs) s.clusterIPs = os.clusterIPs;
        for (const p of s.ports ?? []) {
          const was = (os.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol);
          if (p.nodePort === undefined && was?.nodePort && (s.type === 'NodePort' || s.type === 'LoadBalancer')) p.nodePort = was.nodePort;
        }
      }
      if (!old) (svc as KObject).status ??= { loadBalancer: {} };
    },
    validate(o, _ctx, old) {
      const svc = o as Service & KObject;
      const s = svc.spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [];
      if (s.type && !TYPES.includes(s.type)) errs.push(notSupported('spec.type', s.type, TYPES));
      const ports = s.ports ?? [];
      if (s.type === 'ExternalName') {
        if (!s.externalName) errs.push(required('spec.externalName'));
        if (s.clusterIP && s.clusterIP !== 'None') errs.push(invalidValue('spec.clusterIPs', s.clusterIPs ?? [s.clusterIP], 'must be empty for ExternalName services'));
      } else if (ports.length === 0 && s.clusterIP !== 'None') errs.push(required('spec.ports'));
      errs.push(...portsErrors(ports, s.type ?? 'ClusterIP'));
      if (s.selector) errs.push(...labelErrors(s.selector, 'spec.selector'));
      (s.clusterIPs ?? (s.clusterIP ? [s.clusterIP] : [])).forEach((ip, i) => {
        if (ip !== 'None' && ip !== '' && !isIp(ip)) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, IP_MSG));
      });
      if (s.clusterIP === 'None' && (s.type === 'NodePort' || s.type === 'LoadBalancer')) errs.push(invalidValue('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${s.type} services`));
      if (s.sessionAffinity && !['ClientIP', 'None'].includes(s.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
      const tsec = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
      if (tsec !== undefined) errs.push(...inRange(tsec, 1, 86400, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds').map((e) => ({ ...e, detail: 'must be greater than 0 and less than 86400' })));
      if (s.externalTrafficPolicy && !['Cluster', 'Local'].includes(s.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, ['Cluster', 'Local']));
      if (s.externalTrafficPolicy && s.type !== 'NodePort' && s.type !== 'LoadBalancer') errs.push(invalidValue('spec.externalTrafficPolicy', s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
      if (s.internalTrafficPolicy && !['Cluster', 'Local'].includes(s.internalTrafficPolicy)) errs.push(notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, ['Cluster', 'Local']));
      const os = (old as Service | undefined)?.spec;
      if (os && os.clusterIPs?.length && s.type !== 'ExternalName' && os.type !== 'ExternalName') {
        const was = os.clusterIPs;
        const now = s.clusterIPs ?? [];
        if (now[0] !== was[0]) errs.push(invalidValue('spec.clusterIPs[0]', now, 'may not change once set'));
      }
      return errs;
    },
  },
};

function portsErrors(ports: ServicePort[], type: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${f}.name`));
    if (p.name) {
      // A Service port name is a DNS-1123 label (`80-80` from `kubectl create service` is valid); only targetPort names follow IANA_SVC_NAME.
      errs.push(...nameErrors(p.name, 'label', `${f}.name`));
      if (names.has(p.name)) errs.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (p.port === undefined) errs.push(required(`${f}.port`));
    else errs.push(...inRange(p.port, 1, 65535, `${f}.port`));
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
    const tp = p.targetPort;
    if (typeof tp === 'number') errs.push(...inRange(tp, 1, 65535, `${f}.targetPort`));
    else if (typeof tp === 'string') errs.push(...portNameErrors(tp, `${f}.targetPort`));
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') errs.push({ type: 'Forbidden', field: `${f}.nodePort`, detail: 'may not be used when `type` is \'ClusterIP\'' });
      else errs.push(...inRange(p.nodePort, 1, 65535, `${f}.nodePort`));
      const nk = `${p.nodePort}/${p.protocol ?? 'TCP'}`;
      if (nodePorts.has(nk)) errs.push(duplicate(`${f}.nodePort`, p.nodePort));
      nodePorts.add(nk);
    }
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (seen.has(key)) errs.push(duplicate(f, { port: p.port, protocol: p.protocol ?? 'TCP' }));
    seen.add(key);
  });
  return errs;
}
