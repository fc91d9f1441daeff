/**
 * The virtual nodes add-on (facts §2.7): a `virtual-node-aci-linux` node
 * backed by Azure Container Instances through the Virtual Kubelet, pods on a
 * delegated subnet. Needs Azure CNI with a VNet (not kubenet, not Overlay).
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster } from './types.js';
import { armError, type AzResult, ok } from './errors.js';
import { startKubelet } from '../node/kubelet.js';
import { rangeIpSource } from '../node/machine.js';

export const VIRTUAL_NODE = 'virtual-node-aci-linux';

export function enableVirtualNode(cloud: AzureCloud, mc: ManagedCluster, subnetName: string): AzResult<void> {
  if (mc.mode !== 'azure-node-subnet' && mc.mode !== 'azure-pod-subnet') {
    return armError('InvalidParameter', `The virtual-node addon requires Azure CNI with a virtual network (--network-plugin azure). This cluster uses ${mc.mode === 'overlay' ? 'Azure CNI Overlay' : mc.mode}, which virtual nodes do not support.`);
  }
  const vnet = cloud.vnet(mc.vnetResourceGroup, mc.vnetName);
  const subnet = vnet?.subnets.get(subnetName);
  if (!vnet || !subnet) return armError('InvalidParameter', `Subnet ${subnetName} was not found in virtual network ${mc.vnetName}. Create it first (az network vnet subnet create).`);
  mc.addons.aciConnectorLinux = { enabled: true, config: { SubnetName: subnetName } };
  startKubelet(mc.cluster, {
    name: VIRTUAL_NODE,
    pool: 'virtual-node',
    labels: {
      'alpha.service-controller.kubernetes.io/exclude-balancer': 'true',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.azure.com/managed': 'false',
      'kubernetes.azure.com/role': 'agent',
      'kubernetes.io/hostname': VIRTUAL_NODE,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/role': 'agent',
      'node.kubernetes.io/exclude-from-external-load-balancers': 'true',
      type: 'virtual-kubelet',
    },
    taints: [{ key: 'virtual-kubelet.io/provider', value: 'azure', effect: 'NoSchedule' }],
    capacity: { cpu: '10k', memory: '4Ti', pods: '5k', 'ephemeral-storage': '0' },
    allocatable: { cpu: '10k', memory: '4Ti', pods: '5k', 'ephemeral-storage': '0' },
    internalIP: subnet.allocate(VIRTUAL_NODE) ?? '10.241.0.4',
    podIPs: rangeIpSource(subnet.addressPrefix, 5),
    providerID: `azure:///subscriptions/${cloud.subscriptionId}/resourceGroups/${mc.nodeResourceGroup}/providers/Microsoft.ContainerInstance/virtual-kubelet`,
    nodeInfo: { kubeletVersion: 'v1.25.0-vk-azure-aci-1.6.2', osImage: '', kernelVersion: '', containerRuntimeVersion: '', architecture: 'amd64', operatingSystem: 'linux' },
  });
  return ok(undefined);
}
