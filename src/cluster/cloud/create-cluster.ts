/**
 * `az aks create`: validate like ARM, then build the managed cluster — its
 * Kubernetes cluster in the World, the node resource group with its VNet (or
 * the BYO subnet), and the first (System) pool — as a long operation whose
 * VMs boot on the simulated clock.
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster, NetworkMode, NetworkProfile } from './types.js';
import { armError, type AzResult, ok, resourceGroupNotFound } from './errors.js';
import { dnsPrefix as makeDnsPrefix, guid, hex, nodeResourceGroup } from './names.js';
import { defaultVersion, resolveVersion } from './versions.js';
import { checkAddressSpace, newPool, validatePool, type PoolSpec } from './pool-spec.js';
import { PodCidrPool } from './ipam.js';
import { containsIp, isIp, overlaps, parseCidr } from './cidr.js';
import { installControlPlane } from '../components.js';
import { installKubeSystem } from '../profiles/kube-system.js';
import { startAutoRepair } from './auto-repair.js';
import { startClusterAutoscaler } from '../autoscaling/cluster-autoscaler/index.js';
import { workloadIdentityWebhook } from './workload-identity.js';
import { setNetwork } from '../services/network-config.js';
import { setLoadBalancerProvider } from '../services/load-balancer.js';
import { azureLoadBalancers } from './load-balancer.js';
import { runTask, type Task, type TaskBody } from './tasks.js';
import { createInstance, nodeReady, scheduleBoot } from './instances.js';
import { intToIp } from './cidr.js';
import { installAksStorage } from './aks-storage.js';

export interface ClusterSpec {
  name: string;
  resourceGroup: string;
  location?: string;
  pool: Omit<PoolSpec, 'currentVersion' | 'mode'>;
  networkPlugin?: 'azure' | 'kubenet' | 'none';
  networkPluginMode?: 'overlay';
  networkPolicy?: string;
  networkDataplane?: 'azure' | 'cilium';
  podCidr?: string;
  serviceCidr?: string;
  dnsServiceIp?: string;
  outboundType?: string;
  tier?: 'free' | 'standard' | 'premium';
  kubernetesVersion?: string;
  enableOidcIssuer?: boolean;
  enableWorkloadIdentity?: boolean;
  autoUpgradeChannel?: string;
  nodeOsUpgradeChannel?: string;
  nodeResourceGroup?: string;
  dnsNamePrefix?: string;
  addons?: string[];
  tags?: Record<string, string>;
  /** Build with VMs already booted (the starting profile). */
  instant?: boolean;
}

const RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

export function networkMode(s: Pick<ClusterSpec, 'networkPlugin' | 'networkPluginMode'> & { podSubnetId?: string }): NetworkMode {
  if (s.networkPlugin === 'kubenet') return 'kubenet';
  if (s.networkPlugin === 'none') return 'none';
  if (s.networkPlugin === 'azure' && s.networkPluginMode !== 'overlay') return s.podSubnetId ? 'azure-pod-subnet' : 'azure-node-subnet';
  return 'overlay';
}

function validateNetwork(s: ClusterSpec, mode: NetworkMode, vnetCidrs: string[]): AzResult<NetworkProfile> {
  const serviceCidr = s.serviceCidr ?? '10.0.0.0/16';
  const svc = parseCidr(serviceCidr);
  if (!svc) return armError('InvalidParameter', `The value of parameter networkProfile.serviceCIDR is invalid. Error details: ${serviceCidr} is not a valid CIDR.`);
  if (svc.bits < 12) return armError('InvalidParameter', `The value of parameter networkProfile.serviceCIDR is invalid. Error details: the service CIDR ${serviceCidr} must be smaller than /12.`);
  const dns = s.dnsServiceIp ?? intToIp(svc.base + 10);
  if (!isIp(dns) || !containsIp(svc, dns)) return armError('InvalidParameter', `The value of parameter networkProfile.dnsServiceIP is invalid. Error details: DNS service IP ${dns} must be within the service CIDR ${serviceCidr}.`);
  const usesPodCidr = mode === 'overlay' || mode === 'kubenet';
  if (s.podCidr && !usesPodCidr) return armError('InvalidParameter', 'The value of parameter networkProfile.podCIDR is invalid. Error details: podCIDR can only be set with kubenet or Azure CNI Overlay (--network-plugin-mode overlay).');
  const podCidr = usesPodCidr ? (s.podCidr ?? '10.244.0.0/16') : undefined;
  const pod = podCidr ? parseCidr(podCidr) : undefined;
  if (podCidr && !pod) return armError('InvalidParameter', `The value of parameter networkProfile.podCIDR is invalid. Error details: ${podCidr} is not a valid CIDR.`);
  for (const r of RESERVED_RANGES) {
    const rc = parseCidr(r)!;
    if (overlaps(svc, rc)) return armError('ServiceCidrOverlapsReservedRange', `The specified service CIDR ${serviceCidr} overlaps the reserved range ${r}.`);
    if (pod && overlaps(pod, rc)) return armError('PodCidrOverlapsReservedRange', `The specified pod CIDR ${podCidr} overlaps the reserved range ${r}.`);
  }
  if (pod && overlaps(pod, svc)) return armError('InvalidParameter', `The value of parameter networkProfile.podCIDR is invalid. Error details: pod CIDR ${podCidr} overlaps the service CIDR ${serviceCidr}.`);
  for (const v of vnetCidrs) {
    const vc = parseCidr(v)!;
    if (overlaps(svc, vc)) return armError('ServiceCidrOverlapExistingSubnetsCidr', `The specified service CIDR ${serviceCidr} is conflicted with an existing subnet CIDR ${v}.`);
    if (pod && overlaps(pod, vc)) return armError('InvalidParameter', `The value of parameter networkProfile.podCIDR is invalid. Error details: pod CIDR ${podCidr} overlaps the subnet CIDR ${v}.`);
  }
  const policy = s.networkPolicy ?? (s.networkDataplane === 'cilium' ? 'cilium' : 'none');
  if (mode === 'kubenet' && policy === 'azure') return armError('InvalidParameter', 'Azure network policy (--network-policy azure) is not supported with kubenet. Use --network-policy calico, or Azure CNI.');
  if (policy === 'cilium' && s.networkDataplane !== 'cilium') return armError('InvalidParameter', 'Cilium network policy requires --network-dataplane cilium.');
  return ok({
    networkPlugin: s.networkPlugin ?? 'azure',
    ...(mode === 'overlay' ? { networkPluginMode: 'overlay' as const } : {}),
    networkPolicy: policy,
    networkDataplane: s.networkDataplane ?? 'azure',
    ...(podCidr ? { podCidr } : {}),
    serviceCidr,
    dnsServiceIp: dns,
    outboundType: s.outboundType ?? 'loadBalancer',
    loadBalancerSku: 'standard',
  });
}

export function createManagedCluster(cloud: AzureCloud, s: ClusterSpec): AzResult<{ mc: ManagedCluster; task: Task }> {
  const rg = cloud.group(s.resourceGroup);
  if (!rg) return resourceGroupNotFound(s.resourceGroup);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(s.name)) {
    return armError('InvalidParameter', `The value of parameter name is invalid. Error details: the managed cluster name '${s.name}' must be 1-63 characters: letters, numbers, underscores and hyphens, starting and ending with a letter or number.`);
  }
  const location = s.location ?? rg.location;
  const version = s.kubernetesVersion ? resolveVersion(s.kubernetesVersion) : defaultVersion();
  if (!version) {
    return armError('K8sVersionNotSupported', `Version ${s.kubernetesVersion} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list`);
  }
  const mode = networkMode({ ...s, podSubnetId: s.pool.podSubnetId });
  const byo = s.pool.vnetSubnetId ? cloud.subnetById(s.pool.vnetSubnetId) : undefined;
  if (s.pool.vnetSubnetId && !byo) return armError('InvalidResourceReference', `Resource ${s.pool.vnetSubnetId} referenced by resource ${cloud.rgId(s.resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${s.name} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
  if (s.pool.podSubnetId && !cloud.subnetById(s.pool.podSubnetId)) return armError('InvalidResourceReference', `Resource ${s.pool.podSubnetId} referenced by resource ${cloud.rgId(s.resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${s.name} was not found.`);
  if (mode === 'azure-pod-subnet' && !byo) return armError('InvalidParameter', 'The value of parameter agentPoolProfile.vnetSubnetID is invalid. Error details: --pod-subnet-id requires --vnet-subnet-id (the node subnet in the same VNet).');
  const net = validateNetwork(s, mode, byo ? byo.vnet.addressPrefixes : ['10.224.0.0/12']);
  if (!net.ok) return net;
  const poolSpec: PoolSpec = { ...s.pool, mode: 'System', currentVersion: version, orchestratorVersion: s.kubernetesVersion ?? version };
  const perr = validatePool(undefined, mode, poolSpec);
  if (perr) return { ok: false, error: perr };

  const nodeRg = s.nodeResourceGroup ?? nodeResourceGroup(s.resourceGroup, s.name, location);
  const rng = cloud.rng.fork(`cluster:${s.resourceGroup}/${s.name}`);
  const prefix = s.dnsNamePrefix ?? makeDnsPrefix(s.name, s.resourceGroup, cloud.subscriptionId);
  let vnetName = `aks-vnet-${String(10_000_000 + rng.int(90_000_000))}`;
  let vnetRg = nodeRg;
  let nodeSubnet = 'aks-subnet';
  let podSubnet: string | undefined;
  if (byo) {
    vnetName = byo.vnet.name;
    vnetRg = byo.vnet.resourceGroup;
    nodeSubnet = byo.subnet.name;
    if (s.pool.podSubnetId) podSubnet = cloud.subnetById(s.pool.podSubnetId)!.subnet.name;
  }
  const worldName = cloud.world.cluster(s.name) ? `${s.name}-${s.resourceGroup}` : s.name;
  const tier = s.tier ? ((s.tier[0]!.toUpperCase() + s.tier.slice(1)) as ManagedCluster['tier']) : 'Free';
  const mc: ManagedCluster = {
    name: s.name,
    resourceGroup: s.resourceGroup,
    location,
    id: `${cloud.rgId(s.resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${s.name}`,
    kubernetesVersion: s.kubernetesVersion ?? version,
    currentKubernetesVersion: version,
    dnsPrefix: prefix,
    fqdn: `${prefix}-${hex(rng, 8)}.hcp.${location}.azmk8s.io`,
    tier,
    skuName: 'Base',
    supportPlan: tier === 'Premium' ? 'AKSLongTermSupport' : 'KubernetesOfficial',
    nodeResourceGroup: nodeRg,
    network: net.value,
    mode,
    pools: [],
    powerState: 'Running',
    provisioningState: 'Creating',
    autoUpgradeChannel: s.autoUpgradeChannel ?? 'none',
    nodeOsUpgradeChannel: s.nodeOsUpgradeChannel ?? 'NodeImage',
    oidcIssuer: s.enableOidcIssuer ?? s.enableWorkloadIdentity ?? false,
    workloadIdentity: s.enableWorkloadIdentity ?? false,
    enableRbac: true,
    disableLocalAccounts: false,
    addons: {},
    autoscalerProfile: {},
    cluster: undefined as never,
    vnetName,
    vnetResourceGroup: vnetRg,
    nodeSubnet,
    ...(podSubnet ? { podSubnet } : {}),
    ...(net.value.podCidr ? { podCidrs: new PodCidrPool(net.value.podCidr) } : {}),
    routes: new Map(),
    kubeletIdentityClientId: guid(rng),
    principalId: guid(rng),
    createdAt: cloud.world.clock.now(),
    tags: s.tags ?? {},
    apiServerIp: `20.${10 + rng.int(200)}.${rng.int(256)}.${1 + rng.int(254)}`,
  };
  const pool = newPool(cloud, s.name, poolSpec, mode);
  mc.pools.push(pool);
  cloud.ensureGroup(nodeRg, location, mc.id);
  if (!byo) cloud.addVnet(nodeRg, vnetName, location, ['10.224.0.0/12'], [['aks-subnet', '10.224.0.0/16']]);
  const space = checkAddressSpace(cloud, mc, [{ pool, count: pool.count }]);
  if (space) {
    cloud.removeGroup(nodeRg);
    return { ok: false, error: space };
  }
  mc.cluster = cloud.world.addCluster({ name: worldName, seed: cloud.world.seed + cloud.clusters.length });
  // Services need the network profile's CIDRs and Azure's load balancers before the control plane starts.
  setNetwork(mc.cluster, { serviceCidr: mc.network.serviceCidr, dnsServiceIP: mc.network.dnsServiceIp, networkPolicy: (['azure', 'calico', 'cilium'].includes(mc.network.networkPolicy) ? mc.network.networkPolicy : 'none') as 'none', apiServerIP: mc.apiServerIp });
  setLoadBalancerProvider(mc.cluster, azureLoadBalancers(cloud, mc));
  installControlPlane(mc.cluster);
  installKubeSystem(mc.cluster, { kubernetesVersion: `v${version}`, apiServerFqdn: mc.fqdn, ...(net.value.podCidr ? { podCidr: net.value.podCidr } : {}), dnsServiceIP: net.value.dnsServiceIp });
  mc.cluster.api.admission.push(workloadIdentityWebhook(cloud, mc));
  installAksStorage(cloud, mc);
  cloud.clusters.push(mc);
  startAutoRepair(cloud, mc);
  startClusterAutoscaler(cloud, mc);
  const task = runTask(cloud.world.clock, `create ${s.name}`, provision(cloud, mc, s.instant ?? false));
  return ok({ mc, task });
}

function* provision(cloud: AzureCloud, mc: ManagedCluster, instant: boolean): TaskBody {
  if (!instant) yield { sleep: 90_000 };
  for (const pool of mc.pools) {
    for (let i = 0; i < pool.count; i++) {
      const zone = pool.zones.length ? pool.zones[i % pool.zones.length] : undefined;
      const r = createInstance(cloud, mc, pool, { zone });
      if (!r.ok) {
        mc.provisioningState = 'Failed';
        pool.provisioningState = 'Failed';
        return r.error;
      }
      scheduleBoot(cloud, mc, pool, r.value, instant ? 0 : undefined);
    }
  }
  yield { until: () => mc.pools.every((p) => p.instances.every((inst) => inst.state === 'Running' && nodeReady(mc, inst.name))), pollMs: 5000 };
  for (const p of mc.pools) p.provisioningState = 'Succeeded';
  mc.provisioningState = 'Succeeded';
}
