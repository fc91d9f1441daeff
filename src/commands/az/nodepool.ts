/** `az aks nodepool add|list|show|scale|update|upgrade|delete|stop|start|get-upgrades`. */
import type { AzCommand, AzEnv } from './command.js';
import { findCluster } from './command.js';
import { CLUSTER_NAME, keyValues, NAME, NO_WAIT, RG, YES } from './args.js';
import { poolJson } from './arm.js';
import type { Row } from './output.js';
import type { AgentPool, ManagedCluster } from '../../cluster/cloud/types.js';
import { addPool, checkWritable, deletePool, scalePool, startPool, stopPool } from '../../cluster/cloud/pools.js';
import { upgradeNodePool } from '../../cluster/cloud/upgrade.js';
import { parseTaint, SPOT_TAINT } from '../../cluster/cloud/node-machine.js';
import { resourceNotFound, type AzResult } from '../../cluster/cloud/errors.js';
import type { Task } from '../../cluster/cloud/tasks.js';
import { LATEST_NODE_IMAGE, nodeImage } from '../../cluster/cloud/versions.js';

/** `_aks_agentpool_table_format`: it reads osDiskSizeGB, which the SDK names osDiskSizeGb, so that column is always null (and dropped). */
export const poolTable = (v: unknown): Row[] =>
  (Array.isArray(v) ? v : [v]).map((p: Record<string, unknown>) => ({
    name: p.name,
    osType: p.osType,
    kubernetesVersion: p.orchestratorVersion,
    vmSize: p.vmSize,
    osDiskSizeGB: p.osDiskSizeGB ?? null,
    count: p.count,
    maxPods: p.maxPods,
    provisioningState: p.provisioningState,
    mode: p.mode,
  }));

function withPool(env: AzEnv, nameKey: string, f: (mc: ManagedCluster, pool: AgentPool) => number): number {
  const c = findCluster(env, 'cluster-name');
  if ('error' in c) return env.fail(c.error);
  const name = env.str(nameKey)!;
  const pool = c.mc.pools.find((p) => p.name === name);
  if (!pool) return env.fail(resourceNotFound('Microsoft.ContainerService/managedClusters/agentPools', `${c.mc.name}/${name}`, c.mc.resourceGroup).error);
  return f(c.mc, pool);
}

function finish(env: AzEnv, r: AzResult<Task>, mc: ManagedCluster, pool: AgentPool | undefined): number {
  if (!r.ok) return env.fail(r.error);
  const e = env.wait(r.value);
  if (e) return env.fail(e);
  if (env.bool('no-wait') || !pool) return 0;
  return env.print(poolJson(env.cloud, mc, pool), poolTable);
}

const csv = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

function add(env: AzEnv): number {
  const c = findCluster(env, 'cluster-name');
  if ('error' in c) return env.fail(c.error);
  const priority = (env.str('priority') ?? 'Regular') as 'Regular' | 'Spot';
  if (priority !== 'Spot' && (env.str('eviction-policy') || env.values['spot-max-price'] !== undefined)) {
    return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'Eviction policy and spot max price can only be set when priority is Spot.' });
  }
  const autoscale = env.bool('enable-cluster-autoscaler');
  if (autoscale && (env.num('min-count') === undefined || env.num('max-count') === undefined)) {
    return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify both min-count and max-count when --enable-cluster-autoscaler or --update-cluster-autoscaler set.' });
  }
  if (autoscale && env.num('min-count')! > env.num('max-count')!) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'value of min-count should be less than or equal to value of max-count.' });
  const r = addPool(env.cloud, c.mc, {
    name: env.str('name')!,
    mode: (env.str('mode') ?? 'User') as 'System' | 'User',
    vmSize: env.str('node-vm-size'),
    count: env.num('node-count') ?? (autoscale ? env.num('min-count') : undefined),
    maxPods: env.num('max-pods'),
    osType: (env.str('os-type') ?? 'Linux') as 'Linux' | 'Windows',
    osSku: env.str('os-sku'),
    osDiskSizeGb: env.num('node-osdisk-size'),
    labels: keyValues(env.list('labels')),
    taints: csv(env.str('node-taints')),
    priority,
    evictionPolicy: env.str('eviction-policy') as 'Delete' | 'Deallocate' | undefined,
    spotMaxPrice: env.values['spot-max-price'] as number | undefined,
    zones: env.list('zones'),
    enableAutoScaling: autoscale,
    minCount: env.num('min-count'),
    maxCount: env.num('max-count'),
    orchestratorVersion: env.str('kubernetes-version'),
    maxSurge: env.str('max-surge'),
    vnetSubnetId: env.str('vnet-subnet-id'),
    podSubnetId: env.str('pod-subnet-id'),
  });
  if (!r.ok) return env.fail(r.error);
  return finish(env, { ok: true, value: r.value.task }, c.mc, r.value.pool);
}

function update(env: AzEnv): number {
  return withPool(env, 'name', (mc, pool) => {
    const busy = checkWritable(mc, 'agent pool update');
    if (busy) return env.fail(busy);
    const en = env.bool('enable-cluster-autoscaler');
    const dis = env.bool('disable-cluster-autoscaler');
    const upd = env.bool('update-cluster-autoscaler');
    if ([en, dis, upd].filter(Boolean).length > 1) return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: 'Please specify only one of "--enable-cluster-autoscaler" or "--disable-cluster-autoscaler" or "--update-cluster-autoscaler"' });
    const min = env.num('min-count');
    const max = env.num('max-count');
    if ((en || upd) && (min === undefined || max === undefined)) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify both min-count and max-count when --enable-cluster-autoscaler or --update-cluster-autoscaler set.' });
    if ((en || upd) && min! > max!) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'value of min-count should be less than or equal to value of max-count.' });
    if (en && pool.enableAutoScaling) {
      env.warn('Autoscaler is already enabled for this node pool.\nPlease run "az aks nodepool update --update-cluster-autoscaler" if you want to update min-count or max-count.');
      return 0;
    }
    if (upd && !pool.enableAutoScaling) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'Autoscaler is not enabled for this node pool.\nRun "az aks nodepool update --enable-cluster-autoscaler" to enable cluster with min-count and max-count.' });
    if ((en || upd) && pool.mode === 'System' && min! < 1) return env.fail({ code: 'InvalidArgumentValueError', source: 'arm', message: 'System node pools must have a minimum node count of at least 1.' });
    const mode = env.str('mode') as 'System' | 'User' | undefined;
    if (mode === 'User' && pool.mode === 'System' && !mc.pools.some((p) => p !== pool && p.mode === 'System')) {
      return env.fail({ code: 'OperationNotAllowed', source: 'arm', message: `Cannot change the mode of node pool ${pool.name} to User: it is the last system node pool, and a cluster must have at least one.` });
    }
    if (mode === 'System' && pool.priority === 'Spot') return env.fail({ code: 'InvalidParameter', source: 'arm', message: 'Spot agent pools cannot be system pools.' });
    const taints = env.values['node-taints'] !== undefined ? csv(env.str('node-taints'))! : undefined;
    for (const t of taints ?? []) if (!parseTaint(t)) return env.fail({ code: 'InvalidParameter', source: 'arm', message: `The value of parameter agentPoolProfile.nodeTaints is invalid. Error details: taint ${t} is not in the format key=value:Effect.` });
    if (dis) {
      pool.enableAutoScaling = false;
      delete pool.minCount;
      delete pool.maxCount;
    } else if (en || upd) {
      pool.enableAutoScaling = true;
      pool.minCount = min;
      pool.maxCount = max;
      // A count outside the new bounds is left to the cluster autoscaler: below min it scales up to min; above max it only stops adding nodes.
    }
    if (mode) pool.mode = mode;
    const labels = keyValues(env.list('labels'));
    if (labels) pool.nodeLabels = pool.priority === 'Spot' ? { ...labels, 'kubernetes.azure.com/scalesetpriority': 'spot' } : labels;
    if (taints) pool.nodeTaints = pool.priority === 'Spot' && !taints.includes(SPOT_TAINT) ? [...taints, SPOT_TAINT] : taints;
    if (env.str('max-surge')) pool.upgradeSettings.maxSurge = env.str('max-surge')!;
    if (env.num('drain-timeout') !== undefined) pool.upgradeSettings.drainTimeoutInMinutes = env.num('drain-timeout')!;
    if (env.num('node-soak-duration') !== undefined) pool.upgradeSettings.nodeSoakDurationInMinutes = env.num('node-soak-duration')!;
    // Labels and taints reach the existing nodes (AKS reconciles them onto the Node objects).
    if (labels || taints) {
      for (const inst of pool.instances) {
        const n = mc.cluster.admin.get('nodes', undefined, inst.name);
        if (!n.ok) continue;
        const patch: Record<string, unknown> = {};
        if (labels) {
          const cur = (n.object.metadata?.labels ?? {}) as Record<string, string>;
          const next: Record<string, string | null> = {};
          for (const k of Object.keys(cur)) if (!/^(kubernetes\.azure\.com|kubernetes\.io|node\.kubernetes\.io|topology\.|beta\.kubernetes\.io|failure-domain|agentpool$|storage)/.test(k) && !(k in labels)) next[k] = null;
          Object.assign(next, labels);
          patch.metadata = { labels: next };
        }
        if (taints) patch.spec = { taints: pool.nodeTaints.map(parseTaint) };
        mc.cluster.admin.patch('nodes', undefined, inst.name, patch);
      }
    }
    return env.print(poolJson(env.cloud, mc, pool), poolTable);
  });
}

function upgrade(env: AzEnv): number {
  return withPool(env, 'name', (mc, pool) => {
    const imageOnly = env.bool('node-image-only');
    const k = env.str('kubernetes-version');
    if (imageOnly && k) return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: 'Conflicting flags. Cannot specify --kubernetes-version and --node-image-only at the same time.' });
    if (imageOnly && env.str('max-surge')) return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: 'Conflicting flags. Unable to specify max-surge with node-image-only.If you want to use max-surge with a node image upgrade, please first update max-surge using "az aks nodepool update --max-surge".' });
    if (!imageOnly && !k) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify "--kubernetes-version" or "--node-image-only"' });
    if (imageOnly && pool.nodeImageRelease === LATEST_NODE_IMAGE) {
      env.warn(`The node pool ${pool.name} is already on the latest node image version ${nodeImage(pool.currentOrchestratorVersion, pool.nodeImageRelease, pool.osSku).version}.`);
    }
    if (env.str('max-surge')) pool.upgradeSettings.maxSurge = env.str('max-surge')!;
    if (env.num('drain-timeout') !== undefined) pool.upgradeSettings.drainTimeoutInMinutes = env.num('drain-timeout')!;
    if (env.num('node-soak-duration') !== undefined) pool.upgradeSettings.nodeSoakDurationInMinutes = env.num('node-soak-duration')!;
    return finish(env, upgradeNodePool(env.cloud, mc, pool, { version: k, nodeImageOnly: imageOnly }), mc, pool);
  });
}

function getUpgrades(env: AzEnv): number {
  return withPool(env, 'nodepool-name', (mc, pool) =>
    env.print({
      agentPoolType: 'VirtualMachineScaleSets',
      id: `${mc.id}/agentPools/${pool.name}/upgradeProfiles/default`,
      kubernetesVersion: pool.currentOrchestratorVersion,
      latestNodeImageVersion: nodeImage(pool.currentOrchestratorVersion, LATEST_NODE_IMAGE, pool.osSku).version,
      name: 'default',
      osType: pool.osType,
      resourceGroup: mc.resourceGroup,
      type: 'Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles',
      upgrades: null,
    }),
  );
}

export function nodepoolCommands(): AzCommand[] {
  const s = (name: string, aliases?: string[], choices?: string[]) => ({ name, type: 'string' as const, ...(aliases ? { aliases } : {}), ...(choices ? { choices } : {}) });
  const b = (name: string, aliases?: string[]) => ({ name, type: 'bool' as const, ...(aliases ? { aliases } : {}) });
  const i = (name: string, aliases?: string[]) => ({ name, type: 'int' as const, ...(aliases ? { aliases } : {}) });
  const l = (name: string, aliases?: string[]) => ({ name, type: 'list' as const, ...(aliases ? { aliases } : {}) });
  const POOL = { ...NAME, aliases: ['-n', '--nodepool-name'] };
  return [
    {
      path: 'aks nodepool add',
      summary: 'Add a node pool to the managed Kubernetes cluster.',
      args: [
        RG,
        CLUSTER_NAME,
        { ...NAME, aliases: ['-n', '--nodepool-name'] },
        i('--node-count', ['-c']),
        s('--node-vm-size', ['-s']),
        s('--mode', undefined, ['System', 'User', 'Gateway']),
        s('--os-type', undefined, ['Linux', 'Windows']),
        s('--os-sku', undefined, ['AzureLinux', 'Ubuntu', 'Ubuntu2204', 'Ubuntu2404', 'Windows2019', 'Windows2022']),
        l('--labels'),
        s('--node-taints'),
        l('--zones', ['-z']),
        i('--max-pods', ['-m']),
        b('--enable-cluster-autoscaler', ['-e']),
        i('--min-count'),
        i('--max-count'),
        s('--priority', undefined, ['Regular', 'Spot']),
        s('--eviction-policy', undefined, ['Deallocate', 'Delete']),
        { name: '--spot-max-price', type: 'float' as const },
        s('--max-surge'),
        s('--max-unavailable'),
        i('--drain-timeout'),
        i('--node-soak-duration'),
        s('--vnet-subnet-id'),
        s('--pod-subnet-id'),
        s('--scale-down-mode', undefined, ['Deallocate', 'Delete']),
        s('--kubernetes-version', ['-k']),
        i('--node-osdisk-size'),
        s('--node-osdisk-type', undefined, ['Ephemeral', 'Managed']),
        l('--tags'),
        NO_WAIT,
      ],
      run: add,
    },
    {
      path: 'aks nodepool list',
      summary: 'List node pools in the managed Kubernetes cluster.',
      args: [RG, CLUSTER_NAME],
      run: (env) => {
        const c = findCluster(env, 'cluster-name');
        if ('error' in c) return env.fail(c.error);
        return env.print(
          c.mc.pools.map((p) => poolJson(env.cloud, c.mc, p)),
          poolTable,
        );
      },
    },
    { path: 'aks nodepool show', summary: 'Show the details for a node pool in the managed Kubernetes cluster.', args: [RG, CLUSTER_NAME, POOL], run: (env) => withPool(env, 'name', (mc, p) => env.print(poolJson(env.cloud, mc, p), poolTable)) },
    {
      path: 'aks nodepool scale',
      summary: 'Scale the node pool in a managed Kubernetes cluster.',
      args: [RG, CLUSTER_NAME, POOL, i('--node-count', ['-c']), NO_WAIT],
      run: (env) => withPool(env, 'name', (mc, p) => finish(env, scalePool(env.cloud, mc, p, env.num('node-count') ?? 3), mc, p)),
    },
    {
      path: 'aks nodepool update',
      summary: 'Update a node pool properties.',
      args: [RG, CLUSTER_NAME, POOL, b('--enable-cluster-autoscaler', ['-e']), b('--disable-cluster-autoscaler', ['-d']), b('--update-cluster-autoscaler', ['-u']), i('--min-count'), i('--max-count'), s('--mode', undefined, ['System', 'User']), l('--labels'), s('--node-taints'), s('--max-surge'), s('--max-unavailable'), i('--drain-timeout'), i('--node-soak-duration'), s('--os-sku'), l('--tags'), NO_WAIT],
      run: update,
    },
    {
      path: 'aks nodepool upgrade',
      summary: 'Upgrade the node pool in a managed Kubernetes cluster.',
      args: [RG, CLUSTER_NAME, POOL, s('--kubernetes-version', ['-k']), b('--node-image-only'), s('--max-surge'), s('--max-unavailable'), i('--drain-timeout'), i('--node-soak-duration'), NO_WAIT, YES],
      run: upgrade,
    },
    { path: 'aks nodepool delete', summary: 'Delete the agent pool in the managed Kubernetes cluster.', args: [RG, CLUSTER_NAME, POOL, NO_WAIT, YES], run: (env) => withPool(env, 'name', (mc, p) => finish(env, deletePool(env.cloud, mc, p), mc, undefined)) },
    { path: 'aks nodepool stop', summary: 'Stop running agent pool in the managed Kubernetes cluster.', args: [RG, CLUSTER_NAME, { ...NAME, name: '--nodepool-name', aliases: ['-n', '--name'] }, NO_WAIT], run: (env) => withPool(env, 'nodepool-name', (mc, p) => finish(env, stopPool(env.cloud, mc, p), mc, p)) },
    { path: 'aks nodepool start', summary: 'Start stopped agent pool in the managed Kubernetes cluster.', args: [RG, CLUSTER_NAME, { ...NAME, name: '--nodepool-name', aliases: ['-n', '--name'] }, NO_WAIT], run: (env) => withPool(env, 'nodepool-name', (mc, p) => finish(env, startPool(env.cloud, mc, p), mc, p)) },
    { path: 'aks nodepool get-upgrades', summary: 'Get the available upgrade versions for an agent pool of the managed Kubernetes cluster.', args: [RG, CLUSTER_NAME, { ...NAME, name: '--nodepool-name', aliases: ['-n', '--name'] }], run: getUpgrades },
  ];
}
