/**
 * `az network lb show|list`, `lb frontend-ip|rule|probe list`,
 * `az network public-ip show|list` and `az network nsg show|list`,
 * `nsg rule list`: what AKS created in the node resource group for the
 * cluster and its LoadBalancer Services, in ARM's JSON, with the CLI's table
 * columns (knack's automatic table, or the NSG rule transformer).
 */
import type { AzCommand, AzEnv } from './command.js';
import { NAME, RG } from './args.js';
import type { Row } from './output.js';
import { resourceGroupNotFound, resourceNotFound } from '../../cluster/cloud/errors.js';
import { NodeNetwork, clusterForNodeGroup } from '../../cluster/cloud/network-view.js';

type J = Record<string, unknown>;
const SKIP = new Set(['id', 'type', 'etag']);

/** knack's automatic table: scalar fields, sorted, without id/type/etag. */
export function autoTable(v: unknown): Row[] {
  return (Array.isArray(v) ? v : [v]).map((it: J) => {
    const row: Row = {};
    for (const k of Object.keys(it ?? {}).sort()) {
      const x = it[k];
      if (SKIP.has(k) || x === null || x === undefined || typeof x === 'object') continue;
      row[k] = x;
    }
    return row;
  });
}

/** azure-cli's transform_nsg_rule_table_output, per rule. */
export function nsgRuleTable(v: unknown): Row[] {
  const join = (a: unknown) => (Array.isArray(a) ? a.join(' ') : '');
  return (Array.isArray(v) ? v : [v]).map((r: J) => ({
    Name: r.name,
    ResourceGroup: r.resourceGroup,
    Priority: r.priority,
    SourcePortRanges: r.sourcePortRange || join(r.sourcePortRanges),
    SourceAddressPrefixes: r.sourceAddressPrefix || join(r.sourceAddressPrefixes),
    SourceASG: r.sourceApplicationSecurityGroups || 'None',
    Access: r.access,
    Protocol: r.protocol,
    Direction: r.direction,
    DestinationPortRanges: r.destinationPortRange || join(r.destinationPortRanges),
    DestinationAddressPrefixes: r.destinationAddressPrefix || join(r.destinationAddressPrefixes),
    DestinationASG: r.destinationApplicationSecurityGroups || 'None',
  }));
}

/** The group's network, or the ARM error; `undefined` network for a group that holds no cluster's nodes. */
function group(env: AzEnv): { net?: NodeNetwork } | { code: number } {
  const rg = env.str('resource-group')!;
  if (!env.cloud.group(rg)) return { code: env.fail(resourceGroupNotFound(rg).error) };
  const mc = clusterForNodeGroup(env.cloud, rg);
  return { net: mc ? new NodeNetwork(env.cloud, mc) : undefined };
}

function allGroups(env: AzEnv): NodeNetwork[] | number {
  const rg = env.str('resource-group');
  if (rg) {
    const g = group(env);
    if ('code' in g) return g.code;
    return g.net ? [g.net] : [];
  }
  return env.cloud.clusters.map((mc) => new NodeNetwork(env.cloud, mc));
}

function loadBalancer(env: AzEnv, key: string): J | number {
  const g = group(env);
  if ('code' in g) return g.code;
  const name = env.str(key)!;
  const lb = g.net?.loadBalancer(name);
  if (!lb) return env.fail(resourceNotFound('Microsoft.Network/loadBalancers', name, env.str('resource-group')!).error);
  return lb;
}

function nsg(env: AzEnv, key: string): J | number {
  const g = group(env);
  if ('code' in g) return g.code;
  const name = env.str(key)!;
  const n = g.net?.nsg();
  if (!n || String(n.name).toLowerCase() !== name.toLowerCase()) return env.fail(resourceNotFound('Microsoft.Network/networkSecurityGroups', name, env.str('resource-group')!).error);
  return n;
}

export function networkLbCommands(): AzCommand[] {
  const LB = { name: '--lb-name', type: 'string' as const, required: true };
  const lbChildren = (path: string, field: string, summary: string): AzCommand => ({
    path,
    summary,
    args: [RG, LB],
    run(env) {
      const lb = loadBalancer(env, 'lb-name');
      return typeof lb === 'number' ? lb : env.print(lb[field], autoTable);
    },
  });
  /** `… list` over one resource group's node network, or every cluster's when no group is given. */
  const acrossGroups = (path: string, summary: string, items: (n: NodeNetwork) => J[]): AzCommand => ({
    path,
    summary,
    args: [{ ...RG, required: false }],
    run(env) {
      const nets = allGroups(env);
      if (typeof nets === 'number') return nets;
      return env.print(nets.flatMap(items), autoTable);
    },
  });
  return [
    {
      path: 'network lb show',
      summary: 'Get the details of a load balancer.',
      args: [RG, NAME],
      run(env) {
        const lb = loadBalancer(env, 'name');
        return typeof lb === 'number' ? lb : env.print(lb, autoTable);
      },
    },
    acrossGroups('network lb list', 'List load balancers.', (n) => n.lbNames().map((l) => n.loadBalancer(l)!)),
    lbChildren('network lb frontend-ip list', 'frontendIPConfigurations', 'List frontend IP addresses of a load balancer.'),
    lbChildren('network lb rule list', 'loadBalancingRules', 'List load balancing rules.'),
    lbChildren('network lb probe list', 'probes', 'List probes of a load balancer.'),
    lbChildren('network lb address-pool list', 'backendAddressPools', 'List address pools.'),
    acrossGroups('network public-ip list', 'List public IP addresses.', (n) => n.publicIps()),
    {
      path: 'network public-ip show',
      summary: 'Get the details of a public IP address.',
      args: [RG, NAME],
      run(env) {
        const g = group(env);
        if ('code' in g) return g.code;
        const ip = g.net?.publicIps().find((p) => String(p.name).toLowerCase() === env.str('name')!.toLowerCase());
        if (!ip) return env.fail(resourceNotFound('Microsoft.Network/publicIPAddresses', env.str('name')!, env.str('resource-group')!).error);
        return env.print(ip, autoTable);
      },
    },
    acrossGroups('network nsg list', 'List network security groups.', (n) => [n.nsg()]),
    {
      path: 'network nsg show',
      summary: 'Get information about a network security group.',
      args: [RG, NAME],
      run(env) {
        const n = nsg(env, 'name');
        return typeof n === 'number' ? n : env.print(n, autoTable);
      },
    },
    {
      path: 'network nsg rule list',
      summary: 'List all rules in a network security group.',
      args: [RG, { name: '--nsg-name', type: 'string', required: true }, { name: '--include-default', type: 'bool' }],
      run(env) {
        const n = nsg(env, 'nsg-name');
        if (typeof n === 'number') return n;
        const rules = [...(n.securityRules as J[]), ...(env.bool('include-default') ? (n.defaultSecurityRules as J[]) : [])];
        return env.print(rules, nsgRuleTable);
      },
    },
  ];
}
