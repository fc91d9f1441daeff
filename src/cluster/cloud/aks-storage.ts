/**
 * Storage on an AKS cluster: the built-in StorageClasses and CSIDrivers, and
 * the Azure Disk / Files (and, once enabled, Blob) CSI drivers backed by the
 * cluster's node resource group.
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster } from './types.js';
import { azureStorage } from './azure-storage.js';
import { installBlobDriver, installNetAppClass, installStorageClasses, removeBlobDriver } from '../storage/classes.js';
import { installCsiDrivers } from '../storage/index.js';

const blob = new WeakMap<ManagedCluster, boolean>();
const netapp = new WeakMap<ManagedCluster, boolean>();
const backend = (cloud: AzureCloud, mc: ManagedCluster) => azureStorage(cloud, mc, { blob: () => blob.get(mc) === true, netapp: () => netapp.get(mc) === true });

export function installAksStorage(cloud: AzureCloud, mc: ManagedCluster): void {
  installStorageClasses(mc.cluster, { zonal: mc.pools.some((p) => p.zones.length > 0) });
  installCsiDrivers(mc.cluster, backend(cloud, mc));
}

export function blobDriverEnabled(mc: ManagedCluster): boolean {
  return blob.get(mc) === true;
}

/** `az aks update --enable-blob-driver` / `--disable-blob-driver`. */
export function setBlobDriver(cloud: AzureCloud, mc: ManagedCluster, on: boolean): void {
  if (on === blobDriverEnabled(mc)) return;
  blob.set(mc, on);
  if (on) {
    installBlobDriver(mc.cluster);
    installCsiDrivers(mc.cluster, backend(cloud, mc));
  } else removeBlobDriver(mc.cluster);
}

/** Trident with an azure-netapp-files backend on every cluster in the region of a new capacity pool. */
export function enableNetApp(cloud: AzureCloud, location: string): void {
  for (const mc of cloud.clusters) {
    if (mc.location !== location || netapp.get(mc)) continue;
    netapp.set(mc, true);
    installNetAppClass(mc.cluster);
    installCsiDrivers(mc.cluster, backend(cloud, mc));
  }
}
