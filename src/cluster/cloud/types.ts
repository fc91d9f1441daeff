/** The shapes of Azure's side of AKS: managed clusters, agent pools (VM scale sets) and their instances. */
import type { Cluster } from '../cluster.js';
import type { KubeletHandle } from '../node/kubelet.js';
import type { PodIpSource } from '../node/machine.js';
import type { AzureSubnet, PodCidrPool } from './ipam.js';

/** Where pod IPs come from (facts §3). */
export type NetworkMode = 'overlay' | 'kubenet' | 'azure-node-subnet' | 'azure-pod-subnet' | 'none';

export interface NetworkProfile {
  networkPlugin: 'azure' | 'kubenet' | 'none';
  networkPluginMode?: 'overlay';
  networkPolicy: string;
  networkDataplane: 'azure' | 'cilium';
  podCidr?: string;
  serviceCidr: string;
  dnsServiceIp: string;
  outboundType: string;
  loadBalancerSku: 'standard';
}

export type ProvisioningState = 'Creating' | 'Succeeded' | 'Failed' | 'Scaling' | 'Upgrading' | 'Updating' | 'Deleting' | 'Stopping' | 'Starting';

export interface VmssInstance {
  index: number;
  /** The Node name: aks-<pool>-<8 digits>-vmss<6-char base-36 index>. */
  name: string;
  ip: string;
  podCidr?: string;
  podIps?: PodIpSource;
  /** Pod IPs reserved on the node subnet (Azure CNI node subnet). */
  preallocated?: string[];
  state: 'Creating' | 'Running' | 'Deallocated' | 'Deleting';
  zone?: string;
  orchestratorVersion: string;
  nodeImageRelease: string;
  createdAt: number;
  kubelet?: KubeletHandle;
  /** A surge node added for an upgrade (removed at the end). */
  surge?: boolean;
}

export interface UpgradeSettings {
  maxSurge: string;
  maxUnavailable: string;
  drainTimeoutInMinutes: number;
  nodeSoakDurationInMinutes: number;
}

export interface AgentPool {
  name: string;
  mode: 'System' | 'User';
  vmSize: string;
  count: number;
  maxPods: number;
  osType: 'Linux' | 'Windows';
  osSku: string;
  osDiskSizeGb: number;
  osDiskType: 'Managed' | 'Ephemeral';
  nodeLabels: Record<string, string>;
  nodeTaints: string[];
  priority: 'Regular' | 'Spot';
  evictionPolicy?: 'Delete' | 'Deallocate';
  spotMaxPrice?: number;
  zones: string[];
  enableAutoScaling: boolean;
  minCount?: number;
  maxCount?: number;
  /** As the user gave it (may be a bare minor, `1.35`). */
  orchestratorVersion: string;
  currentOrchestratorVersion: string;
  nodeImageRelease: string;
  provisioningState: ProvisioningState;
  powerState: 'Running' | 'Stopped';
  upgradeSettings: UpgradeSettings;
  scaleDownMode: 'Delete' | 'Deallocate';
  vnetSubnetId?: string;
  podSubnetId?: string;
  /** The 8 digits in VMSS and node names. */
  vmssId: string;
  instances: VmssInstance[];
  nextIndex: number;
  createdAt: number;
}

export interface Addon {
  enabled: boolean;
  config: Record<string, string> | null;
}

export interface ManagedCluster {
  name: string;
  resourceGroup: string;
  location: string;
  id: string;
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  dnsPrefix: string;
  fqdn: string;
  tier: 'Free' | 'Standard' | 'Premium';
  skuName: 'Base' | 'Automatic';
  supportPlan: 'KubernetesOfficial' | 'AKSLongTermSupport';
  nodeResourceGroup: string;
  network: NetworkProfile;
  mode: NetworkMode;
  pools: AgentPool[];
  powerState: 'Running' | 'Stopped';
  provisioningState: ProvisioningState;
  autoUpgradeChannel: string;
  nodeOsUpgradeChannel: string;
  oidcIssuer: boolean;
  workloadIdentity: boolean;
  enableRbac: boolean;
  disableLocalAccounts: boolean;
  addons: Record<string, Addon>;
  autoscalerProfile: Record<string, string>;
  /** The Kubernetes cluster this AKS cluster runs (the world's cluster name may differ on a clash). */
  cluster: Cluster;
  vnetName: string;
  vnetResourceGroup: string;
  nodeSubnet: string;
  podSubnet?: string;
  podCidrs?: PodCidrPool;
  /** kubenet: the route table's routes, node → its /24. */
  routes: Map<string, string>;
  kubeletIdentityClientId: string;
  principalId: string;
  createdAt: number;
  tags: Record<string, string>;
  /** API server public IP (changes on start, facts §1.4). */
  apiServerIp: string;
}

export interface VNet {
  name: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: Map<string, AzureSubnet>;
}

/** A generic ARM resource as `az resource list` shows it (other issues add LBs, public IPs, disks). */
export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location: string;
  resourceGroup: string;
  tags?: Record<string, string>;
  sku?: { name: string; tier?: string };
  /** Free-form properties for `az ... show`. */
  properties?: Record<string, unknown>;
}
