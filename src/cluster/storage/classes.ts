/**
 * The StorageClasses and CSIDrivers of a fresh AKS cluster (facts/aks.md §5.1),
 * written by AKS's addon manager: the Azure Disk classes (`default`,
 * `managed*`, WaitForFirstConsumer), the Azure Files classes (`azurefile*`,
 * Immediate, with AKS's SMB mount options), and the Blob classes only once the
 * blob driver is enabled (`az aks update --enable-blob-driver`).
 */
import type { Cluster } from '../cluster.js';
import type { KObject, UserInfo } from '../api/types.js';

export const DISK_DRIVER = 'disk.csi.azure.com';
export const FILE_DRIVER = 'file.csi.azure.com';
export const BLOB_DRIVER = 'blob.csi.azure.com';
export const NETAPP_DRIVER = 'csi.trident.netapp.io';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

const ADDON_MANAGER: UserInfo = { username: 'system:serviceaccount:kube-system:addon-manager', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };
const LABELS = { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'kubernetes.io/cluster-service': 'true' };
const FILE_MOUNT_OPTIONS = ['mfsymlinks', 'actimeo=30', 'nosharesock'];

interface ClassSpec {
  name: string;
  provisioner: string;
  parameters: Record<string, string>;
  binding: 'WaitForFirstConsumer' | 'Immediate';
  mountOptions?: string[];
  isDefault?: boolean;
}

export function storageClass(c: ClassSpec): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: c.name, labels: { ...LABELS }, ...(c.isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}) },
    provisioner: c.provisioner,
    parameters: c.parameters,
    reclaimPolicy: 'Delete',
    volumeBindingMode: c.binding,
    allowVolumeExpansion: true,
    ...(c.mountOptions ? { mountOptions: c.mountOptions } : {}),
  };
}

/** The disk and file classes; `zonal` clusters (1.29+) get ZRS disks for the CSI classes. */
export function builtinClasses(zonal: boolean): KObject[] {
  const ssd = zonal ? 'StandardSSD_ZRS' : 'StandardSSD_LRS';
  const premium = zonal ? 'Premium_ZRS' : 'Premium_LRS';
  const disk = (name: string, parameters: Record<string, string>, isDefault = false): ClassSpec => ({ name, provisioner: DISK_DRIVER, parameters, binding: 'WaitForFirstConsumer', isDefault });
  const file = (name: string, sku: string): ClassSpec => ({ name, provisioner: FILE_DRIVER, parameters: { skuName: sku }, binding: 'Immediate', mountOptions: FILE_MOUNT_OPTIONS });
  return [
    disk('default', { skuname: ssd }, true),
    disk('managed', { cachingmode: 'ReadOnly', kind: 'Managed', storageaccounttype: 'StandardSSD_LRS' }),
    disk('managed-csi', { skuname: ssd }),
    disk('managed-csi-premium', { skuname: premium }),
    disk('managed-premium', { cachingmode: 'ReadOnly', kind: 'Managed', storageaccounttype: 'Premium_LRS' }),
    file('azurefile', 'Standard_LRS'),
    file('azurefile-csi', 'Standard_LRS'),
    file('azurefile-csi-premium', 'Premium_LRS'),
    file('azurefile-premium', 'Premium_LRS'),
  ].map(storageClass);
}

export function blobClasses(): KObject[] {
  return [
    storageClass({ name: 'azureblob-fuse-premium', provisioner: BLOB_DRIVER, parameters: { skuName: 'Premium_LRS' }, binding: 'Immediate', mountOptions: ['-o allow_other', '--file-cache-timeout-in-seconds=120', '--use-attr-cache=true', '--cancel-list-on-mount-seconds=10', '-o attr_timeout=120', '-o entry_timeout=120', '-o negative_timeout=120', '--log-level=LOG_WARNING', '--cache-size-mb=1000'] }),
    storageClass({ name: 'azureblob-nfs-premium', provisioner: BLOB_DRIVER, parameters: { protocol: 'nfs', skuName: 'Premium_LRS' }, binding: 'Immediate', mountOptions: ['nconnect=4'] }),
  ];
}

function csiDriver(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name, labels: { ...LABELS } }, spec };
}

export function builtinDrivers(): KObject[] {
  return [
    csiDriver(DISK_DRIVER, { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'File', requiresRepublish: false, storageCapacity: false, seLinuxMount: false, volumeLifecycleModes: ['Persistent'] }),
    csiDriver(FILE_DRIVER, { attachRequired: false, podInfoOnMount: true, fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, storageCapacity: false, seLinuxMount: false, volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'api://AzureADTokenExchange' }] }),
  ];
}

export function blobDriver(): KObject {
  return csiDriver(BLOB_DRIVER, { attachRequired: false, podInfoOnMount: true, fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, storageCapacity: false, seLinuxMount: false, volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'api://AzureADTokenExchange' }] });
}

function apply(cluster: Cluster, objs: KObject[]): void {
  const client = cluster.client(ADDON_MANAGER);
  for (const o of objs) client.create(o.kind === 'CSIDriver' ? 'csidrivers.storage.k8s.io' : 'storageclasses.storage.k8s.io', undefined, o);
}

/** What AKS installs with the cluster (the disk and file drivers are on by default). */
export function installStorageClasses(cluster: Cluster, opts: { zonal?: boolean } = {}): void {
  apply(cluster, [...builtinDrivers(), ...builtinClasses(opts.zonal ?? false)]);
}

/** `az aks update --enable-blob-driver`. */
export function installBlobDriver(cluster: Cluster): void {
  apply(cluster, [blobDriver(), ...blobClasses()]);
}

/** `az aks update --disable-blob-driver`. */
export function removeBlobDriver(cluster: Cluster): void {
  const client = cluster.client(ADDON_MANAGER);
  for (const c of blobClasses()) client.delete('storageclasses.storage.k8s.io', undefined, c.metadata!.name!);
  client.delete('csidrivers.storage.k8s.io', undefined, BLOB_DRIVER);
}

/** Trident's CSIDriver and the `azurenetappfiles` class (NFS, ReadWriteMany, Immediate). */
export function installNetAppClass(cluster: Cluster): void {
  apply(cluster, [
    csiDriver(NETAPP_DRIVER, { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, storageCapacity: false, seLinuxMount: false, volumeLifecycleModes: ['Persistent'] }),
    storageClass({ name: 'azurenetappfiles', provisioner: NETAPP_DRIVER, parameters: { backendType: 'azure-netapp-files', fsType: 'nfs' }, binding: 'Immediate' }),
  ]);
}
