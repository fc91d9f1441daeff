/**
 * Azure storage as the CLI shows it: `az disk list|show` (managed disks the
 * Azure Disk CSI driver made in the node resource group), `az storage
 * account list|show`, `az storage share-rm list` and `az storage share list`
 * (the Azure Files CSI driver's account and shares). JSON in the SDK's
 * camelCase with the nulls the CLI prints; tables from the CLI's transformers.
 */
import type { AzCommand, AzEnv } from './command.js';
import type { Row } from './output.js';
import { resourceGroupNotFound, resourceNotFound, cliError } from '../../cluster/cloud/errors.js';
import { disksIn, type Disk } from '../../cluster/cloud/disks.js';
import { accountsIn, shares, type StorageAccount } from '../../cluster/cloud/file-shares.js';

const RG = { name: '--resource-group', aliases: ['-g'], type: 'string' as const };

function diskJson(d: Disk): Record<string, unknown> {
  const p = d.properties;
  return {
    burstingEnabled: null,
    creationData: { createOption: p.creationData.createOption, logicalSectorSize: null, sourceResourceId: null, sourceUri: null },
    diskIopsReadWrite: p.diskIOPSReadWrite,
    diskMBpsReadWrite: p.diskMBpsReadWrite,
    diskSizeBytes: p.diskSizeBytes,
    diskSizeGb: p.diskSizeGB,
    diskState: p.diskState,
    encryption: p.encryption,
    id: d.id,
    location: d.location,
    managedBy: p.managedBy ?? null,
    name: d.name,
    networkAccessPolicy: p.networkAccessPolicy,
    osType: null,
    provisioningState: p.provisioningState,
    publicNetworkAccess: p.publicNetworkAccess,
    resourceGroup: d.resourceGroup,
    sku: d.sku,
    tags: d.tags ?? {},
    tier: p.tier ?? null,
    timeCreated: p.timeCreated,
    type: d.type,
    uniqueId: p.uniqueId,
    zones: d.zones ?? null,
  };
}

/** transform_disk_show_table_output. */
const diskRow = (d: Row): Row => ({ Name: d.name, ResourceGroup: d.resourceGroup, Location: d.location, Zones: Array.isArray(d.zones) && d.zones.length ? d.zones.join(' ') : ' ', Sku: (d.sku as { name?: string } | undefined)?.name, OsType: d.osType ?? null, SizeGb: d.diskSizeGb, Status: d.provisioningState });
const diskTable = (v: unknown): Row[] => (Array.isArray(v) ? v : [v]).map((d: Row) => diskRow(d));

function accountJson(a: StorageAccount): Record<string, unknown> {
  const p = a.properties;
  return {
    accessTier: p.accessTier ?? null,
    allowBlobPublicAccess: p.allowBlobPublicAccess,
    creationTime: p.creationTime,
    enableHttpsTrafficOnly: p.supportsHttpsTrafficOnly,
    id: a.id,
    kind: a.kind,
    location: a.location,
    minimumTlsVersion: p.minimumTlsVersion,
    name: a.name,
    primaryEndpoints: p.primaryEndpoints,
    primaryLocation: p.primaryLocation,
    provisioningState: p.provisioningState,
    resourceGroup: a.resourceGroup,
    sku: a.sku,
    statusOfPrimary: p.statusOfPrimary,
    tags: a.tags ?? {},
    type: a.type,
  };
}

function groupOk(env: AzEnv): string | undefined | number {
  const rg = env.str('resource-group');
  if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
  return rg;
}

function findAccount(env: AzEnv, name: string | undefined): StorageAccount | number {
  const acct = accountsIn(env.cloud).find((a) => a.name === name);
  if (!acct) return env.fail(cliError(`The storage account '${name ?? ''}' was not found.`).error);
  return acct;
}

export function storageCommands(): AzCommand[] {
  return [
    {
      path: 'disk list',
      summary: 'List managed disks.',
      args: [RG],
      run(env) {
        const rg = groupOk(env);
        if (typeof rg === 'number') return rg;
        return env.print(disksIn(env.cloud, rg).map(diskJson), diskTable);
      },
    },
    {
      path: 'disk show',
      summary: 'Get information about a disk.',
      args: [RG, { name: '--name', aliases: ['-n', '--disk-name'], type: 'string' }, { name: '--ids', type: 'string' }],
      run(env) {
        const ids = env.str('ids');
        const rg = env.str('resource-group');
        const name = env.str('name');
        if (!ids && (!rg || !name)) return env.fail(cliError('(--resource-group --name | --ids) are required').error);
        if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
        const disk = disksIn(env.cloud).find((d) => (ids ? d.id.toLowerCase() === ids.toLowerCase() : d.resourceGroup.toLowerCase() === rg!.toLowerCase() && d.name === name));
        if (!disk) return env.fail(resourceNotFound('Microsoft.Compute/disks', name ?? ids!.split('/').pop()!, rg ?? '').error);
        return env.print(diskJson(disk), diskTable);
      },
    },
    {
      path: 'storage account list',
      summary: 'List storage accounts.',
      args: [RG],
      run(env) {
        const rg = groupOk(env);
        if (typeof rg === 'number') return rg;
        return env.print(accountsIn(env.cloud, rg).map(accountJson));
      },
    },
    {
      path: 'storage account show',
      summary: 'Show storage account properties.',
      args: [RG, { name: '--name', aliases: ['-n'], type: 'string', required: true }],
      run(env) {
        const a = findAccount(env, env.str('name'));
        return typeof a === 'number' ? a : env.print(accountJson(a));
      },
    },
    {
      path: 'storage share-rm list',
      summary: 'List the Azure file shares under the storage account.',
      args: [RG, { name: '--storage-account', type: 'string', required: true }],
      run(env) {
        const a = findAccount(env, env.str('storage-account'));
        if (typeof a === 'number') return a;
        const rows = shares(a).map((s) => ({ accessTier: a.kind === 'FileStorage' ? 'Premium' : 'TransactionOptimized', enabledProtocols: s.enabledProtocols, id: `${a.id}/fileServices/default/shares/${s.name}`, lastModifiedTime: s.lastModified, name: s.name, resourceGroup: a.resourceGroup, shareQuota: s.quotaGiB, type: 'Microsoft.Storage/storageAccounts/fileServices/shares' }));
        return env.print(rows);
      },
    },
    {
      path: 'storage share list',
      summary: 'List the file shares in a storage account.',
      args: [{ name: '--account-name', type: 'string', required: true }],
      run(env) {
        const a = findAccount(env, env.str('account-name'));
        if (typeof a === 'number') return a;
        const rows = shares(a).map((s) => ({ metadata: null, name: s.name, properties: { lastModified: s.lastModified, quota: s.quotaGiB, enabledProtocols: s.enabledProtocols }, snapshot: null }));
        return env.print(rows, (v) => (Array.isArray(v) ? v : [v]).map((s: Row) => ({ Name: s.name, Quota: (s.properties as { quota?: number } | undefined)?.quota, 'Last Modified': (s.properties as { lastModified?: string } | undefined)?.lastModified })));
      },
    },
  ];
}
