/** `az network vnet create|show|list|list-usage` and `az network vnet subnet create|show|list|list-available-ips`. */
import type { AzCommand, AzEnv } from './command.js';
import { NAME, RG } from './args.js';
import { intToIp, overlaps, parseCidr } from '../../cluster/cloud/cidr.js';
import { resourceGroupNotFound, resourceNotFound } from '../../cluster/cloud/errors.js';
import type { VNet } from '../../cluster/cloud/types.js';
import { AzureSubnet } from '../../cluster/cloud/ipam.js';

function subnetJson(env: AzEnv, v: VNet, s: AzureSubnet) {
  const id = env.cloud.subnetId(v, s.name);
  const configs = [...s.owners().entries()].sort(([a], [b]) => a - b).map(([off, owner]) => ({ id: `${id}/ipConfigurations/${owner.replace('/', '-')}-${intToIp(s.cidr.base + off)}`, resourceGroup: v.resourceGroup }));
  return {
    addressPrefix: s.addressPrefix,
    delegations: [],
    etag: 'W/"00000000-0000-0000-0000-000000000000"',
    id,
    ipConfigurations: configs.length ? configs : null,
    name: s.name,
    privateEndpointNetworkPolicies: 'Disabled',
    privateLinkServiceNetworkPolicies: 'Enabled',
    provisioningState: 'Succeeded',
    resourceGroup: v.resourceGroup,
    type: 'Microsoft.Network/virtualNetworks/subnets',
  };
}

function vnetJson(env: AzEnv, v: VNet) {
  return {
    addressSpace: { addressPrefixes: v.addressPrefixes },
    enableDdosProtection: false,
    id: `${env.cloud.rgId(v.resourceGroup)}/providers/Microsoft.Network/virtualNetworks/${v.name}`,
    location: v.location,
    name: v.name,
    provisioningState: 'Succeeded',
    resourceGroup: v.resourceGroup,
    subnets: [...v.subnets.values()].map((s) => subnetJson(env, v, s)),
    type: 'Microsoft.Network/virtualNetworks',
  };
}

function findVnet(env: AzEnv, key: string): { v: VNet } | { code: number } {
  const rg = env.str('resource-group')!;
  if (!env.cloud.group(rg)) return { code: env.fail(resourceGroupNotFound(rg).error) };
  const v = env.cloud.vnet(rg, env.str(key)!);
  if (!v) return { code: env.fail(resourceNotFound('Microsoft.Network/virtualNetworks', env.str(key)!, rg).error) };
  return { v };
}

function addSubnet(env: AzEnv, v: VNet, name: string, prefix: string): number | undefined {
  const c = parseCidr(prefix);
  if (!c) return env.fail({ code: 'InvalidAddressPrefixFormat', source: 'arm', message: `Address prefix ${prefix} of resource ${name} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.` });
  if (!v.addressPrefixes.some((p) => { const pc = parseCidr(p)!; return c.base >= pc.base && c.base + c.size <= pc.base + pc.size; })) {
    return env.fail({ code: 'NetcfgSubnetRangeOutsideVnet', source: 'arm', message: `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${v.name}'.` });
  }
  for (const s of v.subnets.values()) {
    if (overlaps(s.cidr, c)) return env.fail({ code: 'NetcfgSubnetRangesOverlap', source: 'arm', message: `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet '${s.name}' in virtual network '${v.name}'.` });
  }
  if (c.bits > 29) return env.fail({ code: 'InvalidSubnetPrefix', source: 'arm', message: `Subnet ${name} has an address prefix ${prefix} smaller than /29; the smallest supported subnet is /29.` });
  v.subnets.set(name, new AzureSubnet(name, c.text, v.name));
  return undefined;
}

export function networkCommands(): AzCommand[] {
  const VNET = { name: '--vnet-name', type: 'string' as const, required: true };
  return [
    {
      path: 'network vnet create',
      summary: 'Create a virtual network.',
      args: [RG, NAME, { name: '--address-prefixes', aliases: ['--address-prefix'], type: 'list' }, { name: '--subnet-name', type: 'string' }, { name: '--subnet-prefixes', aliases: ['--subnet-prefix'], type: 'list' }, { name: '--location', aliases: ['-l'], type: 'string' }],
      run(env) {
        const rg = env.cloud.group(env.str('resource-group')!);
        if (!rg) return env.fail(resourceGroupNotFound(env.str('resource-group')!).error);
        const prefixes = env.list('address-prefixes') ?? ['10.0.0.0/16'];
        for (const p of prefixes) if (!parseCidr(p)) return env.fail({ code: 'InvalidAddressPrefixFormat', source: 'arm', message: `Address prefix ${p} of resource ${env.str('name')} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.` });
        const existing = env.cloud.vnet(rg.name, env.str('name')!);
        const v = existing ?? env.cloud.addVnet(rg.name, env.str('name')!, env.str('location') ?? rg.location, prefixes.map((p) => parseCidr(p)!.text), []);
        const sn = env.str('subnet-name');
        if (sn && !v.subnets.has(sn)) {
          const code = addSubnet(env, v, sn, env.list('subnet-prefixes')?.[0] ?? v.addressPrefixes[0]!.replace(/\/\d+$/, '/24'));
          if (code !== undefined) return code;
        }
        return env.print({ newVNet: vnetJson(env, v) });
      },
    },
    { path: 'network vnet show', summary: 'Get the details of a virtual network.', args: [RG, NAME], run: (env) => { const f = findVnet(env, 'name'); return 'code' in f ? f.code : env.print(vnetJson(env, f.v)); } },
    {
      path: 'network vnet list',
      summary: 'List virtual networks.',
      args: [{ ...RG, required: false }],
      run: (env) => env.print(env.cloud.vnets.filter((v) => !env.str('resource-group') || v.resourceGroup.toLowerCase() === env.str('resource-group')!.toLowerCase()).map((v) => vnetJson(env, v))),
    },
    {
      path: 'network vnet list-usage',
      summary: 'List which IPs are used in each subnet of a virtual network.',
      args: [RG, NAME],
      run(env) {
        const f = findVnet(env, 'name');
        if ('code' in f) return f.code;
        return env.print([...f.v.subnets.values()].map((s) => ({ currentValue: s.usedCount, id: env.cloud.subnetId(f.v, s.name), limit: s.capacity, name: { localizedValue: 'Subnet size and usage', value: 'Subnet size and usage' }, unit: 'Count' })));
      },
    },
    {
      path: 'network vnet subnet create',
      summary: 'Create a subnet and associate an existing NSG and route table.',
      args: [RG, VNET, NAME, { name: '--address-prefixes', aliases: ['--address-prefix'], type: 'list', required: true }, { name: '--delegations', type: 'list' }],
      run(env) {
        const f = findVnet(env, 'vnet-name');
        if ('code' in f) return f.code;
        const name = env.str('name')!;
        if (!f.v.subnets.has(name)) {
          const code = addSubnet(env, f.v, name, env.list('address-prefixes')![0]!);
          if (code !== undefined) return code;
        }
        return env.print(subnetJson(env, f.v, f.v.subnets.get(name)!));
      },
    },
    {
      path: 'network vnet subnet show',
      summary: 'Show details of a subnet.',
      args: [RG, VNET, NAME],
      run(env) {
        const f = findVnet(env, 'vnet-name');
        if ('code' in f) return f.code;
        const s = f.v.subnets.get(env.str('name')!);
        if (!s) return env.fail(resourceNotFound('Microsoft.Network/virtualNetworks/subnets', `${f.v.name}/${env.str('name')}`, f.v.resourceGroup).error);
        return env.print(subnetJson(env, f.v, s));
      },
    },
    {
      path: 'network vnet subnet list',
      summary: 'List the subnets in a virtual network.',
      args: [RG, VNET],
      run(env) {
        const f = findVnet(env, 'vnet-name');
        if ('code' in f) return f.code;
        return env.print([...f.v.subnets.values()].map((s) => subnetJson(env, f.v, s)));
      },
    },
    {
      path: 'network vnet subnet list-available-ips',
      summary: 'List some available IPs in the subnet.',
      args: [RG, VNET, NAME],
      run(env) {
        const f = findVnet(env, 'vnet-name');
        if ('code' in f) return f.code;
        const s = f.v.subnets.get(env.str('name')!);
        if (!s) return env.fail(resourceNotFound('Microsoft.Network/virtualNetworks/subnets', `${f.v.name}/${env.str('name')}`, f.v.resourceGroup).error);
        const out: string[] = [];
        const used = s.owners();
        for (let off = 4; off < s.cidr.size - 1 && out.length < 5; off++) if (!used.has(off)) out.push(intToIp(s.cidr.base + off));
        return env.print(out);
      },
    },
  ];
}
