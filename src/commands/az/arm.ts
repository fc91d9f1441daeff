/** Managed clusters and agent pools as the ARM API returns them (what `az aks show` / `nodepool show` print). */
import { kedaInstalled } from '../../cluster/autoscaling/keda/addon.js';
import type { AzureCloud } from '../../cluster/cloud/cloud.js';
import type { AgentPool, ManagedCluster } from '../../cluster/cloud/types.js';
import { nodeImage } from '../../cluster/cloud/versions.js';
import { vmssName } from '../../cluster/cloud/names.js';
import { effectiveProfile } from '../../cluster/autoscaling/cluster-autoscaler/profile.js';
import { appRoutingEnabled } from '../../cluster/services/ingress/app-routing.js';

export function poolJson(cloud: AzureCloud, mc: ManagedCluster, p: AgentPool, forCluster = false): Record<string, unknown> {
  const subnet = p.vnetSubnetId ?? (mc.vnetResourceGroup !== mc.nodeResourceGroup ? cloud.subnetId(cloud.vnet(mc.vnetResourceGroup, mc.vnetName)!, mc.nodeSubnet) : null);
  return {
    availabilityZones: p.zones.length ? p.zones : null,
    count: p.count,
    currentOrchestratorVersion: p.currentOrchestratorVersion,
    enableAutoScaling: p.enableAutoScaling,
    enableEncryptionAtHost: false,
    enableFips: false,
    enableNodePublicIp: false,
    enableUltraSsd: false,
    ...(forCluster ? {} : { id: `${mc.id}/agentPools/${p.name}`, resourceGroup: mc.resourceGroup, type: 'Microsoft.ContainerService/managedClusters/agentPools', typePropertiesType: 'VirtualMachineScaleSets' }),
    ...(forCluster ? { type: 'VirtualMachineScaleSets' } : {}),
    kubeletDiskType: 'OS',
    maxCount: p.maxCount ?? null,
    maxPods: p.maxPods,
    minCount: p.minCount ?? null,
    mode: p.mode,
    name: p.name,
    nodeImageVersion: nodeImage(p.currentOrchestratorVersion, p.nodeImageRelease, p.osSku).version,
    nodeLabels: Object.keys(p.nodeLabels).length ? p.nodeLabels : null,
    nodeTaints: p.nodeTaints.length ? p.nodeTaints : null,
    orchestratorVersion: p.orchestratorVersion,
    osDiskSizeGb: p.osDiskSizeGb,
    osDiskType: p.osDiskType,
    osSku: p.osSku,
    osType: p.osType,
    podSubnetId: p.podSubnetId ?? (mc.podSubnet ? cloud.subnetId(cloud.vnet(mc.vnetResourceGroup, mc.vnetName)!, mc.podSubnet) : null),
    powerState: { code: p.powerState },
    provisioningState: p.provisioningState,
    scaleDownMode: p.scaleDownMode,
    scaleSetEvictionPolicy: p.priority === 'Spot' ? p.evictionPolicy : null,
    scaleSetPriority: p.priority === 'Spot' ? 'Spot' : null,
    spotMaxPrice: p.priority === 'Spot' ? p.spotMaxPrice : null,
    tags: null,
    upgradeSettings: {
      drainTimeoutInMinutes: p.upgradeSettings.drainTimeoutInMinutes,
      maxSurge: p.upgradeSettings.maxSurge,
      maxUnavailable: p.upgradeSettings.maxUnavailable,
      nodeSoakDurationInMinutes: p.upgradeSettings.nodeSoakDurationInMinutes,
      undrainableNodeBehavior: 'Schedule',
    },
    vmSize: p.vmSize,
    vnetSubnetId: subnet,
    workloadRuntime: 'OCIContainer',
  };
}

export function clusterJson(cloud: AzureCloud, mc: ManagedCluster): Record<string, unknown> {
  const n = mc.network;
  const sub = cloud.subscriptionId;
  return {
    aadProfile: null,
    addonProfiles: Object.keys(mc.addons).length ? mc.addons : null,
    agentPoolProfiles: mc.pools.map((p) => poolJson(cloud, mc, p, true)),
    apiServerAccessProfile: null,
    autoScalerProfile: Object.keys(mc.autoscalerProfile).length || mc.pools.some((p) => p.enableAutoScaling) ? autoscalerProfile(mc) : null,
    autoUpgradeProfile: { nodeOsUpgradeChannel: mc.nodeOsUpgradeChannel, upgradeChannel: mc.autoUpgradeChannel === 'none' ? null : mc.autoUpgradeChannel },
    azurePortalFqdn: mc.fqdn.replace('.hcp.', '.portal.hcp.'),
    currentKubernetesVersion: mc.currentKubernetesVersion,
    disableLocalAccounts: mc.disableLocalAccounts,
    dnsPrefix: mc.dnsPrefix,
    enableRbac: mc.enableRbac,
    fqdn: mc.fqdn,
    id: mc.id,
    identity: { principalId: mc.principalId, tenantId: cloud.tenantId, type: 'SystemAssigned', userAssignedIdentities: null },
    identityProfile: {
      kubeletidentity: {
        clientId: mc.kubeletIdentityClientId,
        objectId: mc.principalId.split('').reverse().join(''),
        resourceId: `/subscriptions/${sub}/resourcegroups/${mc.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${mc.name}-agentpool`,
      },
    },
    ingressProfile: mc.cluster && appRoutingEnabled(mc.cluster) ? { webAppRouting: { dnsZoneResourceIds: null, enabled: true, identity: { clientId: mc.kubeletIdentityClientId, objectId: mc.principalId, resourceId: `/subscriptions/${sub}/resourcegroups/${mc.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/webapprouting-${mc.name}` }, nginx: { defaultIngressControllerType: 'AnnotationControlled' } } } : null,
    kubernetesVersion: mc.kubernetesVersion,
    linuxProfile: { adminUsername: 'azureuser', ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC… kubedojo' }] } },
    location: mc.location,
    name: mc.name,
    networkProfile: {
      dnsServiceIp: n.dnsServiceIp,
      ipFamilies: ['IPv4'],
      loadBalancerProfile: { backendPoolType: 'nodeIPConfiguration', effectiveOutboundIPs: [{ id: `/subscriptions/${sub}/resourceGroups/${mc.nodeResourceGroup}/providers/Microsoft.Network/publicIPAddresses/${outboundIpName(mc)}`, resourceGroup: mc.nodeResourceGroup }], managedOutboundIPs: { count: 1 } },
      loadBalancerSku: n.loadBalancerSku,
      networkDataplane: n.networkDataplane,
      networkMode: null,
      networkPlugin: n.networkPlugin,
      networkPluginMode: n.networkPluginMode ?? null,
      networkPolicy: n.networkPolicy,
      outboundType: n.outboundType,
      podCidr: n.podCidr ?? null,
      podCidrs: n.podCidr ? [n.podCidr] : null,
      serviceCidr: n.serviceCidr,
      serviceCidrs: [n.serviceCidr],
    },
    nodeResourceGroup: mc.nodeResourceGroup,
    oidcIssuerProfile: { enabled: mc.oidcIssuer, issuerUrl: mc.oidcIssuer ? `https://${mc.location}.oic.prod-aks.azure.com/${cloud.tenantId}/${mc.principalId}/` : null },
    powerState: { code: mc.powerState },
    provisioningState: mc.provisioningState,
    resourceGroup: mc.resourceGroup,
    securityProfile: { workloadIdentity: mc.workloadIdentity ? { enabled: true } : null },
    workloadAutoScalerProfile: { keda: kedaInstalled(mc.cluster) ? { enabled: true } : null, verticalPodAutoscaler: null },
    sku: { name: mc.skuName, tier: mc.tier },
    supportPlan: mc.supportPlan,
    tags: Object.keys(mc.tags).length ? mc.tags : null,
    type: 'Microsoft.ContainerService/ManagedClusters',
  };
}

export function outboundIpName(mc: ManagedCluster): string {
  return `${mc.principalId.slice(0, 8)}-${mc.principalId.slice(9, 13)}-outbound`;
}

/** `autoScalerProfile` as the CLI prints it: camelCase keys (the SDK's attribute names), the daemonset flags as booleans. */
export function autoscalerProfile(mc: ManagedCluster): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(effectiveProfile(mc.autoscalerProfile))) {
    const camel = k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    out[camel] = /^(daemonset|ignore-daemonsets)/.test(k) ? v === 'true' : v;
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

/** The node resource group's resources (`az resource list -g MC_…`). */
export function nodeGroupResources(cloud: AzureCloud, mc: ManagedCluster) {
  const rg = mc.nodeResourceGroup;
  const base = `/subscriptions/${cloud.subscriptionId}/resourceGroups/${rg}/providers`;
  const r = (type: string, name: string, extra: Record<string, unknown> = {}) => ({ id: `${base}/${type}/${name}`, location: mc.location, name, resourceGroup: rg, type, ...extra });
  const out = [];
  out.push(r('Microsoft.ManagedIdentity/userAssignedIdentities', `${mc.name}-agentpool`));
  out.push(r('Microsoft.Network/networkSecurityGroups', `aks-agentpool-${mc.pools[0]?.vmssId ?? '00000000'}-nsg`));
  if (mc.vnetResourceGroup === rg) out.push(r('Microsoft.Network/virtualNetworks', mc.vnetName));
  if (mc.mode === 'kubenet') out.push(r('Microsoft.Network/routeTables', `aks-agentpool-${mc.pools[0]?.vmssId ?? '00000000'}-routetable`));
  out.push(r('Microsoft.Network/loadBalancers', 'kubernetes', { sku: { name: 'Standard', tier: 'Regional' } }));
  out.push(r('Microsoft.Network/publicIPAddresses', outboundIpName(mc), { sku: { name: 'Standard', tier: 'Regional' } }));
  for (const p of mc.pools) {
    out.push(r('Microsoft.Compute/virtualMachineScaleSets', vmssName(p.name, p.vmssId), { sku: { capacity: p.instances.filter((i) => i.state !== 'Deallocated').length, name: p.vmSize, tier: 'Standard' } }));
  }
  const extras = cloud.resources.filter((x) => x.resourceGroup.toLowerCase() === rg.toLowerCase());
  // A resource the cloud layer holds (the LB once a Service added a frontend, the NSG with its rules) replaces the base entry.
  const mine = out.filter((o) => !extras.some((x) => x.id.toLowerCase() === o.id.toLowerCase()));
  for (const extra of extras) mine.push({ ...extra });
  return mine.sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
}
