/**
 * Azure managed disks, as the Azure Disk CSI driver makes them on AKS: a disk
 * `pvc-<uid>` in the node resource group (zonal when the selected node is),
 * attached to a VMSS VM at the lowest free LUN, resized, deleted. They live
 * in `cloud.resources` with the properties `az disk show` prints.
 */
import type { AzureCloud } from './cloud.js';
import type { ArmResource, ManagedCluster } from './types.js';
import { guid } from './names.js';
import { isoTime } from '../api/lifecycle.js';
import { vmSize } from './vm-sizes.js';

export const DISK_TYPE = 'Microsoft.Compute/disks';
export const DISK_SKUS = ['Standard_LRS', 'Premium_LRS', 'StandardSSD_LRS', 'UltraSSD_LRS', 'Premium_ZRS', 'StandardSSD_ZRS', 'PremiumV2_LRS'];
export const MAX_DISK_GIB = 32_767;

export interface DiskProperties {
  creationData: { createOption: string };
  diskIOPSReadWrite: number;
  diskMBpsReadWrite: number;
  diskSizeBytes: number;
  diskSizeGB: number;
  diskState: 'Unattached' | 'Attached' | 'Reserved';
  encryption: { type: string };
  managedBy?: string;
  lun?: number;
  networkAccessPolicy: string;
  provisioningState: string;
  publicNetworkAccess: string;
  tier?: string;
  timeCreated: string;
  uniqueId: string;
}

export type Disk = ArmResource & { properties: DiskProperties; zones?: string[] };

/** Performance tier by size (the P/E/S tiers: 4, 8, 16, 32, 64, 128, 256, 512, 1024 … GiB). */
function tierOf(sku: string, gib: number): string | undefined {
  const steps = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];
  const names = ['1', '2', '3', '4', '6', '10', '15', '20', '30', '40', '50', '60', '70', '80'];
  const i = steps.findIndex((s) => gib <= s);
  const n = names[i < 0 ? names.length - 1 : i]!;
  if (sku.startsWith('Premium_')) return `P${n}`;
  if (sku.startsWith('StandardSSD')) return `E${n}`;
  return undefined;
}

function perf(sku: string, gib: number): { iops: number; mbps: number } {
  if (sku.startsWith('Premium')) {
    if (gib <= 32) return { iops: 120, mbps: 25 };
    if (gib <= 128) return { iops: 500, mbps: 100 };
    return { iops: 1100, mbps: 125 };
  }
  if (sku.startsWith('StandardSSD')) return { iops: 500, mbps: 60 };
  return { iops: 500, mbps: 60 };
}

export function diskId(cloud: AzureCloud, rg: string, name: string): string {
  return `${cloud.rgId(rg)}/providers/${DISK_TYPE}/${name}`;
}

export function findDisk(cloud: AzureCloud, id: string): Disk | undefined {
  return cloud.resources.find((r) => r.type === DISK_TYPE && r.id.toLowerCase() === id.toLowerCase()) as Disk | undefined;
}

export function disksIn(cloud: AzureCloud, rg?: string): Disk[] {
  return cloud.resources.filter((r) => r.type === DISK_TYPE && (!rg || r.resourceGroup.toLowerCase() === rg.toLowerCase())) as Disk[];
}

export function createDisk(cloud: AzureCloud, mc: ManagedCluster, o: { name: string; sku: string; gib: number; zone?: string; tags: Record<string, string> }): Disk {
  // The driver writes the resource group lowercased, as Azure returns it in ids.
  const rg = mc.nodeResourceGroup.toLowerCase();
  const p = perf(o.sku, o.gib);
  const tier = tierOf(o.sku, o.gib);
  const disk: Disk = {
    id: diskId(cloud, rg, o.name),
    name: o.name,
    type: DISK_TYPE,
    location: mc.location,
    resourceGroup: mc.nodeResourceGroup.toUpperCase(),
    tags: o.tags,
    sku: { name: o.sku, tier: o.sku.startsWith('Premium') ? 'Premium' : 'Standard' },
    ...(o.zone ? { zones: [o.zone] } : {}),
    properties: {
      creationData: { createOption: 'Empty' },
      diskIOPSReadWrite: p.iops,
      diskMBpsReadWrite: p.mbps,
      diskSizeBytes: o.gib * 1024 ** 3,
      diskSizeGB: o.gib,
      diskState: 'Unattached',
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled',
      ...(tier ? { tier } : {}),
      timeCreated: isoTime(cloud.world.clock.now()),
      uniqueId: guid(cloud.rng),
    },
  };
  cloud.addResource(disk);
  return disk;
}

/** The VMSS VM id of a node, or undefined when no VM has that name. */
export function vmIdOf(cloud: AzureCloud, mc: ManagedCluster, node: string): { id: string; vmSize: string } | undefined {
  for (const pool of mc.pools) {
    const inst = pool.instances.find((i) => i.name === node);
    if (inst) return { id: `${cloud.rgId(mc.nodeResourceGroup)}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${pool.name}-${pool.vmssId}-vmss/virtualMachines/${inst.index}`, vmSize: pool.vmSize };
  }
  return undefined;
}

export type DiskOpResult = { ok: true; lun?: number } | { ok: false; code: string; message: string };

export function attachDisk(cloud: AzureCloud, mc: ManagedCluster, disk: Disk, node: string): DiskOpResult {
  const vm = vmIdOf(cloud, mc, node);
  if (!vm) return { ok: false, code: 'NotFound', message: `instance not found for node ${node}` };
  const p = disk.properties;
  if (p.managedBy && p.managedBy.toLowerCase() === vm.id.toLowerCase()) return { ok: true, lun: p.lun };
  if (p.managedBy) {
    return { ok: false, code: 'OperationNotAllowed', message: `Cannot attach data disk '${disk.name}' to VM '${node}' because the disk is currently being detached or the last detach operation failed, or it is attached to another VM '${p.managedBy.split('/').pop()}'.` };
  }
  const attached = disksIn(cloud).filter((d) => d.properties.managedBy?.toLowerCase() === vm.id.toLowerCase());
  const max = vmSize(vm.vmSize)?.maxDataDisks ?? 8;
  if (attached.length >= max) return { ok: false, code: 'OperationNotAllowed', message: `The maximum number of data disks allowed to be attached to a VM of this size is ${max}.` };
  const used = new Set(attached.map((d) => d.properties.lun));
  let lun = 0;
  while (used.has(lun)) lun++;
  disk.properties = { ...p, managedBy: vm.id, diskState: 'Attached', lun };
  return { ok: true, lun };
}

export function detachDisk(cloud: AzureCloud, disk: Disk): void {
  const { managedBy: _m, lun: _l, ...rest } = disk.properties;
  disk.properties = { ...rest, diskState: 'Unattached' };
  void cloud;
}

export function deleteDisk(cloud: AzureCloud, disk: Disk): DiskOpResult {
  if (disk.properties.managedBy) {
    return { ok: false, code: 'OperationNotAllowed', message: `Disk ${disk.name} is attached to VM ${disk.properties.managedBy}.` };
  }
  cloud.removeResource(disk.id);
  return { ok: true };
}

export function resizeDisk(disk: Disk, gib: number): void {
  const p = perf(disk.sku!.name, gib);
  const tier = tierOf(disk.sku!.name, gib);
  disk.properties = { ...disk.properties, diskSizeGB: gib, diskSizeBytes: gib * 1024 ** 3, diskIOPSReadWrite: p.iops, diskMBpsReadWrite: p.mbps, ...(tier ? { tier } : {}) };
}
