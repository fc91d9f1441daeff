/** Agent pool specs: defaults, Azure's validation, and the IP arithmetic that decides whether a pool fits. */
import type { AzureCloud } from './cloud.js';
import type { AgentPool, ManagedCluster, NetworkMode } from './types.js';
import { vmSize, DEFAULT_VM_SIZE } from './vm-sizes.js';
import { armError, type AzError } from './errors.js';
import { parseTaint, SPOT_TAINT } from './node-machine.js';
import { vmssDigits } from './names.js';
import { NODE_IMAGE_RELEASES } from './versions.js';
import { nodeSubnetOf, subnetFull } from './instances.js';

export interface PoolSpec {
  name: string;
  mode?: 'System' | 'User';
  vmSize?: string;
  count?: number;
  maxPods?: number;
  osType?: 'Linux' | 'Windows';
  osSku?: string;
  osDiskSizeGb?: number;
  labels?: Record<string, string>;
  taints?: string[];
  priority?: 'Regular' | 'Spot';
  evictionPolicy?: 'Delete' | 'Deallocate';
  spotMaxPrice?: number;
  zones?: string[];
  enableAutoScaling?: boolean;
  minCount?: number;
  maxCount?: number;
  orchestratorVersion?: string;
  currentVersion: string;
  maxSurge?: string;
  vnetSubnetId?: string;
  podSubnetId?: string;
}

export function defaultMaxPods(mode: NetworkMode): number {
  switch (mode) {
    case 'azure-node-subnet':
      return 30;
    case 'kubenet':
      return 110;
    case 'overlay':
    case 'azure-pod-subnet':
    case 'none':
      return 250;
  }
}

const invalid = (field: string, why: string) => armError('InvalidParameter', `The value of parameter ${field} is invalid. Error details: ${why}`);

export function validatePool(mc: ManagedCluster | undefined, mode: NetworkMode, s: PoolSpec): AzError | undefined {
  if (!/^[a-z][a-z0-9]*$/.test(s.name) || s.name.length > (s.osType === 'Windows' ? 6 : 12)) {
    return armError(
      'InvalidParameter',
      `The agent pool name '${s.name}' is invalid. Agent pool names must start with a lowercase letter, have max length of ${s.osType === 'Windows' ? 6 : 12} for Linux and 6 for Windows, and only have characters a-z0-9.`,
    ).error;
  }
  if (mc?.pools.some((p) => p.name === s.name)) return armError('AgentPoolAlreadyExists', `Node pool ${s.name} already exists, please try a different name, use 'aks nodepool list' to get current list of node pool`).error;
  const size = vmSize(s.vmSize ?? DEFAULT_VM_SIZE);
  if (!size) return armError('InvalidParameter', `The VM size of ${s.vmSize} is not supported or not allowed in your subscription in location '${mc?.location ?? 'eastus'}'. kubedojo knows the sizes listed by 'az vm list-sizes -l eastus'.`).error;
  const maxPods = s.maxPods ?? defaultMaxPods(mode);
  if (maxPods < 10 || maxPods > 250) return invalid('agentPoolProfile.maxPods', `maxPods must be between 10 and 250 (inclusive), got ${maxPods}. See https://aka.ms/aks-pod-limits`).error;
  const count = s.count ?? 3;
  if ((s.mode ?? 'User') === 'System') {
    if (s.osType === 'Windows') return armError('InvalidParameter', 'Windows agent pools cannot be system pools.').error;
    if (s.priority === 'Spot') return armError('InvalidParameter', 'Spot agent pools cannot be system pools. Please use "--mode User" for spot node pools.').error;
    if (size.burstable) return armError('InvalidParameter', `System pool ${s.name} cannot use VM size ${size.name}: B-series (burstable) VM sizes are not supported for system node pools.`).error;
    if (count < 1 && !s.enableAutoScaling) return invalid('agentPoolProfile.count', `System node pool ${s.name} must have at least 1 node.`).error;
    if (maxPods * Math.max(count, 1) < 30 && maxPods < 30) return invalid('agentPoolProfile.maxPods', `System node pools must support at least 30 pods; ${maxPods} max pods per node is too few.`).error;
  }
  if (maxPods * Math.max(count, 1) < 30 && count > 0) return invalid('agentPoolProfile.maxPods', `The pool must be able to run at least 30 pods in total (maxPods ${maxPods} × count ${count}). See https://aka.ms/aks-pod-limits`).error;
  if (count < 0 || count > 1000) return invalid('agentPoolProfile.count', `Node count must be between 0 and 1000 (inclusive), got ${count}.`).error;
  for (const t of s.taints ?? []) if (!parseTaint(t)) return invalid('agentPoolProfile.nodeTaints', `taint ${t} is not in the format key=value:Effect (NoSchedule, PreferNoSchedule or NoExecute).`).error;
  for (const k of Object.keys(s.labels ?? {})) {
    if (/^(kubernetes\.azure\.com|kubernetes\.io|k8s\.io)\//.test(k)) return invalid('agentPoolProfile.nodeLabels', `label key ${k} uses a reserved prefix (kubernetes.azure.com/, kubernetes.io/, k8s.io/).`).error;
  }
  if (s.enableAutoScaling) {
    if (s.minCount === undefined || s.maxCount === undefined) return armError('InvalidParameter', 'Please specify both min-count and max-count when --enable-cluster-autoscaler or --update-cluster-autoscaler set.').error;
    if (s.minCount > s.maxCount) return armError('InvalidParameter', 'value of min-count should be less than or equal to value of max-count.').error;
  }
  if (mode === 'kubenet' && s.osType === 'Windows') return armError('InvalidParameter', 'Windows agent pools are not supported with kubenet. Use Azure CNI.').error;
  return undefined;
}

export function newPool(cloud: AzureCloud, clusterName: string, s: PoolSpec, mode: NetworkMode): AgentPool {
  const taints = [...(s.taints ?? [])];
  if (s.priority === 'Spot' && !taints.includes(SPOT_TAINT)) taints.push(SPOT_TAINT);
  const labels = { ...(s.labels ?? {}) };
  if (s.priority === 'Spot') labels['kubernetes.azure.com/scalesetpriority'] = 'spot';
  const count = s.enableAutoScaling ? Math.max(s.count ?? s.minCount ?? 3, s.minCount ?? 0) : (s.count ?? 3);
  return {
    name: s.name,
    mode: s.mode ?? 'User',
    vmSize: vmSize(s.vmSize ?? DEFAULT_VM_SIZE)!.name,
    count,
    maxPods: s.maxPods ?? defaultMaxPods(mode),
    osType: s.osType ?? 'Linux',
    osSku: s.osSku ?? (s.osType === 'Windows' ? 'Windows2022' : 'Ubuntu'),
    osDiskSizeGb: s.osDiskSizeGb ?? 128,
    osDiskType: vmSize(s.vmSize ?? DEFAULT_VM_SIZE)!.tempDisk ? 'Ephemeral' : 'Managed',
    nodeLabels: labels,
    nodeTaints: taints,
    priority: s.priority ?? 'Regular',
    ...(s.priority === 'Spot' ? { evictionPolicy: s.evictionPolicy ?? 'Delete', spotMaxPrice: s.spotMaxPrice ?? -1 } : {}),
    zones: s.zones ?? [],
    enableAutoScaling: s.enableAutoScaling ?? false,
    ...(s.enableAutoScaling ? { minCount: s.minCount, maxCount: s.maxCount } : {}),
    orchestratorVersion: s.orchestratorVersion ?? s.currentVersion,
    currentOrchestratorVersion: s.currentVersion,
    nodeImageRelease: NODE_IMAGE_RELEASES[0]!,
    provisioningState: 'Creating',
    powerState: 'Running',
    upgradeSettings: { maxSurge: s.maxSurge ?? '1', maxUnavailable: '0', drainTimeoutInMinutes: 30, nodeSoakDurationInMinutes: 0 },
    scaleDownMode: 'Delete',
    ...(s.vnetSubnetId ? { vnetSubnetId: s.vnetSubnetId } : {}),
    ...(s.podSubnetId ? { podSubnetId: s.podSubnetId } : {}),
    vmssId: vmssDigits(cloud.rng.fork(`vmss:${clusterName}:${s.name}`)),
    instances: [],
    nextIndex: 0,
    createdAt: cloud.world.clock.now(),
  };
}

/** Surge nodes an upgrade adds: an integer or a percentage of the pool rounded up (at least 1). */
export function surgeCount(pool: AgentPool): number {
  const m = pool.upgradeSettings.maxSurge;
  const n = m.endsWith('%') ? Math.ceil((pool.count * Number(m.slice(0, -1))) / 100) : Number(m);
  return Math.max(1, Number.isFinite(n) ? n : 1);
}

/**
 * Whether the node subnet (and for Overlay/kubenet the pod CIDR) holds every
 * pool at its target size plus one surge node each, as AKS checks before it
 * creates or scales (facts §3.3: (nodes + surge) × (maxPods + 1) for Azure CNI).
 */
export function checkAddressSpace(cloud: AzureCloud, mc: ManagedCluster, pools: { pool: AgentPool; count: number }[]): AzError | undefined {
  const bySubnet = new Map<string, { need: number; subnet: NonNullable<ReturnType<typeof nodeSubnetOf>> }>();
  let podBlocks = 0;
  for (const { pool, count } of pools) {
    const subnet = nodeSubnetOf(cloud, mc, pool);
    if (!subnet) continue;
    const nodes = (pool.enableAutoScaling ? Math.max(count, pool.maxCount ?? count) : count) + (count > 0 ? 1 : 0);
    const per = mc.mode === 'azure-node-subnet' ? pool.maxPods + 1 : 1;
    const key = `${subnet.vnetName}/${subnet.name}`;
    const e = bySubnet.get(key) ?? { need: 0, subnet };
    e.need += nodes * per;
    bySubnet.set(key, e);
    podBlocks += nodes;
  }
  for (const { need, subnet } of bySubnet.values()) if (need > subnet.capacity) return subnetFull(subnet.addressPrefix, subnet.name, need, subnet.capacity).error;
  if ((mc.mode === 'overlay' || mc.mode === 'kubenet') && mc.podCidrs && podBlocks > mc.podCidrs.capacity) {
    return armError(
      'InsufficientSubnetSize',
      `Pre-allocated IPs ${podBlocks * 256} exceeds IPs available ${mc.podCidrs.capacity * 256} in Subnet Cidr ${mc.podCidrs.cidr.text}, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize`,
    ).error;
  }
  if (mc.mode === 'kubenet') {
    const nodes = pools.reduce((a, p) => a + p.count, 0);
    if (nodes > 400) return armError('InvalidParameter', `kubenet clusters are limited to 400 nodes (a route table holds at most 400 routes); the cluster would have ${nodes}. Use Azure CNI Overlay for larger clusters.`).error;
  }
  return undefined;
}
