/** `az aks stop|start|upgrade|scale|update|enable-addons|disable-addons`. */
import { setBlobDriver } from '../../cluster/cloud/aks-storage.js';
import type { AzCommand, AzEnv } from './command.js';
import { findCluster } from './command.js';
import { NAME, NO_WAIT, RG, YES } from './args.js';
import { applyProfile, parseProfileArgs, validateProfile } from '../../cluster/autoscaling/cluster-autoscaler/profile.js';
import { clusterJson } from './arm.js';
import { clusterTable } from './aks.js';
import { startCluster, stopCluster } from '../../cluster/cloud/power.js';
import { upgradeCluster } from '../../cluster/cloud/upgrade.js';
import { checkWritable, scalePool } from '../../cluster/cloud/pools.js';
import { enableVirtualNode } from '../../cluster/cloud/virtual-node.js';
import { resolveVersion } from '../../cluster/cloud/versions.js';
import type { AzResult } from '../../cluster/cloud/errors.js';
import type { Task } from '../../cluster/cloud/tasks.js';
import { disableKeda, enableKeda, kedaInstalled } from '../../cluster/autoscaling/keda/addon.js';

function runOp(env: AzEnv, r: AzResult<Task>, printAfter: boolean, mcShow?: () => unknown): number {
  if (!r.ok) return env.fail(r.error);
  const e = env.wait(r.value);
  if (e) return env.fail(e);
  if (!printAfter || env.bool('no-wait') || !mcShow) return 0;
  return env.print(mcShow(), clusterTable);
}

function stop(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  return runOp(env, stopCluster(env.cloud, f.mc), false);
}

function start(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  return runOp(env, startCluster(env.cloud, f.mc), false);
}

function upgrade(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const k = env.str('kubernetes-version');
  const cpOnly = env.bool('control-plane-only');
  const imageOnly = env.bool('node-image-only');
  if (imageOnly && (k || cpOnly)) {
    return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: imageOnly && cpOnly ? 'Conflicting flags. Cannot set --control-plane-only and --node-image-only together.' : 'Conflicting flags. Cannot specify --kubernetes-version and --node-image-only together.' });
  }
  if (!imageOnly && !k) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify "--kubernetes-version" or "--node-image-only"' });
  if (mc.powerState === 'Stopped') return env.fail({ code: 'OperationNotAllowed', source: 'arm', message: 'Operation is not allowed because the managed cluster is in stopped state. Please start the managed cluster before performing upgrade.' });
  if (cpOnly && mc.autoUpgradeChannel !== 'none') {
    return env.fail({ code: 'NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged', source: 'arm', message: 'Using managed cluster api, all Agent pools\' OrchestratorVersion must be all specified or all unspecified. If all specified, they must be stay unchanged or the same with control plane. For agent pool specific change, please use per agent pool operations: https://aka.ms/agent-pool-rest-api' });
  }
  const yes = env.bool('yes');
  if (!yes) {
    env.ctx.out('Kubernetes may be unavailable during cluster upgrades.\n Are you sure you want to perform this operation? (y/N): y');
    if (imageOnly) env.ctx.out('Since control-plane-only argument is not specified, this will upgrade the node image of all nodepools. Continue? (y/N): y');
    else if (!cpOnly) env.ctx.out(`Since control-plane-only argument is not specified, this will upgrade the control plane AND all nodepools to version ${k}. Continue? (y/N): y`);
    env.ctx.out('(kubedojo answers y to prompts; pass --yes to skip them)');
  }
  if (k && resolveVersion(k) === mc.currentKubernetesVersion && !cpOnly && mc.pools.every((p) => p.currentOrchestratorVersion === mc.currentKubernetesVersion)) {
    env.warn(`Cluster is already on version ${mc.currentKubernetesVersion} and is not in a failed state. No operations will occur when upgrading to the same version if the cluster is not in a failed state.`);
  }
  if (cpOnly) env.warn('Since control-plane-only argument is specified, this will upgrade only the control plane to ' + (k ?? '') + '. Node pool will not change.');
  return runOp(env, upgradeCluster(env.cloud, mc, { version: k, controlPlaneOnly: cpOnly, nodeImageOnly: imageOnly }), true, () => clusterJson(env.cloud, mc));
}

function scale(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const poolName = env.str('nodepool-name');
  if (!poolName && mc.pools.length > 1) {
    return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'There are more than one node pool in the cluster. Please specify nodepool name or use az aks nodepool command to scale node pool' });
  }
  const pool = poolName ? mc.pools.find((p) => p.name === poolName) : mc.pools[0];
  if (!pool) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: `The nodepool "${poolName}" was not found.` });
  if (pool.enableAutoScaling) return env.fail({ code: 'ValidationError', source: 'cli', message: 'Cannot scale cluster autoscaler enabled node pool.' });
  return runOp(env, scalePool(env.cloud, mc, pool, env.num('node-count')!), true, () => clusterJson(env.cloud, mc));
}

function update(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const busy = checkWritable(mc, 'update');
  if (busy) return env.fail(busy);
  const profileArgs = env.list('cluster-autoscaler-profile');
  let profile: Record<string, string> | undefined;
  if (profileArgs) {
    const pr = parseProfileArgs(profileArgs);
    if (!pr.ok) return env.fail(pr.error);
    const bad = validateProfile(pr.value);
    if (bad) return env.fail(bad);
    profile = pr.value;
  }
  if (env.bool('enable-blob-driver') || env.bool('disable-blob-driver')) setBlobDriver(env.cloud, mc, env.bool('enable-blob-driver'));
  const en = env.bool('enable-cluster-autoscaler');
  const dis = env.bool('disable-cluster-autoscaler');
  const upd = env.bool('update-cluster-autoscaler');
  if ([en, dis, upd].filter(Boolean).length > 1) {
    return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: 'Cannot specify "--enable-cluster-autoscaler", "--disable-cluster-autoscaler" and "--update-cluster-autoscaler" at the same time.' });
  }
  if (en || dis || upd) {
    if (mc.pools.length > 1) return env.fail({ code: 'ArgumentUsageError', source: 'cli', message: 'There are more than one node pool in the cluster. Please use "az aks nodepool" command to update per node pool auto scaler settings' });
    const pool = mc.pools[0]!;
    const min = env.num('min-count');
    const max = env.num('max-count');
    if ((en || upd) && (min === undefined || max === undefined)) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: 'Please specify both min-count and max-count when --enable-cluster-autoscaler or --update-cluster-autoscaler set.' });
    if ((en || upd) && min! > max!) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'value of min-count should be less than or equal to value of max-count.' });
    if (en && pool.enableAutoScaling) {
      env.warn('Cluster autoscaler is already enabled for this node pool.\nPlease run "az aks --update-cluster-autoscaler" if you want to update min-count or max-count.');
      return 0;
    }
    if (upd && !pool.enableAutoScaling) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'Cluster autoscaler is not enabled for this node pool.\nRun "az aks nodepool update --enable-cluster-autoscaler" to enable cluster with min-count and max-count.' });
    if (dis) {
      pool.enableAutoScaling = false;
      delete pool.minCount;
      delete pool.maxCount;
    } else {
      pool.enableAutoScaling = true;
      pool.minCount = min;
      pool.maxCount = max;
    }
  }
  const tier = env.str('tier');
  if (tier) {
    const t = (tier[0]!.toUpperCase() + tier.slice(1)) as typeof mc.tier;
    if (t === 'Premium' && env.str('k8s-support-plan') !== 'AKSLongTermSupport' && mc.supportPlan !== 'AKSLongTermSupport') {
      return env.fail({ code: 'BadRequest', source: 'arm', message: 'Premium tier requires the AKSLongTermSupport support plan. Pass --k8s-support-plan AKSLongTermSupport.' });
    }
    if (t !== 'Premium' && mc.supportPlan === 'AKSLongTermSupport' && env.str('k8s-support-plan') !== 'KubernetesOfficial') {
      return env.fail({ code: 'BadRequest', source: 'arm', message: 'Long term support is only available with the Premium tier. Pass --k8s-support-plan KubernetesOfficial to move to the Free or Standard tier.' });
    }
    mc.tier = t;
  }
  const plan = env.str('k8s-support-plan');
  if (plan) mc.supportPlan = plan as typeof mc.supportPlan;
  if (profile) applyProfile(mc.autoscalerProfile, profile);
  if (env.str('auto-upgrade-channel')) mc.autoUpgradeChannel = env.str('auto-upgrade-channel')!;
  if (env.str('node-os-upgrade-channel')) mc.nodeOsUpgradeChannel = env.str('node-os-upgrade-channel')!;
  if (env.bool('enable-oidc-issuer')) mc.oidcIssuer = true;
  if (env.bool('enable-workload-identity')) {
    if (!mc.oidcIssuer) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: '--enable-oidc-issuer is required when enabling workload identity' });
    mc.workloadIdentity = true;
  }
  if (env.bool('disable-workload-identity')) mc.workloadIdentity = false;
  if (env.bool('enable-keda') && env.bool('disable-keda')) {
    return env.fail({ code: 'MutuallyExclusiveArgumentError', source: 'cli', message: 'Cannot specify --enable-keda and --disable-keda at the same time.' });
  }
  let afterUpdate: (() => void) | undefined;
  if (env.bool('enable-keda') && !kedaInstalled(mc.cluster)) afterUpdate = () => void enableKeda(mc.cluster);
  if (env.bool('disable-keda') && kedaInstalled(mc.cluster)) afterUpdate = () => disableKeda(mc.cluster);
  if (env.bool('disable-local-accounts')) mc.disableLocalAccounts = true;
  if (env.bool('enable-local-accounts')) mc.disableLocalAccounts = false;
  // The update itself is a short operation on Azure's side.
  mc.provisioningState = 'Updating';
  const done = { done: false };
  env.ctx.world.clock.setTimeout(() => {
    // Add-ons are applied to the cluster as the operation completes.
    afterUpdate?.();
    mc.provisioningState = 'Succeeded';
    done.done = true;
  }, 60_000, `update ${mc.name}`);
  if (env.bool('no-wait')) return 0;
  env.ctx.world.advanceUntil(() => done.done, 120_000);
  return env.print(clusterJson(env.cloud, mc), clusterTable);
}

function enableAddons(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  const addons = env.str('addons')!.split(',').map((a) => a.trim());
  for (const a of addons) {
    if (a === 'http_application_routing') return env.fail({ code: 'AddonNotSupported', source: 'arm', message: 'The HTTP application routing add-on was retired on 3 March 2025. Use the application routing add-on (az aks approuting enable) instead.' });
    const key = a === 'monitoring' ? 'omsagent' : a === 'virtual-node' ? 'aciConnectorLinux' : a;
    if (mc.addons[key]?.enabled) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: `The ${a} addon is already enabled for this managed cluster.\nTo change ${a} configuration, run "az aks disable-addons -a ${a}" before enabling it again.` });
    if (a === 'virtual-node') {
      const subnet = env.str('subnet-name');
      if (!subnet) return env.fail({ code: 'RequiredArgumentMissingError', source: 'cli', message: '"--subnet-name" is required for virtual-node addon' });
      const r = enableVirtualNode(env.cloud, mc, subnet);
      if (!r.ok) return env.fail(r.error);
      continue;
    }
    mc.addons[key] = { enabled: true, config: null };
  }
  return env.print(clusterJson(env.cloud, mc), clusterTable);
}

function disableAddons(env: AzEnv): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  for (const a of env.str('addons')!.split(',').map((x) => x.trim())) {
    const key = a === 'monitoring' ? 'omsagent' : a === 'virtual-node' ? 'aciConnectorLinux' : a;
    if (f.mc.addons[key]) f.mc.addons[key] = { enabled: false, config: null };
    if (key === 'aciConnectorLinux') f.mc.cluster.admin.delete('nodes', undefined, 'virtual-node-aci-linux');
  }
  return env.print(clusterJson(env.cloud, f.mc), clusterTable);
}

export function aksLifecycleCommands(): AzCommand[] {
  const b = (name: string, aliases?: string[]) => ({ name, type: 'bool' as const, ...(aliases ? { aliases } : {}) });
  const s = (name: string, aliases?: string[], choices?: string[]) => ({ name, type: 'string' as const, ...(aliases ? { aliases } : {}), ...(choices ? { choices } : {}) });
  const i = (name: string, aliases?: string[]) => ({ name, type: 'int' as const, ...(aliases ? { aliases } : {}) });
  return [
    { path: 'aks stop', summary: 'Stop a managed cluster.', args: [RG, NAME, NO_WAIT], run: stop },
    { path: 'aks start', summary: 'Start a previously stopped managed cluster.', args: [RG, NAME, NO_WAIT], run: start },
    { path: 'aks upgrade', summary: 'Upgrade a managed Kubernetes cluster to a newer version.', args: [RG, NAME, s('--kubernetes-version', ['-k']), b('--control-plane-only'), b('--node-image-only'), NO_WAIT, YES], run: upgrade },
    { path: 'aks scale', summary: 'Scale the node pool in a managed Kubernetes cluster.', args: [RG, NAME, { ...i('--node-count', ['-c']), required: true }, s('--nodepool-name'), NO_WAIT], run: scale },
    {
      path: 'aks update',
      summary: 'Update a managed Kubernetes cluster.',
      args: [
        RG,
        NAME,
        b('--enable-cluster-autoscaler', ['-e']),
        b('--disable-cluster-autoscaler', ['-d']),
        b('--update-cluster-autoscaler', ['-u']),
        i('--min-count'),
        i('--max-count'),
        { name: '--cluster-autoscaler-profile', aliases: ['--ca-profile'], type: 'list' as const },
        s('--tier', undefined, ['free', 'premium', 'standard']),
        s('--k8s-support-plan', undefined, ['AKSLongTermSupport', 'KubernetesOfficial']),
        s('--auto-upgrade-channel', undefined, ['node-image', 'none', 'patch', 'rapid', 'stable']),
        s('--node-os-upgrade-channel', undefined, ['NodeImage', 'None', 'SecurityPatch', 'Unmanaged']),
        b('--enable-oidc-issuer'),
        b('--enable-workload-identity'),
        b('--disable-workload-identity'),
        b('--disable-local-accounts'),
        b('--enable-local-accounts'),
        b('--enable-keda'),
        b('--disable-keda'),
        s('--attach-acr'),
        s('--detach-acr'),
        b('--enable-blob-driver'),
        b('--disable-blob-driver'),
        NO_WAIT,
        YES,
      ],
      run: update,
    },
    { path: 'aks enable-addons', summary: 'Enable Kubernetes addons.', args: [RG, NAME, { name: '--addons', aliases: ['-a'], type: 'string' as const, required: true }, s('--subnet-name', ['-s']), s('--workspace-resource-id'), NO_WAIT], run: enableAddons },
    { path: 'aks disable-addons', summary: 'Disable Kubernetes addons.', args: [RG, NAME, { name: '--addons', aliases: ['-a'], type: 'string' as const, required: true }, NO_WAIT], run: disableAddons },
  ];
}
