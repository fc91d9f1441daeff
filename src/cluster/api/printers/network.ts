/** Services and networking: Service, Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy. */
import { ageCol, ageOf, col, formatLabels, formatSelector, get, listWithMore, nameCol, printer, wideCol } from './common.js';

const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';

function lbStatus(ingress: { ip?: string; hostname?: string }[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

/** EXTERNAL-IP of a Service (`<none>`, `<pending>`, LB addresses, ExternalName). */
export function serviceExternalIP(o: unknown): string {
  const type = get(o, 'spec', 'type') as string | undefined;
  const externalIPs = (get(o, 'spec', 'externalIPs') ?? []) as string[];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(get(o, 'status', 'loadBalancer', 'ingress'));
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return String(get(o, 'spec', 'externalName') ?? '');
    default:
      return '<unknown>';
  }
}

export function servicePorts(ports: { port: number; nodePort?: number; protocol?: string }[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const printServices = printer(
  () => [
    nameCol(),
    col('Type', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
    col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'The list of ports that are exposed by this service.'),
    ageCol(),
    wideCol('Selector', 'Route service traffic to pods with label keys and values matching this selector.'),
  ],
  (o, now) => {
    const ips = (get(o, 'spec', 'clusterIPs') ?? []) as string[];
    return [name(o), String(get(o, 'spec', 'type') ?? ''), ips[0] ?? '<none>', serviceExternalIP(o), servicePorts(get(o, 'spec', 'ports')) || '<none>', ageOf(o, now), formatLabels(get(o, 'spec', 'selector'))];
  },
);

interface Subset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number }[];
}

/** formatEndpoints: `ip:port` for up to three, then `+ N more...`. */
export function formatEndpoints(subsets: Subset[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) if (list.length < 3) list.push(a.ip);
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) if (list.length < 3) list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
    }
  }
  return listWithMore(list, count, 3, '');
}

export const printEndpoints = printer(
  () => [nameCol(), col('Endpoints', 'The set of all endpoints is the union of all subsets.'), ageCol()],
  (o, now) => [name(o), formatEndpoints(get(o, 'subsets')), ageOf(o, now)],
);

export const printEndpointSlices = printer(
  () => [nameCol(), col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'), col('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice.'), col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'), ageCol()],
  (o, now) => {
    const ports = (get(o, 'ports') ?? []) as { port?: number; name?: string }[];
    const portList = ports.map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined ? p.name : '*'));
    const addrs = ((get(o, 'endpoints') ?? []) as { addresses?: string[] }[]).flatMap((e) => e.addresses ?? []);
    return [name(o), String(get(o, 'addressType') ?? ''), listWithMore(portList, portList.length, 3, '<unset>'), listWithMore(addrs, addrs.length, 3, '<unset>'), ageOf(o, now)];
  },
);

function formatHosts(rules: { host?: string }[] | undefined): string {
  const rs = rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const r of rs) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rs.length - 3} more...` : list.join(',');
}

export const printIngresses = printer(
  () => [
    nameCol(),
    col('Class', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  (o, now) => [
    name(o),
    (get(o, 'spec', 'ingressClassName') as string | undefined) ?? '<none>',
    formatHosts(get(o, 'spec', 'rules')),
    lbStatus(get(o, 'status', 'loadBalancer', 'ingress')),
    ((get(o, 'spec', 'tls') ?? []) as unknown[]).length ? '80, 443' : '80',
    ageOf(o, now),
  ],
);

export const printIngressClasses = printer(
  () => [nameCol(), col('Controller', 'Controller that is responsible for handling this class'), col('Parameters', 'A reference to a resource with additional parameters'), ageCol()],
  (o, now) => {
    const p = get(o, 'spec', 'parameters') as { kind: string; apiGroup?: string; name: string } | undefined;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [name(o), String(get(o, 'spec', 'controller') ?? ''), params, ageOf(o, now)];
  },
);

export const printNetworkPolicies = printer(
  () => [nameCol(), col('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies.'), ageCol()],
  (o, now) => [name(o), formatSelector(get(o, 'spec', 'podSelector') ?? {}), ageOf(o, now)],
);
