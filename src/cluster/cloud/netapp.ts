/**
 * Azure NetApp Files, kept small: NetApp accounts, capacity pools (size in
 * TiB, service level Standard/Premium/Ultra) and volumes carved out of a
 * pool's capacity. AKS reaches them through NetApp Trident
 * (`csi.trident.netapp.io`, facts/aks.md §5.3): kubedojo plays Trident with
 * an `azure-netapp-files` backend once a capacity pool exists in the
 * cluster's region, and installs its `azurenetappfiles` StorageClass.
 */
import type { AzureCloud } from './cloud.js';
import type { ArmResource } from './types.js';
import { guid } from './names.js';

export const ACCOUNT_TYPE = 'Microsoft.NetApp/netAppAccounts';
export const POOL_TYPE = 'Microsoft.NetApp/netAppAccounts/capacityPools';
export const VOLUME_TYPE = 'Microsoft.NetApp/netAppAccounts/capacityPools/volumes';
export const SERVICE_LEVELS = ['Standard', 'Premium', 'Ultra'];
export const TiB = 1024 ** 4;
/** Smallest NetApp volume (GiB). */
export const MIN_VOLUME_GIB = 100;

export type NetAppResource = ArmResource & { properties: Record<string, unknown> };

export function netappResources(cloud: AzureCloud, type: string, rg?: string): NetAppResource[] {
  return cloud.resources.filter((r) => r.type === type && (!rg || r.resourceGroup.toLowerCase() === rg.toLowerCase())) as NetAppResource[];
}

export function createAccount(cloud: AzureCloud, rg: string, name: string, location: string): NetAppResource {
  const a: NetAppResource = { id: `${cloud.rgId(rg)}/providers/${ACCOUNT_TYPE}/${name}`, name, type: ACCOUNT_TYPE, location, resourceGroup: rg, properties: { provisioningState: 'Succeeded', activeDirectories: null, encryption: { keySource: 'Microsoft.NetApp' } } };
  cloud.addResource(a);
  return a;
}

export function createPool(cloud: AzureCloud, account: NetAppResource, name: string, sizeTiB: number, serviceLevel: string): NetAppResource {
  const p: NetAppResource = {
    id: `${account.id}/capacityPools/${name}`,
    name: `${account.name}/${name}`,
    type: POOL_TYPE,
    location: account.location,
    resourceGroup: account.resourceGroup,
    properties: { poolId: guid(cloud.rng), provisioningState: 'Succeeded', qosType: 'Auto', serviceLevel, size: sizeTiB * TiB, totalThroughputMibps: sizeTiB * (serviceLevel === 'Ultra' ? 128 : serviceLevel === 'Premium' ? 64 : 16), coolAccess: false, encryptionType: 'Single' },
  };
  cloud.addResource(p);
  return p;
}

function poolUsed(cloud: AzureCloud, pool: NetAppResource): number {
  return netappResources(cloud, VOLUME_TYPE)
    .filter((v) => v.id.toLowerCase().startsWith(`${pool.id.toLowerCase()}/volumes/`))
    .reduce((n, v) => n + Number(v.properties.usageThreshold ?? 0), 0);
}

/** A pool in `location` with room for `bytes`, largest free space first. */
export function poolWithRoom(cloud: AzureCloud, location: string, bytes: number): NetAppResource | undefined {
  const pools = netappResources(cloud, POOL_TYPE).filter((p) => p.location === location);
  pools.sort((a, b) => Number(b.properties.size) - poolUsed(cloud, b) - (Number(a.properties.size) - poolUsed(cloud, a)) || a.id.localeCompare(b.id));
  return pools.find((p) => Number(p.properties.size) - poolUsed(cloud, p) >= bytes);
}

export function createVolume(cloud: AzureCloud, pool: NetAppResource, name: string, bytes: number): NetAppResource {
  const short = name;
  const v: NetAppResource = {
    id: `${pool.id}/volumes/${short}`,
    name: `${pool.name}/${short}`,
    type: VOLUME_TYPE,
    location: pool.location,
    resourceGroup: pool.resourceGroup,
    properties: { creationToken: short, fileSystemId: guid(cloud.rng), protocolTypes: ['NFSv3'], provisioningState: 'Succeeded', serviceLevel: pool.properties.serviceLevel, usageThreshold: bytes, mountTargets: [{ ipAddress: `10.225.0.${4 + netappResources(cloud, VOLUME_TYPE).length}` }] },
  };
  cloud.addResource(v);
  return v;
}

export function findVolume(cloud: AzureCloud, id: string): NetAppResource | undefined {
  return netappResources(cloud, VOLUME_TYPE).find((v) => v.id.toLowerCase() === id.toLowerCase());
}

export function resizeVolume(v: NetAppResource, bytes: number): void {
  v.properties = { ...v.properties, usageThreshold: bytes };
}
