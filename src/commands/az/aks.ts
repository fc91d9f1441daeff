/** `az aks create|show|list|delete|get-credentials|get-versions|get-upgrades`. */
import type { AzCommand, AzEnv } from './command.js';
import { findCluster } from './command.js';
import { keyValues, NAME, NO_WAIT, RG, YES } from './args.js';
import { clusterJson } from './arm.js';
import type { Row } from './output.js';
import { createManagedCluster, type ClusterSpec } from '../../cluster/cloud/create-cluster.js';
import { deleteCluster } from '../../cluster/cloud/power.js';
import { resourceGroupNotFound } from '../../cluster/cloud/errors.js';
import { SUPPORTED_VERSIONS, upgradesFrom } from '../../cluster/cloud/versions.js';
import { DEFAULT_VM_SIZE } from '../../cluster/cloud/vm-sizes.js';
import { enableKeda } from '../../cluster/autoscaling/keda/addon.js';
import { enableAppRouting } from '../../cluster/services/ingress/app-routing.js';
import { applyProfile, parseProfileArgs, validateProfile } from '../../cluster/autoscaling/cluster-autoscaler/profile.js';

export const clusterTable = (v: unknown): Row[] =>
  (Array.isArray(v) ? v : [v]).map((c: Record<string, unknown>) => ({
    name: c.name,
    location: c.location,
    resourceGroup: c.resourceGroup,
    kubernetesVersion: c.kubernetesVersion,
    currentKubernetesVersion: c.currentKubernetesVersion,
    provisioningState: c.provisioningState,
    fqdn: c.fqdn ?? c.privateFqdn,
  }));

const csv = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

function create(env: AzEnv): number {
  const rg = env.str('resource-group')!;
  const name = env.str('name')!;
  if (!env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
  if (env.cloud.cluster(rg, name)) {
    return env.fail({ code: 'ValidationError', source: 'cli', message: `The cluster '${name}' under resource group '${rg}' already exists. Please use command 'az aks update' to update the existing cluster, or select a different cluster name to create a new cluster.` });
  }
  if (env.str('load-balancer-sku') === 'basic') {
    return env.fail({ code: 'BadRequest', source: 'arm', message: 'Basic Load Balancer is retired (30 September 2025) and cannot be used for new clusters. Use --load-balancer-sku standard.' });
  }
  if (env.values['docker-bridge-address'] !== undefined) env.warn("Option '--docker-bridge-address' has been deprecated and will be removed in a future release.");
  const addons = csv(env.str('enable-addons'));
  if (addons?.includes('http_application_routing')) {
    return env.fail({ code: 'AddonNotSupported', source: 'arm', message: 'The HTTP application routing add-on was retired on 3 March 2025. Use the application routing add-on (--enable-app-routing) instead.' });
  }
  const autoscale = env.bool('enable-cluster-autoscaler');
  if (autoscale && (env.num('min-count') === undefined || env.num('max-count') === undefined)) {
    return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify both min-count and max-count when --enable-cluster-autoscaler or --update-cluster-autoscaler set.' });
  }
  if (!autoscale && (env.num('min-count') !== undefined || env.num('max-count') !== undefined)) {
    return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'min-count and max-count are required for --enable-cluster-autoscaler, please use the flag' });
  }
  const profileArgs = env.list('cluster-autoscaler-profile');
  const profile = profileArgs ? parseProfileArgs(profileArgs) : undefined;
  if (profile && !profile.ok) return env.fail(profile.error);
  const badProfile = profile?.ok ? validateProfile(profile.value) : undefined;
  if (badProfile) return env.fail(badProfile);
  const spec: ClusterSpec = {
    name,
    resourceGroup: rg,
    location: env.str('location'),
    pool: {
      name: env.str('nodepool-name') ?? 'nodepool1',
      count: env.num('node-count') ?? (autoscale ? env.num('min-count') : undefined) ?? 3,
      vmSize: env.str('node-vm-size') ?? DEFAULT_VM_SIZE,
      maxPods: env.num('max-pods'),
      zones: env.list('zones'),
      labels: keyValues(env.list('nodepool-labels')),
      taints: csv(env.str('nodepool-taints')),
      osSku: env.str('os-sku'),
      osDiskSizeGb: env.num('node-osdisk-size'),
      enableAutoScaling: autoscale,
      minCount: env.num('min-count'),
      maxCount: env.num('max-count'),
      vnetSubnetId: env.str('vnet-subnet-id'),
      podSubnetId: env.str('pod-subnet-id'),
    },
    networkPlugin: env.str('network-plugin') as ClusterSpec['networkPlugin'],
    networkPluginMode: env.str('network-plugin-mode') as ClusterSpec['networkPluginMode'],
    networkPolicy: env.str('network-policy'),
    networkDataplane: env.str('network-dataplane') as ClusterSpec['networkDataplane'],
    podCidr: env.str('pod-cidr'),
    serviceCidr: env.str('service-cidr'),
    dnsServiceIp: env.str('dns-service-ip'),
    outboundType: env.str('outbound-type'),
    tier: env.str('tier') as ClusterSpec['tier'],
    kubernetesVersion: env.str('kubernetes-version'),
    enableOidcIssuer: env.bool('enable-oidc-issuer') || undefined,
    enableWorkloadIdentity: env.bool('enable-workload-identity') || undefined,
    autoUpgradeChannel: env.str('auto-upgrade-channel'),
    nodeOsUpgradeChannel: env.str('node-os-upgrade-channel'),
    nodeResourceGroup: env.str('node-resource-group'),
    dnsNamePrefix: env.str('dns-name-prefix'),
    tags: keyValues(env.list('tags')),
  };
  if (spec.enableWorkloadIdentity && !spec.enableOidcIssuer) {
    return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: '--enable-oidc-issuer is required when enabling workload identity' });
  }
  if (spec.networkPlugin === 'kubenet') env.warn('kubenet is retiring on 31 March 2028. Use Azure CNI Overlay (--network-plugin azure --network-plugin-mode overlay) for new clusters: https://aka.ms/aks/kubenet-retirement');
  if (env.bool('generate-ssh-keys')) {
    env.warn("SSH key files '/root/.ssh/id_rsa' and '/root/.ssh/id_rsa.pub' have been generated under ~/.ssh to allow SSH access to the VM. If using machines without permanent storage like Azure Cloud Shell without an attached file share, back up your keys to a safe location");
  }
  if (env.str('node-vm-size') === undefined) env.ctx.err(`kubedojo: no --node-vm-size given; real AKS now picks a VM size from your region's capacity and quota. kubedojo uses ${DEFAULT_VM_SIZE}, the long-standing default.`);
  const r = createManagedCluster(env.cloud, spec);
  if (!r.ok) return env.fail(r.error);
  const { mc, task } = r.value;
  if (profile?.ok) applyProfile(mc.autoscalerProfile, profile.value);
  for (const a of addons ?? []) mc.addons[a === 'monitoring' ? 'omsagent' : a] = { enabled: true, config: null };
  if (env.bool('enable-keda')) env.ctx.world.clock.setTimeout(() => void enableKeda(mc.cluster), 0, `keda add-on ${mc.name}`);
  if (env.bool('enable-app-routing')) task.onEnd.push((t) => t.error || enableAppRouting(mc.cluster));
  const e = env.wait(task);
  if (e) return env.fail(e);
  if (env.bool('no-wait')) return 0;
  return env.print(clusterJson(env.cloud, mc), clusterTable);
}

function show(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  return env.print(clusterJson(env.cloud, f.mc), clusterTable);
}

function list(env: AzEnv): number {
  const rg = env.str('resource-group');
  if (rg && !env.cloud.group(rg)) return env.fail(resourceGroupNotFound(rg).error);
  const items = env.cloud.clusters.filter((c) => !rg || c.resourceGroup.toLowerCase() === rg.toLowerCase());
  return env.print(
    items.map((c) => clusterJson(env.cloud, c)),
    clusterTable,
  );
}

function del(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  if (!env.bool('yes')) {
    env.ctx.out('Are you sure you want to perform this operation? (y/n): y  (kubedojo answers yes; pass --yes to skip this prompt)');
  }
  const r = deleteCluster(env.cloud, f.mc);
  if (!r.ok) return env.fail(r.error);
  const e = env.wait(r.value);
  if (e) return env.fail(e);
  // The context stays in kubeconfig (as with real az); kubectl now fails to reach the cluster.
  return 0;
}

function getCredentials(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const admin = env.bool('admin');
  if (admin && mc.disableLocalAccounts) {
    return env.fail({ code: 'BadRequest', source: 'arm', message: 'Getting static credential is not allowed because this cluster is set to disable local accounts.' });
  }
  const ctxName = env.str('context') ?? (admin ? `${mc.name}-admin` : mc.name);
  const user = `${admin ? 'clusterAdmin' : 'clusterUser'}_${mc.resourceGroup}_${mc.name}`;
  const file = env.str('file') ?? '/root/.kube/config';
  if (file === '-') {
    env.ctx.out(kubeconfigYaml(mc.name, ctxName, user, mc.fqdn));
    return 0;
  }
  env.ctx.session.addContext({ name: ctxName, cluster: mc.cluster.name, user });
  env.ctx.session.currentContext = ctxName;
  env.ctx.out(`Merged "${ctxName}" as current context in ${file}`);
  return 0;
}

function kubeconfigYaml(cluster: string, ctxName: string, user: string, fqdn: string): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCi4uLmt1YmVkb2pvLi4uCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K',
    `    server: https://${fqdn}:443`,
    `  name: ${cluster}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster}`,
    `    user: ${user}`,
    `  name: ${ctxName}`,
    `current-context: ${ctxName}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${user}`,
    '  user:',
    '    client-certificate-data: LS0tLS1CRUdJTi4uLg==',
    '    client-key-data: LS0tLS1CRUdJTi4uLg==',
    '    token: 0123456789abcdef0123456789abcdef',
  ].join('\n');
}

const versionsTable = (v: unknown): Row[] => {
  const rows: Row[] = [];
  for (const ver of ((v as { values?: Record<string, unknown>[] }).values ?? [])) {
    const patches = ver.patchVersions as Record<string, { upgrades: string[] }>;
    for (const p of Object.keys(patches).sort((a, b) => (a < b ? 1 : -1))) {
      rows.push({ kubernetesVersion: p, isPreview: ver.isPreview ?? null, upgrades: patches[p]!.upgrades.join(', ') || 'None available', supportPlan: ((ver.capabilities as { supportPlan: string[] }).supportPlan ?? []).join(', ') });
    }
  }
  return rows;
};

function getVersions(env: AzEnv): number {
  const values = Object.entries(SUPPORTED_VERSIONS)
    .reverse()
    .map(([minor, patches]) => ({
      capabilities: { supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'] },
      isDefault: minor === '1.35' ? true : null,
      isPreview: null,
      patchVersions: Object.fromEntries(patches.map((p) => [p, { upgrades: upgradesFrom(p) }])),
      version: minor,
    }));
  return env.print({ id: `/subscriptions/${env.cloud.subscriptionId}/providers/Microsoft.ContainerService/locations/${env.str('location')}/kubernetesVersions`, name: 'default', type: 'Microsoft.ContainerService/locations/kubernetesVersions', values }, versionsTable);
}

const upgradesTable = (v: unknown): Row[] => {
  const u = v as { name: string; resourceGroup: string; controlPlaneProfile: { kubernetesVersion: string; upgrades: { kubernetesVersion: string }[] | null } };
  const ups = (u.controlPlaneProfile.upgrades ?? []).map((x) => x.kubernetesVersion);
  return [{ name: u.name, resourceGroup: u.resourceGroup, masterVersion: u.controlPlaneProfile.kubernetesVersion, upgrades: ups.join(', ') || 'None available' }];
};

function getUpgrades(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const ups = upgradesFrom(mc.currentKubernetesVersion);
  return env.print(
    {
      agentPoolProfiles: null,
      controlPlaneProfile: { kubernetesVersion: mc.currentKubernetesVersion, name: null, osType: 'Linux', upgrades: ups.length ? ups.map((v) => ({ isPreview: null, kubernetesVersion: v })) : null },
      id: `${mc.id}/upgradeprofiles/default`,
      name: 'default',
      resourceGroup: mc.resourceGroup,
      type: 'Microsoft.ContainerService/managedClusters/upgradeprofiles',
    },
    upgradesTable,
  );
}

const s = (name: string, aliases?: string[], choices?: string[]) => ({ name, type: 'string' as const, ...(aliases ? { aliases } : {}), ...(choices ? { choices } : {}) });
const b = (name: string, aliases?: string[]) => ({ name, type: 'bool' as const, ...(aliases ? { aliases } : {}) });
const i = (name: string, aliases?: string[]) => ({ name, type: 'int' as const, ...(aliases ? { aliases } : {}) });
const l = (name: string, aliases?: string[]) => ({ name, type: 'list' as const, ...(aliases ? { aliases } : {}) });

export function aksCommands(): AzCommand[] {
  return [
    {
      path: 'aks create',
      summary: 'Create a new managed Kubernetes cluster.',
      args: [
        RG,
        NAME,
        s('--location', ['-l']),
        i('--node-count', ['-c']),
        s('--node-vm-size', ['-s']),
        s('--nodepool-name'),
        l('--zones', ['-z']),
        i('--max-pods', ['-m']),
        s('--network-plugin', undefined, ['azure', 'kubenet', 'none']),
        s('--network-plugin-mode', undefined, ['overlay']),
        s('--network-policy', undefined, ['azure', 'calico', 'cilium', 'none']),
        s('--network-dataplane', undefined, ['azure', 'cilium']),
        s('--pod-cidr'),
        s('--service-cidr'),
        s('--dns-service-ip'),
        s('--docker-bridge-address'),
        s('--vnet-subnet-id'),
        s('--pod-subnet-id'),
        s('--outbound-type', undefined, ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block']),
        s('--load-balancer-sku', undefined, ['basic', 'standard']),
        s('--tier', undefined, ['free', 'premium', 'standard']),
        s('--sku', undefined, ['automatic', 'base']),
        s('--k8s-support-plan', undefined, ['AKSLongTermSupport', 'KubernetesOfficial']),
        s('--kubernetes-version', ['-k']),
        b('--enable-cluster-autoscaler'),
        i('--min-count'),
        i('--max-count'),
        { name: '--cluster-autoscaler-profile', aliases: ['--ca-profile'], type: 'list' as const },
        l('--nodepool-labels'),
        s('--nodepool-taints'),
        l('--nodepool-tags'),
        s('--os-sku', undefined, ['AzureLinux', 'Ubuntu', 'Ubuntu2204', 'Ubuntu2404']),
        i('--node-osdisk-size'),
        s('--node-osdisk-type', undefined, ['Ephemeral', 'Managed']),
        s('--vm-set-type', undefined, ['VirtualMachineScaleSets', 'AvailabilitySet', 'VirtualMachines']),
        b('--generate-ssh-keys'),
        b('--no-ssh-key', ['-x']),
        s('--ssh-key-value'),
        s('--admin-username', ['-u']),
        b('--enable-managed-identity'),
        s('--assign-identity'),
        b('--enable-oidc-issuer'),
        b('--enable-workload-identity'),
        b('--enable-aad'),
        b('--enable-azure-rbac'),
        b('--disable-local-accounts'),
        s('--attach-acr'),
        s('--enable-addons', ['-a']),
        b('--enable-app-routing'),
        b('--enable-keda'),
        b('--enable-vpa'),
        s('--auto-upgrade-channel', undefined, ['node-image', 'none', 'patch', 'rapid', 'stable']),
        s('--node-os-upgrade-channel', undefined, ['NodeImage', 'None', 'SecurityPatch', 'Unmanaged']),
        s('--node-resource-group'),
        s('--dns-name-prefix', ['-p']),
        l('--tags'),
        NO_WAIT,
        YES,
      ],
      run: create,
    },
    { path: 'aks show', summary: 'Show the details for a managed Kubernetes cluster.', args: [RG, NAME], run: show },
    { path: 'aks list', summary: 'List managed Kubernetes clusters.', args: [{ ...RG, required: false }], run: list },
    { path: 'aks delete', summary: 'Delete a managed Kubernetes cluster.', args: [RG, NAME, NO_WAIT, YES], run: del },
    {
      path: 'aks get-credentials',
      summary: 'Get access credentials for a managed Kubernetes cluster.',
      args: [RG, NAME, b('--admin', ['-a']), s('--file', ['-f']), b('--overwrite-existing'), s('--context'), b('--public-fqdn'), s('--format', undefined, ['azure', 'exec'])],
      run: getCredentials,
    },
    { path: 'aks get-versions', summary: 'Get the versions available for creating a managed Kubernetes cluster.', args: [{ name: '--location', aliases: ['-l'], type: 'string', required: true }], defaultOutput: 'json', run: getVersions },
    { path: 'aks get-upgrades', summary: 'Get the upgrade versions available for a managed Kubernetes cluster.', args: [RG, NAME], run: getUpgrades },
  ];
}
