/** Shared helpers for the AKS tests: an environment, `az …` lines, and the cloud state behind them. */
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { cloudOf } from '../../src/cluster/cloud/cloud.js';
import type { ManagedCluster } from '../../src/cluster/cloud/types.js';
import type { KObject } from '../../src/cluster/api/types.js';

export function env(seed = 1): Environment {
  return createEnvironment({ seed });
}

export function run(e: Environment, line: string): { out: string; err: string; code: number } {
  return sh(e, line);
}

/** Run and insist it worked (shows the error text when it did not). */
export function ok(e: Environment, line: string): string {
  const r = sh(e, line);
  if (r.code !== 0) throw new Error(`${line}\nexit ${r.code}\n${r.err}`);
  return r.out;
}

export function mc(e: Environment, rg = 'myResourceGroup', name = 'myAKSCluster'): ManagedCluster {
  const c = cloudOf(e.world).cluster(rg, name);
  if (!c) throw new Error(`no cluster ${rg}/${name}`);
  return c;
}

export type NodeObj = KObject & {
  metadata: { name: string; labels: Record<string, string> };
  spec: { podCIDR?: string; taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean };
  status: { allocatable: Record<string, string>; addresses: { type: string; address: string }[]; nodeInfo: { kubeletVersion: string } };
};

export function nodes(c: ManagedCluster): NodeObj[] {
  return c.cluster.admin.items<NodeObj>('nodes');
}

export function internalIp(n: NodeObj): string {
  return n.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

export const SUB = (e: Environment, rg: string, vnet: string, subnet: string) => `/subscriptions/${cloudOf(e.world).subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${subnet}`;
