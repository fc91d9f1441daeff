/**
 * The `kubernetes` Service in `default` (the first address of the service
 * CIDR, port 443) and its endpoints, pointing at the API server, as
 * kube-apiserver maintains them.
 */
import type { Cluster } from '../cluster.js';
import { networkOf } from './network-config.js';
import { cidrRange } from './allocator.js';
import { intToIp } from '../node/machine.js';

const APISERVER = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

export function ensureKubernetesService(cluster: Cluster): void {
  const c = cluster.client(APISERVER);
  const net = networkOf(cluster);
  const ip = intToIp(cidrRange(net.serviceCidr).first + 1);
  c.create('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }], sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
  });
  c.create('endpoints', 'default', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: net.apiServerIP }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
  });
  c.create('endpointslices.discovery.k8s.io', 'default', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [net.apiServerIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
  });
}
