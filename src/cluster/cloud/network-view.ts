/**
 * The node resource group's networking as ARM returns it: the Standard load
 * balancer `kubernetes` (its outbound frontend, backend pools and outbound
 * rule exist from cluster creation; each LoadBalancer Service adds a
 * frontend, rules and probes), `kubernetes-internal`, the public IPs and the
 * agent pool NSG with AKS's default rules plus the `k8s-azure-lb_allow_*`
 * rules. Built from world.cloud's resources, in Azure's JSON shapes.
 */
import type { AzureCloud } from './cloud.js';
import type { ArmResource, ManagedCluster } from './types.js';

type J = Record<string, unknown>;
interface Fe { name: string; ip: string; service: string }
interface Rule { name: string; frontendPort: number; backendPort: number; protocol: string; probe: string; frontend: string }
interface Probe { name: string; protocol: string; port: number; requestPath?: string; intervalInSeconds: number; numberOfProbes: number; frontend: string }

const ETAG = 'W/"00000000-0000-0000-0000-000000000000"';

export function outboundIpName(mc: ManagedCluster): string {
  return `${mc.principalId.slice(0, 8)}-${mc.principalId.slice(9, 13)}-outbound`;
}

export function nsgName(mc: ManagedCluster): string {
  return `aks-agentpool-${mc.pools[0]?.vmssId ?? '00000000'}-nsg`;
}

function guidOf(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < 32; i++) {
    h = Math.imul(h ^ (i + 1), 16777619) >>> 0;
    out.push(((h >>> 7) & 15).toString(16));
  }
  const x = out.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export class NodeNetwork {
  readonly rg: string;
  private readonly base: string;

  constructor(
    private readonly cloud: AzureCloud,
    private readonly mc: ManagedCluster,
  ) {
    this.rg = mc.nodeResourceGroup;
    this.base = `${cloud.rgId(this.rg)}/providers/Microsoft.Network`;
  }

  private res(type: string, name: string): ArmResource | undefined {
    const id = `${this.base}/${type}/${name}`.toLowerCase();
    return this.cloud.resources.find((r) => r.id.toLowerCase() === id);
  }

  private sub(lb: string, kind: string, name: string): J {
    return { id: `${this.base}/loadBalancers/${lb}/${kind}/${name}` };
  }

  private child(lb: string, kind: string, type: string, name: string, body: J): J {
    return { etag: ETAG, id: `${this.base}/loadBalancers/${lb}/${kind}/${name}`, name, provisioningState: 'Succeeded', resourceGroup: this.rg, type: `Microsoft.Network/loadBalancers/${type}`, ...body };
  }

  lbNames(): string[] {
    return ['kubernetes', ...(this.res('loadBalancers', 'kubernetes-internal') ? ['kubernetes-internal'] : [])];
  }

  loadBalancer(name: string): J | undefined {
    const internal = name === 'kubernetes-internal';
    const r = this.res('loadBalancers', name);
    if (!r && internal) return undefined;
    if (name !== 'kubernetes' && !internal) return undefined;
    const p = (r?.properties ?? {}) as { frontendIPConfigurations?: Fe[]; loadBalancingRules?: Rule[]; probes?: Probe[]; backendAddressPools?: { name: string; backends: string[] }[] };
    const fes = p.frontendIPConfigurations ?? [];
    const rules = p.loadBalancingRules ?? [];
    const probes = p.probes ?? [];
    const outbound = outboundIpName(this.mc);
    const pools = internal ? ['kubernetes'] : ['kubernetes', 'aksOutboundBackendPool'];
    const frontends: J[] = [];
    if (!internal) {
      frontends.push(this.child(name, 'frontendIPConfigurations', 'frontendIPConfigurations', outbound, { outboundRules: [this.sub(name, 'outboundRules', 'aksOutboundRule')], privateIPAllocationMethod: 'Dynamic', publicIPAddress: { id: `${this.base}/publicIPAddresses/${outbound}`, resourceGroup: this.rg } }));
    }
    for (const f of fes) {
      const lbr = rules.filter((x) => x.frontend === f.name).map((x) => this.sub(name, 'loadBalancingRules', x.name));
      frontends.push(
        this.child(name, 'frontendIPConfigurations', 'frontendIPConfigurations', f.name, {
          loadBalancingRules: lbr,
          privateIPAllocationMethod: internal ? 'Dynamic' : 'Dynamic',
          ...(internal ? { privateIPAddress: f.ip, privateIPAddressVersion: 'IPv4', subnet: { id: this.cloud.subnetId(this.cloud.vnets.find((v) => v.name === this.mc.vnetName && v.resourceGroup === this.mc.vnetResourceGroup)!, this.mc.nodeSubnet), resourceGroup: this.mc.vnetResourceGroup } } : { publicIPAddress: { id: `${this.base}/publicIPAddresses/kubernetes-${f.name}`, resourceGroup: this.rg } }),
        }),
      );
    }
    const backendPools = pools.map((b) =>
      this.child(name, 'backendAddressPools', 'backendAddressPools', b, {
        ...(b === 'kubernetes' ? { loadBalancingRules: rules.map((x) => this.sub(name, 'loadBalancingRules', x.name)) } : { outboundRule: this.sub(name, 'outboundRules', 'aksOutboundRule') }),
        loadBalancerBackendAddresses: (p.backendAddressPools?.[0]?.backends ?? this.mc.cluster?.store.list('/registry/minions').map((e) => e.value.metadata!.name!) ?? []).map((n) => this.backendAddress(n)),
      }),
    );
    return {
      backendAddressPools: backendPools,
      etag: ETAG,
      frontendIPConfigurations: frontends,
      id: `${this.base}/loadBalancers/${name}`,
      inboundNatPools: [],
      inboundNatRules: [],
      loadBalancingRules: rules.map((x) =>
        this.child(name, 'loadBalancingRules', 'loadBalancingRules', x.name, {
          backendAddressPool: this.sub(name, 'backendAddressPools', 'kubernetes'),
          backendAddressPools: [this.sub(name, 'backendAddressPools', 'kubernetes')],
          backendPort: x.backendPort,
          disableOutboundSnat: !internal,
          enableFloatingIP: true,
          enableTcpReset: true,
          frontendIPConfiguration: this.sub(name, 'frontendIPConfigurations', x.frontend),
          frontendPort: x.frontendPort,
          idleTimeoutInMinutes: 4,
          loadDistribution: 'Default',
          probe: this.sub(name, 'probes', x.probe),
          protocol: x.protocol === 'UDP' ? 'Udp' : 'Tcp',
        }),
      ),
      location: this.mc.location,
      name,
      outboundRules: internal
        ? []
        : [this.child(name, 'outboundRules', 'outboundRules', 'aksOutboundRule', { allocatedOutboundPorts: 0, backendAddressPool: this.sub(name, 'backendAddressPools', 'aksOutboundBackendPool'), enableTcpReset: true, frontendIPConfigurations: [this.sub(name, 'frontendIPConfigurations', outbound)], idleTimeoutInMinutes: 30, protocol: 'All' })],
      probes: probes.map((x) =>
        this.child(name, 'probes', 'probes', x.name, {
          intervalInSeconds: x.intervalInSeconds,
          loadBalancingRules: rules.filter((r) => r.probe === x.name).map((r) => this.sub(name, 'loadBalancingRules', r.name)),
          numberOfProbes: x.numberOfProbes,
          port: x.port,
          probeThreshold: 1,
          protocol: x.protocol,
          ...(x.requestPath ? { requestPath: x.requestPath } : {}),
        }),
      ),
      provisioningState: 'Succeeded',
      resourceGroup: this.rg,
      resourceGuid: guidOf(`${this.rg}/${name}`),
      sku: { name: 'Standard', tier: 'Regional' },
      tags: { 'aks-managed-cluster-name': this.mc.name, 'aks-managed-cluster-rg': this.mc.resourceGroup },
      type: 'Microsoft.Network/loadBalancers',
    };
  }

  private backendAddress(node: string): J {
    const vmss = node.replace(/[0-9a-z]{6}$/, '');
    const idx = parseInt(node.slice(-6), 36);
    return { name: `${this.rg.toLowerCase()}_${vmss}_${idx}`, networkInterfaceIPConfiguration: { id: `${this.cloud.rgId(this.rg)}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmss}/virtualMachines/${idx}/networkInterfaces/${vmss}/ipConfigurations/ipconfig1`, resourceGroup: this.rg } };
  }

  publicIps(): J[] {
    const ip = (name: string, address: string, extraTags: Record<string, string>, ipConfig: string): J => ({
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
      etag: ETAG,
      id: `${this.base}/publicIPAddresses/${name}`,
      idleTimeoutInMinutes: 4,
      ipAddress: address,
      ipConfiguration: { id: ipConfig, resourceGroup: this.rg },
      ipTags: [],
      location: this.mc.location,
      name,
      provisioningState: 'Succeeded',
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      resourceGroup: this.rg,
      resourceGuid: guidOf(`${this.rg}/${name}`),
      sku: { name: 'Standard', tier: 'Regional' },
      tags: { 'aks-managed-cluster-name': this.mc.name, 'aks-managed-cluster-rg': this.mc.resourceGroup, ...extraTags },
      type: 'Microsoft.Network/publicIPAddresses',
      zones: ['1', '2', '3'],
    });
    const out = [ip(outboundIpName(this.mc), this.outboundAddress(), { 'aks-managed-type': 'aks-slb-managed-outbound-ip' }, `${this.base}/loadBalancers/kubernetes/frontendIPConfigurations/${outboundIpName(this.mc)}`)];
    for (const r of this.cloud.resources) {
      if (r.type !== 'Microsoft.Network/publicIPAddresses' || r.resourceGroup.toLowerCase() !== this.rg.toLowerCase()) continue;
      const fe = r.name.replace(/^kubernetes-/, '');
      out.push(ip(r.name, String(r.properties?.ipAddress ?? ''), { ...(r.tags ?? {}) }, `${this.base}/loadBalancers/kubernetes/frontendIPConfigurations/${fe}`));
    }
    return out.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }

  private outboundAddress(): string {
    const h = parseInt(guidOf(`${this.rg}/outbound`).replace(/-/g, '').slice(0, 8), 16);
    return `${[20, 52, 40][h % 3]}.${(h >>> 8) & 255}.${(h >>> 16) & 255}.${1 + ((h >>> 24) % 254)}`;
  }

  nsg(): J {
    const name = nsgName(this.mc);
    const id = `${this.base}/networkSecurityGroups/${name}`;
    const own = ((this.res('networkSecurityGroups', name)?.properties?.securityRules as J[] | undefined) ?? []).map((r) => ({ ...r }));
    const rule = (r: J): J => ({
      access: 'Allow',
      destinationAddressPrefixes: [],
      destinationPortRanges: [],
      direction: 'Inbound',
      etag: ETAG,
      id: `${id}/securityRules/${String(r.name)}`,
      provisioningState: 'Succeeded',
      resourceGroup: this.rg,
      sourceAddressPrefixes: [],
      sourcePortRanges: [],
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
      ...r,
    });
    const securityRules = own.map((r) => {
      const src = r.sourceAddressPrefixes as string[] | undefined;
      const one = src && src.length === 1;
      return rule({ ...r, ...(one ? { sourceAddressPrefix: src[0], sourceAddressPrefixes: [] } : {}) });
    });
    const defaults = [
      ['AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork', 'Allow inbound traffic from all VMs in VNET'],
      ['AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*', 'Allow inbound traffic from azure load balancer'],
      ['DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', 'Deny all inbound traffic'],
      ['AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork', 'Allow outbound traffic from all VMs to all VMs in VNET'],
      ['AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet', 'Allow outbound traffic from all VMs to Internet'],
      ['DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', 'Deny all outbound traffic'],
    ].map(([n, priority, direction, access, src, dst, description]) =>
      ({ access, description, destinationAddressPrefix: dst, destinationAddressPrefixes: [], destinationPortRange: '*', destinationPortRanges: [], direction, etag: ETAG, id: `${id}/defaultSecurityRules/${String(n)}`, name: n, priority, protocol: '*', provisioningState: 'Succeeded', resourceGroup: this.rg, sourceAddressPrefix: src, sourceAddressPrefixes: [], sourcePortRange: '*', sourcePortRanges: [], type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules' }) as J,
    );
    return {
      defaultSecurityRules: defaults,
      etag: ETAG,
      id,
      location: this.mc.location,
      name,
      provisioningState: 'Succeeded',
      resourceGroup: this.rg,
      resourceGuid: guidOf(`${this.rg}/${name}`),
      securityRules,
      subnets: [{ id: this.cloud.subnetId(this.cloud.vnets.find((v) => v.name === this.mc.vnetName && v.resourceGroup === this.mc.vnetResourceGroup)!, this.mc.nodeSubnet), resourceGroup: this.mc.vnetResourceGroup }],
      tags: { 'aks-managed-cluster-name': this.mc.name, 'aks-managed-cluster-rg': this.mc.resourceGroup },
      type: 'Microsoft.Network/networkSecurityGroups',
    };
  }
}

/** The managed cluster whose node resource group this is, if any. */
export function clusterForNodeGroup(cloud: AzureCloud, rg: string): ManagedCluster | undefined {
  return cloud.clusters.find((c) => c.nodeResourceGroup.toLowerCase() === rg.toLowerCase());
}
