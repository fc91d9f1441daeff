/**
 * Azure Files as the Azure Files CSI driver uses it on AKS: one storage
 * account per SKU in the node resource group (`f` + 23 hex characters,
 * created on first need), one share `pvc-<uid>` per claim with a quota in
 * GiB (Premium shares are at least 100 GiB).
 */
import type { AzureCloud } from './cloud.js';
import type { ArmResource, ManagedCluster } from './types.js';
import { hex } from './names.js';
import { isoTime } from '../api/lifecycle.js';

export const ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';
export const FILE_SKUS = ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_RAGZRS', 'Premium_LRS', 'Premium_ZRS'];
export const MIN_PREMIUM_SHARE_GIB = 100;

export interface FileShare {
  name: string;
  quotaGiB: number;
  enabledProtocols: 'SMB' | 'NFS';
  lastModified: string;
  /** Namespace/claim the share was made for (tags on the account are per driver). */
  createdFor: string;
}

export type StorageAccount = ArmResource & { kind: string; properties: Record<string, unknown> };

/** Shares live in the account's data plane, not in its ARM shape. */
const sharesOf = new WeakMap<StorageAccount, FileShare[]>();

export function shares(acct: StorageAccount): FileShare[] {
  return sharesOf.get(acct) ?? [];
}

export function accountsIn(cloud: AzureCloud, rg?: string): StorageAccount[] {
  return cloud.resources.filter((r) => r.type === ACCOUNT_TYPE && (!rg || r.resourceGroup.toLowerCase() === rg.toLowerCase())) as StorageAccount[];
}

export function findAccount(cloud: AzureCloud, name: string): StorageAccount | undefined {
  return accountsIn(cloud).find((a) => a.name === name);
}

/** The driver's account for a SKU in the node resource group, created when missing. */
export function ensureAccount(cloud: AzureCloud, mc: ManagedCluster, sku: string): StorageAccount {
  const existing = accountsIn(cloud, mc.nodeResourceGroup).find((a) => a.sku?.name === sku && a.tags?.['k8s-azure-created-by'] === 'azure');
  if (existing) return existing;
  const name = `f${hex(cloud.rng, 23)}`;
  const premium = sku.startsWith('Premium');
  const acct: StorageAccount = {
    id: `${cloud.rgId(mc.nodeResourceGroup)}/providers/${ACCOUNT_TYPE}/${name}`,
    name,
    type: ACCOUNT_TYPE,
    location: mc.location,
    resourceGroup: mc.nodeResourceGroup,
    tags: { 'k8s-azure-created-by': 'azure' },
    sku: { name: sku, tier: premium ? 'Premium' : 'Standard' },
    kind: premium ? 'FileStorage' : 'StorageV2',
    properties: {
      accessTier: premium ? undefined : 'Hot',
      allowBlobPublicAccess: false,
      creationTime: isoTime(cloud.world.clock.now()),
      minimumTlsVersion: 'TLS1_2',
      primaryEndpoints: { file: `https://${name}.file.core.windows.net/`, blob: `https://${name}.blob.core.windows.net/` },
      primaryLocation: mc.location,
      provisioningState: 'Succeeded',
      statusOfPrimary: 'available',
      supportsHttpsTrafficOnly: true,
    },
  };
  sharesOf.set(acct, []);
  cloud.addResource(acct);
  return acct;
}

export function shareHandle(rg: string, account: string, share: string, namespace: string): string {
  return `${rg}#${account}#${share}###${namespace}`;
}

export function parseShareHandle(handle: string): { rg: string; account: string; share: string } | undefined {
  const [rg, account, share] = handle.split('#');
  return rg && account && share ? { rg, account, share } : undefined;
}

export function createShare(cloud: AzureCloud, acct: StorageAccount, name: string, quotaGiB: number, createdFor: string): FileShare {
  const share: FileShare = { name, quotaGiB, enabledProtocols: 'SMB', lastModified: isoTime(cloud.world.clock.now()), createdFor };
  sharesOf.set(acct, [...shares(acct).filter((s) => s.name !== name), share]);
  return share;
}

export function deleteShare(acct: StorageAccount, name: string): void {
  sharesOf.set(acct, shares(acct).filter((s) => s.name !== name));
}

export function resizeShare(cloud: AzureCloud, acct: StorageAccount, name: string, quotaGiB: number): boolean {
  const s = shares(acct).find((x) => x.name === name);
  if (!s) return false;
  sharesOf.set(acct, shares(acct).map((x) => (x.name === name ? { ...x, quotaGiB, lastModified: isoTime(cloud.world.clock.now()) } : x)));
  return true;
}
