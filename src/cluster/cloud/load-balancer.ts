/**
 * Azure's side of LoadBalancer Services on AKS: each Service gets a frontend
 * on the node resource group's Standard load balancer (`kubernetes`, or
 * `kubernetes-internal` with the internal annotation), a public IP
 * `kubernetes-a<uid>` (internal: an address from the node subnet), a
 * load-balancing rule and health probe per port, and an NSG rule allowing
 * the ports. Deleting the Service removes them all.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { AzureCloud } from './cloud.js';
import type { ArmResource, ManagedCluster } from './types.js';
import type { LoadBalancerProvider } from '../services/load-balancer.js';

export const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
export const IPV4_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
/** Simulated time Azure takes to add a frontend (kubectl shows <pending> meanwhile). */
export const LB_PROVISION_MS = 12_000;

function frontendName(svc: Service): string {
  return `a${(svc.metadata?.uid ?? '').replace(/-/g, '')}`;
}

export function azureLoadBalancers(cloud: AzureCloud, mc: ManagedCluster): LoadBalancerProvider {
  const rg = mc.nodeResourceGroup;
  const net = (type: string, name: string) => `${cloud.rgId(rg)}/providers/Microsoft.Network/${type}/${name}`;
  const publicIps = new Map<string, string>();
  const privateIps = new Map<string, string>();
  const nsgName = `aks-agentpool-${mc.pools[0]?.vmssId ?? '00000000'}-nsg`;
  const subnet = () => cloud.vnets.find((v) => v.resourceGroup === mc.vnetResourceGroup && v.name === mc.vnetName)?.subnets.get(mc.nodeSubnet);
  return {
    ensure(svc, nodes) {
      const key = svc.metadata?.uid ?? '';
      const internal = svc.metadata?.annotations?.[INTERNAL_ANNOTATION] === 'true';
      const fe = frontendName(svc);
      let ip: string | undefined;
      if (internal) {
        ip = privateIps.get(key);
        if (!ip) {
          const wanted = svc.metadata?.annotations?.[IPV4_ANNOTATION];
          ip = subnet()?.allocate(`lb:${key}`);
          if (!ip) return { ok: false, reason: 'SubnetIsFull', message: `Subnet ${mc.nodeSubnet} has no free IP address for the internal load balancer frontend` };
          if (wanted) ip = wanted;
          privateIps.set(key, ip);
        }
      } else {
        ip = publicIps.get(key);
        if (!ip) {
          ip = `${[20, 52, 40, 172][cloud.rng.int(4)]}.${cloud.rng.int(256)}.${cloud.rng.int(256)}.${1 + cloud.rng.int(254)}`;
          publicIps.set(key, ip);
          const pip: ArmResource = { id: net('publicIPAddresses', `kubernetes-${fe}`), name: `kubernetes-${fe}`, type: 'Microsoft.Network/publicIPAddresses', location: mc.location, resourceGroup: rg, sku: { name: 'Standard', tier: 'Regional' }, tags: { 'k8s-azure-service': `${svc.metadata?.namespace}/${svc.metadata?.name}`, 'k8s-azure-cluster-name': 'kubernetes' }, properties: { ipAddress: ip, publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' } };
          cloud.addResource(pip);
        }
      }
      const lbName = internal ? 'kubernetes-internal' : 'kubernetes';
      const lbId = net('loadBalancers', lbName);
      const existing = cloud.resources.find((r) => r.id === lbId);
      const props = (existing?.properties ?? { frontendIPConfigurations: [], loadBalancingRules: [], probes: [], backendAddressPools: [{ name: 'kubernetes', backends: [] }] }) as {
        frontendIPConfigurations: { name: string; ip: string; service: string }[];
        loadBalancingRules: { name: string; frontendPort: number; backendPort: number; protocol: string; probe: string; frontend: string }[];
        probes: { name: string; protocol: string; port: number; requestPath?: string; intervalInSeconds: number; numberOfProbes: number; frontend: string }[];
        backendAddressPools: { name: string; backends: string[] }[];
      };
      props.frontendIPConfigurations = [...props.frontendIPConfigurations.filter((f) => f.name !== fe), { name: fe, ip, service: `${svc.metadata?.namespace}/${svc.metadata?.name}` }];
      props.loadBalancingRules = props.loadBalancingRules.filter((r) => r.frontend !== fe);
      props.probes = props.probes.filter((p) => p.frontend !== fe);
      const local = svc.spec?.externalTrafficPolicy === 'Local';
      for (const p of svc.spec?.ports ?? []) {
        const proto = p.protocol ?? 'TCP';
        const name = `${fe}-${proto}-${p.port}`;
        props.loadBalancingRules.push({ name, frontendPort: p.port, backendPort: p.nodePort ?? p.port, protocol: proto, probe: name, frontend: fe });
        if (proto !== 'UDP' || local) props.probes.push(local ? { name, protocol: 'Http', port: svc.spec?.healthCheckNodePort ?? 0, requestPath: '/healthz', intervalInSeconds: 5, numberOfProbes: 2, frontend: fe } : { name, protocol: 'Tcp', port: p.nodePort ?? p.port, intervalInSeconds: 5, numberOfProbes: 2, frontend: fe });
      }
      props.backendAddressPools = [{ name: 'kubernetes', backends: [...nodes].sort() }];
      cloud.addResource({ id: lbId, name: lbName, type: 'Microsoft.Network/loadBalancers', location: mc.location, resourceGroup: rg, sku: { name: 'Standard', tier: 'Regional' }, properties: props });
      if (!internal) {
        const nsgId = net('networkSecurityGroups', nsgName);
        const nsg = cloud.resources.find((r) => r.id === nsgId);
        const rules = ((nsg?.properties?.securityRules as { name: string }[] | undefined) ?? []).filter((r) => !r.name.includes(`_${fe}-`));
        (svc.spec?.ports ?? []).forEach((p, i) => {
          rules.push({
            name: `k8s-azure-lb_allow_IPv4_${fe}-${p.protocol ?? 'TCP'}-${p.port}`,
            priority: 500 + rules.length + i,
            direction: 'Inbound',
            access: 'Allow',
            protocol: (p.protocol ?? 'TCP') === 'TCP' ? 'Tcp' : 'Udp',
            sourceAddressPrefixes: svc.spec?.loadBalancerSourceRanges?.length ? svc.spec.loadBalancerSourceRanges : ['Internet'],
            sourcePortRange: '*',
            destinationAddressPrefix: ip,
            destinationPortRange: String(p.port),
          } as { name: string });
        });
        cloud.addResource({ id: nsgId, name: nsgName, type: 'Microsoft.Network/networkSecurityGroups', location: mc.location, resourceGroup: rg, properties: { securityRules: rules } });
      }
      return { ok: true, status: { ip, provisionMs: LB_PROVISION_MS } };
    },
    remove(svc) {
      const key = svc.metadata?.uid ?? '';
      const fe = frontendName(svc);
      for (const lbName of ['kubernetes', 'kubernetes-internal']) {
        const lb = cloud.resources.find((r) => r.id === net('loadBalancers', lbName));
        if (!lb?.properties) continue;
        const p = lb.properties as { frontendIPConfigurations: { name: string }[]; loadBalancingRules: { frontend: string }[]; probes: { frontend: string }[] };
        p.frontendIPConfigurations = p.frontendIPConfigurations.filter((f) => f.name !== fe);
        p.loadBalancingRules = p.loadBalancingRules.filter((r) => r.frontend !== fe);
        p.probes = p.probes.filter((r) => r.frontend !== fe);
        if (p.frontendIPConfigurations.length === 0 && lbName === 'kubernetes-internal') cloud.removeResource(lb.id);
      }
      cloud.removeResource(net('publicIPAddresses', `kubernetes-${fe}`));
      publicIps.delete(key);
      const priv = privateIps.get(key);
      if (priv) {
        subnet()?.release(priv);
        privateIps.delete(key);
      }
      const nsg = cloud.resources.find((r) => r.id === net('networkSecurityGroups', nsgName));
      if (nsg?.properties) nsg.properties.securityRules = ((nsg.properties.securityRules as { name: string }[] | undefined) ?? []).filter((r) => !r.name.includes(`_${fe}-`));
    },
  };
}
