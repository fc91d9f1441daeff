/**
 * The Machine for one VMSS instance: the labels AKS puts on nodes (facts
 * §2.6), taints, capacity/allocatable from the VM size and max pods, the
 * node image's OS/kernel/runtime, and the pod IP source of the network mode.
 */
import type { Taint } from 'kubernetes-types/core/v1.js';
import type { Machine } from '../node/machine.js';
import type { AgentPool, ManagedCluster, VmssInstance } from './types.js';
import { vmSize, VM_SIZES } from './vm-sizes.js';
import { nodeResources } from './allocatable.js';
import { nodeImage } from './versions.js';
import { vmssName } from './names.js';

export const SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

/** `key=value:Effect` → a Taint, or undefined when malformed. */
export function parseTaint(text: string): Taint | undefined {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text.trim());
  if (!m) return undefined;
  return { key: m[1]!, ...(m[2] !== undefined && m[2] !== '' ? { value: m[2] } : {}), effect: m[3]! };
}

export function nodeLabels(mc: ManagedCluster, pool: AgentPool, inst: VmssInstance): Record<string, string> {
  const size = vmSize(pool.vmSize) ?? VM_SIZES[0]!;
  const image = nodeImage(inst.orchestratorVersion, inst.nodeImageRelease, pool.osSku);
  const os = pool.osType === 'Windows' ? 'windows' : 'linux';
  const zone = inst.zone ? `${mc.location}-${inst.zone}` : '0';
  const labels: Record<string, string> = {
    agentpool: pool.name,
    'beta.kubernetes.io/arch': size.arch,
    'beta.kubernetes.io/instance-type': size.name,
    'beta.kubernetes.io/os': os,
    'failure-domain.beta.kubernetes.io/region': mc.location,
    'failure-domain.beta.kubernetes.io/zone': zone,
    'kubernetes.azure.com/agentpool': pool.name,
    'kubernetes.azure.com/cluster': mc.nodeResourceGroup,
    'kubernetes.azure.com/kubelet-identity-client-id': mc.kubeletIdentityClientId,
    'kubernetes.azure.com/managedby': 'aks',
    'kubernetes.azure.com/mode': pool.mode.toLowerCase(),
    'kubernetes.azure.com/network-policy': mc.network.networkPolicy,
    'kubernetes.azure.com/node-image-version': image.version,
    'kubernetes.azure.com/nodepool-type': 'VirtualMachineScaleSets',
    'kubernetes.azure.com/os-sku': pool.osSku,
    'kubernetes.azure.com/os-sku-effective': image.osSkuEffective,
    'kubernetes.azure.com/os-sku-requested': pool.osSku,
    'kubernetes.azure.com/role': 'agent',
    'kubernetes.azure.com/sku-cpu': String(size.vcpu),
    'kubernetes.azure.com/sku-memory': String(size.memoryGiB * 1024),
    'kubernetes.azure.com/storageprofile': 'managed',
    'kubernetes.azure.com/storagetier': size.premiumStorage ? 'Premium_LRS' : 'Standard_LRS',
    'kubernetes.io/arch': size.arch,
    'kubernetes.io/hostname': inst.name,
    'kubernetes.io/os': os,
    'node.kubernetes.io/instance-type': size.name,
    storageprofile: 'managed',
    storagetier: size.premiumStorage ? 'Premium_LRS' : 'Standard_LRS',
    'topology.disk.csi.azure.com/zone': inst.zone ? zone : '',
    'topology.kubernetes.io/region': mc.location,
    'topology.kubernetes.io/zone': zone,
  };
  if (mc.mode === 'overlay') {
    labels['kubernetes.azure.com/azure-cni-overlay'] = 'true';
    labels['kubernetes.azure.com/podnetwork-type'] = 'overlay';
  }
  if (mc.vnetResourceGroup !== mc.nodeResourceGroup || mc.mode === 'azure-pod-subnet' || mc.mode === 'azure-node-subnet') {
    labels['kubernetes.azure.com/network-name'] = mc.vnetName;
    labels['kubernetes.azure.com/network-subnet'] = mc.nodeSubnet;
  }
  if (pool.priority === 'Spot') {
    labels['kubernetes.azure.com/scalesetpriority'] = 'spot';
    labels['kubernetes.azure.com/priority'] = 'spot';
  }
  if (size.gpu) labels['kubernetes.azure.com/accelerator'] = 'nvidia';
  for (const [k, v] of Object.entries(pool.nodeLabels)) labels[k] = v;
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildMachine(mc: ManagedCluster, pool: AgentPool, inst: VmssInstance, subscriptionId: string): Machine {
  const size = vmSize(pool.vmSize) ?? VM_SIZES[0]!;
  const image = nodeImage(inst.orchestratorVersion, inst.nodeImageRelease, pool.osSku);
  const { capacity, allocatable } = nodeResources(size, pool.maxPods, pool.osDiskSizeGb);
  const taints = pool.nodeTaints.map(parseTaint).filter((t): t is Taint => t !== undefined);
  const vmss = vmssName(pool.name, pool.vmssId);
  return {
    name: inst.name,
    pool: pool.name,
    labels: nodeLabels(mc, pool, inst),
    taints,
    capacity,
    allocatable,
    internalIP: inst.ip,
    ...(inst.podCidr ? { podCIDR: inst.podCidr } : {}),
    podIPs: inst.podIps ?? { allocate: () => undefined, release: () => {}, exhaustedMessage: () => 'no pod network: --network-plugin none (bring your own CNI)' },
    providerID: `azure:///subscriptions/${subscriptionId}/resourceGroups/${mc.nodeResourceGroup.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmss}/virtualMachines/${inst.index}`,
    nodeInfo: {
      kubeletVersion: `v${inst.orchestratorVersion}`,
      osImage: pool.osType === 'Windows' ? 'Windows Server 2022 Datacenter' : image.osImage,
      kernelVersion: pool.osType === 'Windows' ? '10.0.20348.4294' : image.kernelVersion,
      containerRuntimeVersion: image.containerRuntimeVersion,
      architecture: size.arch,
      operatingSystem: pool.osType === 'Windows' ? 'windows' : 'linux',
    },
  };
}
