/** `az vmss list|list-instances|simulate-eviction` over AKS node pools in a node resource group. */
import type { AzCommand, AzEnv } from './command.js';
import { NAME, RG } from './args.js';
import { resourceGroupNotFound, resourceNotFound } from '../../cluster/cloud/errors.js';
import { vmssName } from '../../cluster/cloud/names.js';
import { simulateEviction } from '../../cluster/cloud/spot.js';
import type { AgentPool, ManagedCluster } from '../../cluster/cloud/types.js';

function findVmss(env: AzEnv): { mc: ManagedCluster; pool: AgentPool } | { code: number } {
  const rg = env.str('resource-group')!;
  if (!env.cloud.group(rg)) return { code: env.fail(resourceGroupNotFound(rg).error) };
  const name = env.str('name')!;
  for (const mc of env.cloud.clusters) {
    if (mc.nodeResourceGroup.toLowerCase() !== rg.toLowerCase()) continue;
    const pool = mc.pools.find((p) => vmssName(p.name, p.vmssId).toLowerCase() === name.toLowerCase());
    if (pool) return { mc, pool };
  }
  return { code: env.fail(resourceNotFound('Microsoft.Compute/virtualMachineScaleSets', name, rg).error) };
}

function vmssJson(env: AzEnv, mc: ManagedCluster, p: AgentPool) {
  const name = vmssName(p.name, p.vmssId);
  return {
    id: `/subscriptions/${env.cloud.subscriptionId}/resourceGroups/${mc.nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
    location: mc.location,
    name,
    provisioningState: 'Succeeded',
    resourceGroup: mc.nodeResourceGroup,
    sku: { capacity: p.instances.filter((i) => i.state !== 'Deallocated').length, name: p.vmSize, tier: 'Standard' },
    tags: { aksEngineVersion: 'aks-release-v20261103', 'aks-managed-poolName': p.name, 'aks-managed-orchestrator': `Kubernetes:${p.currentOrchestratorVersion}` },
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    virtualMachineProfile: { priority: p.priority === 'Spot' ? 'Spot' : 'Regular', ...(p.priority === 'Spot' ? { evictionPolicy: p.evictionPolicy, billingProfile: { maxPrice: p.spotMaxPrice } } : {}) },
    zones: p.zones.length ? p.zones : null,
  };
}

export function vmssCommands(): AzCommand[] {
  return [
    {
      path: 'vmss list',
      summary: 'List virtual machine scale sets.',
      args: [{ ...RG, required: false }],
      run(env) {
        const rg = env.str('resource-group');
        if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
        const out = env.cloud.clusters.filter((mc) => !rg || mc.nodeResourceGroup.toLowerCase() === rg.toLowerCase()).flatMap((mc) => mc.pools.map((p) => vmssJson(env, mc, p)));
        return env.print(out);
      },
    },
    {
      path: 'vmss list-instances',
      summary: 'List all virtual machines in a VM scale set.',
      args: [RG, NAME],
      run(env) {
        const f = findVmss(env);
        if ('code' in f) return f.code;
        return env.print(
          f.pool.instances.map((i) => ({
            instanceId: String(i.index),
            latestModelApplied: true,
            location: f.mc.location,
            name: `${vmssName(f.pool.name, f.pool.vmssId)}_${i.index}`,
            osProfile: { computerName: i.name },
            provisioningState: i.state === 'Running' ? 'Succeeded' : i.state === 'Deallocated' ? 'Succeeded' : i.state,
            resourceGroup: f.mc.nodeResourceGroup,
            zones: i.zone ? [i.zone] : null,
          })),
        );
      },
    },
    {
      path: 'vmss simulate-eviction',
      summary: 'Simulate the eviction of a Spot virtual machine in a VM scale set.',
      args: [RG, NAME, { name: '--instance-id', type: 'string', required: true }],
      run(env) {
        const f = findVmss(env);
        if ('code' in f) return f.code;
        const id = Number(env.str('instance-id'));
        if (!Number.isInteger(id)) return env.fail({ code: 'InvalidParameter', source: 'arm', message: `The instance id '${env.str('instance-id')}' is not valid.` });
        const r = simulateEviction(env.cloud, f.mc, f.pool, id);
        if (!r.ok) return env.fail(r.error);
        return 0;
      },
    },
  ];
}
