/**
 * The Azure side of the CSI drivers on AKS (the StorageBackend the simulated
 * CSI controllers call): Azure Disk (managed disks, attach to VMSS VMs, data
 * disk limits per VM size), Azure Files (shares in a driver-made storage
 * account) and Azure Blob (containers, once the blob driver is on).
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster } from './types.js';
import type { CreatedVolume, CsiResult, StorageBackend } from '../storage/backend.js';
import { GiB } from '../storage/backend.js';
import { BLOB_DRIVER, DISK_DRIVER, FILE_DRIVER, NETAPP_DRIVER } from '../storage/classes.js';
import { createVolume as createNetAppVolume, findVolume as findNetAppVolume, MIN_VOLUME_GIB, poolWithRoom, resizeVolume as resizeNetAppVolume } from './netapp.js';
import { attachDisk, createDisk, deleteDisk, detachDisk, DISK_SKUS, findDisk, MAX_DISK_GIB, resizeDisk } from './disks.js';
import { createShare, deleteShare, ensureAccount, FILE_SKUS, findAccount, MIN_PREMIUM_SHARE_GIB, parseShareHandle, resizeShare, shareHandle } from './file-shares.js';
import { vmSize } from './vm-sizes.js';

const MULTI_NODE: Record<string, string> = { ReadWriteMany: 'MULTI_NODE_MULTI_WRITER', ReadOnlyMany: 'MULTI_NODE_READER_ONLY' };
const fail = <T>(code: 'InvalidArgument' | 'NotFound' | 'Internal' | 'ResourceExhausted' | 'FailedPrecondition' | 'OutOfRange', message: string): CsiResult<T> => ({ ok: false, error: { code, message } });

function param(params: Record<string, string>, ...names: string[]): string | undefined {
  for (const [k, v] of Object.entries(params)) if (names.includes(k.toLowerCase())) return v;
  return undefined;
}

export function azureStorage(cloud: AzureCloud, mc: ManagedCluster, opts: { blob: () => boolean; netapp?: () => boolean }): StorageBackend {
  const zonal = () => mc.pools.some((p) => p.zones.length > 0);
  return {
    drivers() {
      const out = [
        { name: DISK_DRIVER, provisionMs: 4_000, attachMs: 6_000, deleteMs: 3_000 },
        { name: FILE_DRIVER, provisionMs: 5_000, attachMs: 0, deleteMs: 3_000 },
      ];
      if (opts.blob()) out.push({ name: BLOB_DRIVER, provisionMs: 5_000, attachMs: 0, deleteMs: 3_000 });
      if (opts.netapp?.()) out.push({ name: NETAPP_DRIVER, provisionMs: 20_000, attachMs: 2_000, deleteMs: 10_000 });
      return out;
    },

    createVolume(req): CsiResult<CreatedVolume> {
      const gib = Math.max(1, Math.ceil(req.capacityBytes / GiB));
      if (req.driver === DISK_DRIVER) {
        const multi = req.accessModes.map((m) => MULTI_NODE[m]).find(Boolean);
        if (multi && req.volumeMode !== 'Block') return fail('InvalidArgument', `mountVolume is not supported for access mode: ${multi}`);
        if (multi) return fail('InvalidArgument', `access mode: ${multi} is not supported for non-shared disk`);
        const sku = param(req.parameters, 'skuname', 'storageaccounttype') ?? 'StandardSSD_LRS';
        const canonical = DISK_SKUS.find((s) => s.toLowerCase() === sku.toLowerCase());
        if (!canonical) return fail('InvalidArgument', `azureDisk - ${sku} is not supported sku/storageaccounttype. Supported values are [${DISK_SKUS.join(' ')}]`);
        if (gib > MAX_DISK_GIB) return fail('OutOfRange', `disk size ${gib} GiB is larger than the maximum ${MAX_DISK_GIB} GiB`);
        const zrs = canonical.endsWith('_ZRS');
        const zoneLabel = zrs ? undefined : (req.zone ?? '');
        const azZone = zoneLabel ? zoneLabel.split('-').pop() : undefined;
        const disk = createDisk(cloud, mc, {
          name: req.name,
          sku: canonical,
          gib,
          ...(azZone ? { zone: azZone } : {}),
          tags: { 'k8s-azure-created-by': 'kubernetes-azure-dd', 'kubernetes.io-created-for-pv-name': req.name, 'kubernetes.io-created-for-pvc-name': req.pvcName, 'kubernetes.io-created-for-pvc-namespace': req.pvcNamespace },
        });
        const attrs: Record<string, string> = { 'csi.storage.k8s.io/pv/name': req.name, 'csi.storage.k8s.io/pvc/name': req.pvcName, 'csi.storage.k8s.io/pvc/namespace': req.pvcNamespace, requestedsizegib: String(gib) };
        for (const [k, v] of Object.entries(req.parameters)) attrs[k] = v;
        attrs['storage.kubernetes.io/csiProvisionerIdentity'] = `${Math.floor(mc.createdAt)}-8081-${DISK_DRIVER}`;
        return { ok: true, value: { volumeHandle: disk.id, capacityBytes: gib * GiB, volumeAttributes: attrs, fsType: param(req.parameters, 'fstype') ?? 'ext4', ...(zonal() || zoneLabel !== undefined ? { zone: zoneLabel } : {}) } };
      }
      if (req.driver === FILE_DRIVER || req.driver === BLOB_DRIVER) {
        const sku = param(req.parameters, 'skuname', 'storageaccounttype') ?? 'Standard_LRS';
        const canonical = FILE_SKUS.find((s) => s.toLowerCase() === sku.toLowerCase());
        if (!canonical) return fail('InvalidArgument', `invalid skuName value: ${sku}`);
        const size = req.driver === FILE_DRIVER && canonical.startsWith('Premium') ? Math.max(gib, MIN_PREMIUM_SHARE_GIB) : gib;
        const acct = ensureAccount(cloud, mc, canonical);
        createShare(cloud, acct, req.name, size, `${req.pvcNamespace}/${req.pvcName}`);
        const attrs: Record<string, string> = { 'csi.storage.k8s.io/pv/name': req.name, 'csi.storage.k8s.io/pvc/name': req.pvcName, 'csi.storage.k8s.io/pvc/namespace': req.pvcNamespace, secretnamespace: req.pvcNamespace, skuName: canonical };
        if (req.driver === BLOB_DRIVER) attrs.containerName = req.name;
        return { ok: true, value: { volumeHandle: shareHandle(mc.nodeResourceGroup, acct.name, req.name, req.pvcNamespace), capacityBytes: size * GiB, volumeAttributes: attrs } };
      }
      if (req.driver === NETAPP_DRIVER) {
        const size = Math.max(gib, MIN_VOLUME_GIB);
        const pool = poolWithRoom(cloud, mc.location, size * GiB);
        if (!pool) return fail('ResourceExhausted', `encountered error(s) in creating the volume: [Failed to create volume ${req.name} on storage pool aks-netapp: no capacity pool in ${mc.location} has ${size} GiB free]`);
        const v = createNetAppVolume(cloud, pool, req.name, size * GiB);
        return { ok: true, value: { volumeHandle: req.name, capacityBytes: size * GiB, volumeAttributes: { backendUUID: String(pool.properties.poolId), internalName: req.name, name: req.name, protocol: 'file', 'storage.kubernetes.io/csiProvisionerIdentity': `${Math.floor(mc.createdAt)}-8081-${NETAPP_DRIVER}`, anfVolumeId: v.id } } };
      }
      return fail('InvalidArgument', `driver ${req.driver} is not served`);
    },

    deleteVolume(driver, handle) {
      if (driver === NETAPP_DRIVER) {
        const v = cloud.resources.find((r) => r.type.endsWith('/volumes') && r.name.endsWith(`/${handle}`));
        if (v) cloud.removeResource(v.id);
        return { ok: true, value: undefined };
      }
      if (driver === DISK_DRIVER) {
        const disk = findDisk(cloud, handle);
        if (!disk) return { ok: true, value: undefined };
        const r = deleteDisk(cloud, disk);
        return r.ok ? { ok: true, value: undefined } : fail('Internal', r.message);
      }
      const h = parseShareHandle(handle);
      const acct = h ? findAccount(cloud, h.account) : undefined;
      if (h && acct) deleteShare(acct, h.share);
      return { ok: true, value: undefined };
    },

    expandVolume(driver, handle, capacityBytes) {
      const gib = Math.max(1, Math.ceil(capacityBytes / GiB));
      if (driver === DISK_DRIVER) {
        const disk = findDisk(cloud, handle);
        if (!disk) return fail('NotFound', `disk ${handle} not found`);
        if (gib > MAX_DISK_GIB) return fail('OutOfRange', `disk size ${gib} GiB is larger than the maximum ${MAX_DISK_GIB} GiB`);
        resizeDisk(disk, gib);
        return { ok: true, value: { capacityBytes: gib * GiB, nodeExpansionRequired: true } };
      }
      if (driver === NETAPP_DRIVER) {
        const v = cloud.resources.find((r) => r.type.endsWith('/volumes') && r.name.endsWith(`/${handle}`));
        const found = v ? findNetAppVolume(cloud, v.id) : undefined;
        if (!found) return fail('NotFound', `volume ${handle} not found`);
        resizeNetAppVolume(found, gib * GiB);
        return { ok: true, value: { capacityBytes: gib * GiB, nodeExpansionRequired: false } };
      }
      const h = parseShareHandle(handle);
      const acct = h ? findAccount(cloud, h.account) : undefined;
      if (!h || !acct || !resizeShare(cloud, acct, h.share, gib)) return fail('NotFound', `share ${handle} not found`);
      return { ok: true, value: { capacityBytes: gib * GiB, nodeExpansionRequired: false } };
    },

    publish(driver, handle, node) {
      if (driver !== DISK_DRIVER) return { ok: true, value: {} };
      const disk = findDisk(cloud, handle);
      if (!disk) return fail('NotFound', `Volume not found, failed with error: Retriable: false, RetryAfter: 0s, HTTPStatusCode: 404, RawError: {"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.Compute/disks/${handle.split('/').pop()}' under resource group '${mc.nodeResourceGroup.toLowerCase()}' was not found."}}`);
      const r = attachDisk(cloud, mc, disk, node);
      return r.ok ? { ok: true, value: { LUN: String(r.lun ?? 0) } } : fail('Internal', r.message);
    },

    unpublish(driver, handle) {
      if (driver !== DISK_DRIVER) return { ok: true, value: undefined };
      const disk = findDisk(cloud, handle);
      if (disk) detachDisk(cloud, disk);
      return { ok: true, value: undefined };
    },

    maxVolumesPerNode(driver, instanceType) {
      return driver === DISK_DRIVER ? (vmSize(instanceType)?.maxDataDisks ?? 8) : undefined;
    },
  };
}
