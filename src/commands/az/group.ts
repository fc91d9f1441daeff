/** `az group create|list|show|delete|exists`. */
import type { AzCommand, AzEnv } from './command.js';
import { NO_WAIT, YES } from './args.js';
import type { Row } from './output.js';
import { resourceGroupNotFound } from '../../cluster/cloud/errors.js';
import type { ResourceGroup } from '../../cluster/cloud/cloud.js';

const RG_NAME = { name: '--name', aliases: ['-n', '--resource-group', '-g'], type: 'string' as const, required: true };

function groupJson(env: AzEnv, g: ResourceGroup) {
  return { id: env.cloud.rgId(g.name), location: g.location, managedBy: g.managedBy ?? null, name: g.name, properties: { provisioningState: 'Succeeded' }, tags: null, type: 'Microsoft.Resources/resourceGroups' };
}

const table = (v: unknown): Row[] => (Array.isArray(v) ? v : [v]).map((g: Record<string, unknown>) => ({ name: g.name, location: g.location, status: (g.properties as { provisioningState?: string } | undefined)?.provisioningState }));

const LOCATIONS = ['australiaeast', 'brazilsouth', 'canadacentral', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'japaneast', 'koreacentral', 'northeurope', 'southcentralus', 'southeastasia', 'swedencentral', 'uksouth', 'westeurope', 'westus', 'westus2', 'westus3'];

export function groupCommands(): AzCommand[] {
  return [
    {
      path: 'group create',
      summary: 'Create a new resource group.',
      args: [RG_NAME, { name: '--location', aliases: ['-l'], type: 'string', required: true }, { name: '--tags', type: 'list' }],
      run(env) {
        const loc = env.str('location')!.toLowerCase().replace(/\s+/g, '');
        if (!LOCATIONS.includes(loc)) {
          return env.fail({ code: 'LocationNotAvailableForResourceGroup', source: 'arm', message: `The provided location '${env.str('location')}' is not available for resource group. List of available regions is '${LOCATIONS.join(',')}'.` });
        }
        const existing = env.cloud.group(env.str('name')!);
        const g = existing ?? env.cloud.ensureGroup(env.str('name')!, loc);
        if (existing && existing.location !== loc) {
          return env.fail({ code: 'InvalidResourceGroupLocation', source: 'arm', message: `Invalid resource group location '${loc}'. The Resource group already exists in location '${existing.location}'.` });
        }
        return env.print(groupJson(env, g), table);
      },
    },
    {
      path: 'group list',
      summary: 'List resource groups.',
      args: [],
      run: (env) => env.print([...env.cloud.groups.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1)).map((g) => groupJson(env, g)), table),
    },
    {
      path: 'group show',
      summary: 'Gets a resource group.',
      args: [RG_NAME],
      run(env) {
        const g = env.cloud.group(env.str('name')!);
        return g ? env.print(groupJson(env, g), table) : env.fail(resourceGroupNotFound(env.str('name')!).error);
      },
    },
    { path: 'group exists', summary: 'Check if a resource group exists.', args: [RG_NAME], run: (env) => env.print(env.cloud.group(env.str('name')!) !== undefined) },
    {
      path: 'group delete',
      summary: 'Delete a resource group.',
      args: [RG_NAME, NO_WAIT, YES],
      run(env) {
        const g = env.cloud.group(env.str('name')!);
        if (!g) return env.fail(resourceGroupNotFound(env.str('name')!).error);
        if (g.managedBy) {
          return env.fail({ code: 'ScopeLocked', source: 'arm', message: `The resource group ${g.name} is managed by ${g.managedBy} and cannot be deleted directly. Delete the AKS cluster instead.` });
        }
        if (env.cloud.clusters.some((c) => c.resourceGroup.toLowerCase() === g.name.toLowerCase())) {
          return env.fail({ code: 'ResourceGroupDeletionBlocked', source: 'arm', message: `Resource group ${g.name} still holds AKS clusters in kubedojo; delete them first with az aks delete.` });
        }
        env.cloud.removeGroup(g.name);
        return 0;
      },
    },
  ];
}
