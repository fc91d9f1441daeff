/**
 * Azure's side of kubedojo: one subscription with resource groups, managed
 * clusters, VNets and the generic resources other issues add (load
 * balancers, public IPs, disks). It lives on the World (`world.cloud`), not
 * on any one Cluster, because `az aks create` makes more clusters.
 */
import type { World } from '../world.js';
import { Random } from '../random.js';
import type { ArmResource, ManagedCluster, VNet } from './types.js';
import { guid } from './names.js';
import { AzureSubnet } from './ipam.js';

export interface ResourceGroup {
  name: string;
  location: string;
  managedBy?: string;
}

export class AzureCloud {
  readonly rng: Random;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly groups = new Map<string, ResourceGroup>();
  readonly clusters: ManagedCluster[] = [];
  readonly vnets: VNet[] = [];
  /** Resources added by other parts of kubedojo (LBs, public IPs, disks, NSG rules). */
  readonly resources: ArmResource[] = [];

  constructor(readonly world: World) {
    this.rng = new Random(world.seed).fork('azure');
    this.subscriptionId = guid(this.rng);
    this.tenantId = guid(this.rng);
  }

  group(name: string): ResourceGroup | undefined {
    return this.groups.get(name.toLowerCase());
  }

  ensureGroup(name: string, location: string, managedBy?: string): ResourceGroup {
    let g = this.group(name);
    if (!g) this.groups.set(name.toLowerCase(), (g = { name, location, ...(managedBy ? { managedBy } : {}) }));
    return g;
  }

  removeGroup(name: string): void {
    this.groups.delete(name.toLowerCase());
    for (let i = this.vnets.length - 1; i >= 0; i--) if (this.vnets[i]!.resourceGroup.toLowerCase() === name.toLowerCase()) this.vnets.splice(i, 1);
    for (let i = this.resources.length - 1; i >= 0; i--) if (this.resources[i]!.resourceGroup.toLowerCase() === name.toLowerCase()) this.resources.splice(i, 1);
  }

  cluster(rg: string, name: string): ManagedCluster | undefined {
    return this.clusters.find((c) => c.resourceGroup.toLowerCase() === rg.toLowerCase() && c.name.toLowerCase() === name.toLowerCase());
  }

  /** The managed cluster running a given Kubernetes cluster. */
  clusterFor(k8sName: string): ManagedCluster | undefined {
    return this.clusters.find((c) => c.cluster.name === k8sName);
  }

  vnet(rg: string, name: string): VNet | undefined {
    return this.vnets.find((v) => v.resourceGroup.toLowerCase() === rg.toLowerCase() && v.name.toLowerCase() === name.toLowerCase());
  }

  addVnet(rg: string, name: string, location: string, prefixes: string[], subnets: [string, string][]): VNet {
    const v: VNet = { name, resourceGroup: rg, location, addressPrefixes: prefixes, subnets: new Map() };
    for (const [sn, prefix] of subnets) v.subnets.set(sn, new AzureSubnet(sn, prefix, name));
    this.vnets.push(v);
    return v;
  }

  /** `/subscriptions/…/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/V/subnets/S` → the subnet. */
  subnetById(id: string): { vnet: VNet; subnet: AzureSubnet } | undefined {
    const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
    if (!m) return undefined;
    const vnet = this.vnet(m[1]!, m[2]!);
    const subnet = vnet ? [...vnet.subnets.values()].find((s) => s.name.toLowerCase() === m[3]!.toLowerCase()) : undefined;
    return vnet && subnet ? { vnet, subnet } : undefined;
  }

  subnetId(vnet: VNet, subnet: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${vnet.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${vnet.name}/subnets/${subnet}`;
  }

  rgId(rg: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${rg}`;
  }

  addResource(r: ArmResource): void {
    this.removeResource(r.id);
    this.resources.push(r);
  }

  removeResource(id: string): void {
    const i = this.resources.findIndex((r) => r.id.toLowerCase() === id.toLowerCase());
    if (i >= 0) this.resources.splice(i, 1);
  }
}

/** The World's Azure cloud (created on first use). */
export function cloudOf(world: World): AzureCloud {
  world.cloud ??= new AzureCloud(world);
  return world.cloud;
}
