/**
 * `az netappfiles account create|list`, `az netappfiles pool create|list`,
 * `az netappfiles volume list`: the small Azure NetApp Files surface a
 * learner needs before AKS can provision NetApp volumes (kubedojo plays
 * Trident: the first capacity pool in the cluster's region adds the
 * `azurenetappfiles` StorageClass).
 */
import type { AzCommand, AzEnv } from './command.js';
import type { Row } from './output.js';
import { cliError, resourceGroupNotFound, resourceNotFound } from '../../cluster/cloud/errors.js';
import { ACCOUNT_TYPE, createAccount, createPool, netappResources, POOL_TYPE, SERVICE_LEVELS, TiB, VOLUME_TYPE, type NetAppResource } from '../../cluster/cloud/netapp.js';
import { enableNetApp } from '../../cluster/cloud/aks-storage.js';

const RG = { name: '--resource-group', aliases: ['-g'], type: 'string' as const, required: true };

function json(r: NetAppResource): Record<string, unknown> {
  return { id: r.id, location: r.location, name: r.name, resourceGroup: r.resourceGroup, tags: r.tags ?? null, type: r.type, ...r.properties };
}

function account(env: AzEnv): NetAppResource | number {
  const rg = env.str('resource-group')!;
  if (!env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
  const name = env.str('account-name')!;
  const a = netappResources(env.cloud, ACCOUNT_TYPE, rg).find((x) => x.name === name);
  return a ?? env.fail(resourceNotFound(ACCOUNT_TYPE, name, rg).error);
}

const poolTable = (v: unknown): Row[] => (Array.isArray(v) ? v : [v]).map((p: Row) => ({ Location: p.location, Name: p.name, PoolId: p.poolId, ProvisioningState: p.provisioningState, QosType: p.qosType, ResourceGroup: p.resourceGroup, ServiceLevel: p.serviceLevel, Size: p.size }));

export function netappCommands(): AzCommand[] {
  return [
    {
      path: 'netappfiles account create',
      summary: 'Create a new Azure NetApp Files (ANF) account.',
      args: [RG, { name: '--name', aliases: ['-n', '--account-name'], type: 'string', required: true }, { name: '--location', aliases: ['-l'], type: 'string' }],
      run(env) {
        const rg = env.str('resource-group')!;
        const g = env.cloud.group(rg);
        if (!g) return env.fail(resourceGroupNotFound(rg).error);
        const name = env.str('name')!;
        const a = netappResources(env.cloud, ACCOUNT_TYPE, rg).find((x) => x.name === name) ?? createAccount(env.cloud, rg, name, (env.str('location') ?? g.location).toLowerCase());
        return env.print(json(a));
      },
    },
    {
      path: 'netappfiles account list',
      summary: 'List ANF accounts.',
      args: [{ ...RG, required: false }],
      run(env) {
        const rg = env.str('resource-group');
        if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
        return env.print(netappResources(env.cloud, ACCOUNT_TYPE, rg).map(json));
      },
    },
    {
      path: 'netappfiles pool create',
      summary: 'Create a new Azure NetApp Files (ANF) pool.',
      args: [RG, { name: '--account-name', aliases: ['-a'], type: 'string', required: true }, { name: '--name', aliases: ['-n', '--pool-name', '-p'], type: 'string', required: true }, { name: '--size', type: 'int', required: true }, { name: '--service-level', type: 'string', required: true, choices: SERVICE_LEVELS }, { name: '--location', aliases: ['-l'], type: 'string' }],
      run(env) {
        const a = account(env);
        if (typeof a === 'number') return a;
        const size = env.num('size')!;
        if (size < 1 || size > 2048) return env.fail({ code: 'InvalidParameter', source: 'arm', message: `Capacity pool size must be between 1 TiB and 2048 TiB. Requested size: ${size} TiB.` });
        const level = SERVICE_LEVELS.find((l) => l.toLowerCase() === env.str('service-level')!.toLowerCase())!;
        const name = env.str('name')!;
        const existing = netappResources(env.cloud, POOL_TYPE).find((p) => p.id.toLowerCase() === `${a.id}/capacityPools/${name}`.toLowerCase());
        const p = existing ?? createPool(env.cloud, a, name, size, level);
        enableNetApp(env.cloud, a.location);
        return env.print(json(p), poolTable);
      },
    },
    {
      path: 'netappfiles pool list',
      summary: 'List ANF pools by account.',
      args: [RG, { name: '--account-name', aliases: ['-a'], type: 'string', required: true }],
      run(env) {
        const a = account(env);
        if (typeof a === 'number') return a;
        return env.print(
          netappResources(env.cloud, POOL_TYPE).filter((p) => p.id.toLowerCase().startsWith(`${a.id.toLowerCase()}/`)).map(json),
          poolTable,
        );
      },
    },
    {
      path: 'netappfiles volume list',
      summary: 'List ANF volumes by pool.',
      args: [RG, { name: '--account-name', aliases: ['-a'], type: 'string', required: true }, { name: '--pool-name', aliases: ['-p'], type: 'string', required: true }],
      run(env) {
        const a = account(env);
        if (typeof a === 'number') return a;
        const prefix = `${a.id}/capacityPools/${env.str('pool-name')}/volumes/`.toLowerCase();
        const vols = netappResources(env.cloud, VOLUME_TYPE).filter((v) => v.id.toLowerCase().startsWith(prefix));
        if (!netappResources(env.cloud, POOL_TYPE).some((p) => `${p.id}/volumes/`.toLowerCase() === prefix)) return env.fail(cliError(`Capacity pool ${env.str('pool-name')} not found in account ${a.name}.`).error);
        return env.print(vols.map((v) => ({ ...json(v), usageThresholdGiB: Number(v.properties.usageThreshold) / TiB * 1024 })));
      },
    },
  ];
}
