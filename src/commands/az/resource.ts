/** `az resource list`: what a resource group holds (the node resource group shows AKS's VMSS, VNet, LB, IPs, NSG). */
import type { AzCommand } from './command.js';
import type { Row } from './output.js';
import { resourceGroupNotFound } from '../../cluster/cloud/errors.js';
import { nodeGroupResources } from './arm.js';

const table = (v: unknown): Row[] => (Array.isArray(v) ? v : [v]).map((r: Record<string, unknown>) => ({ name: r.name, resourceGroup: r.resourceGroup, location: r.location, type: r.type, status: null }));

export function resourceCommands(): AzCommand[] {
  return [
    {
      path: 'resource list',
      summary: 'List resources.',
      args: [
        { name: '--resource-group', aliases: ['-g'], type: 'string' },
        { name: '--resource-type', type: 'string' },
        { name: '--location', aliases: ['-l'], type: 'string' },
      ],
      run(env) {
        const rg = env.str('resource-group');
        if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
        const all: Record<string, unknown>[] = [];
        for (const mc of env.cloud.clusters) {
          all.push({ id: mc.id, location: mc.location, name: mc.name, resourceGroup: mc.resourceGroup, type: 'Microsoft.ContainerService/managedClusters', sku: { name: 'Base', tier: mc.tier } });
          all.push(...nodeGroupResources(env.cloud, mc));
        }
        for (const v of env.cloud.vnets) {
          if (env.cloud.clusters.some((c) => c.nodeResourceGroup.toLowerCase() === v.resourceGroup.toLowerCase())) continue;
          all.push({ id: `${env.cloud.rgId(v.resourceGroup)}/providers/Microsoft.Network/virtualNetworks/${v.name}`, location: v.location, name: v.name, resourceGroup: v.resourceGroup, type: 'Microsoft.Network/virtualNetworks' });
        }
        for (const r of env.cloud.resources) if (!all.some((x) => x.id === r.id) && !env.cloud.clusters.some((c) => c.nodeResourceGroup.toLowerCase() === r.resourceGroup.toLowerCase())) all.push({ ...r });
        const type = env.str('resource-type')?.toLowerCase();
        const items = all.filter((r) => (!rg || String(r.resourceGroup).toLowerCase() === rg.toLowerCase()) && (!type || String(r.type).toLowerCase() === type) && (!env.str('location') || r.location === env.str('location')));
        return env.print(items, table);
      },
    },
  ];
}
