/**
 * Upgrades (facts §1.5): the control plane first, then each pool in turn by
 * surge — add max-surge nodes on the new version, cordon and drain as many
 * old nodes as there are surge nodes (evictions honour PDBs), reimage them
 * (same name, new version, age reset), repeat, then remove the surge nodes.
 */
import type { AzureCloud } from './cloud.js';
import type { AgentPool, ManagedCluster, VmssInstance } from './types.js';
import { armError, type AzResult, ok } from './errors.js';
import { checkWritable } from './pools.js';
import { surgeCount } from './pool-spec.js';
import { createInstance, deleteInstance, nodeReady, reimageInstance, scheduleBoot } from './instances.js';
import { cordon, drainNode } from './drain.js';
import { runTask, type Task, type TaskBody } from './tasks.js';
import { LATEST_NODE_IMAGE, compareVersions, minorOf, resolveVersion, upgradesFrom } from './versions.js';

export interface UpgradeOptions {
  version?: string;
  controlPlaneOnly?: boolean;
  nodeImageOnly?: boolean;
}

/** The highest number of old nodes cordoned at once during the last upgrade of each pool (for lessons and tests). */
export const upgradeStats = new WeakMap<AgentPool, { maxCordoned: number }>();

export function* upgradePool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, version: string, release: string): TaskBody {
  pool.provisioningState = 'Upgrading';
  pool.currentOrchestratorVersion = version;
  pool.nodeImageRelease = release;
  const stale = () => pool.instances.filter((i) => !i.surge && (i.orchestratorVersion !== version || i.nodeImageRelease !== release));
  const surgeN = Math.min(surgeCount(pool), Math.max(1, pool.instances.length));
  const stats = { maxCordoned: 0 };
  upgradeStats.set(pool, stats);
  const surge: VmssInstance[] = [];
  for (let i = 0; i < surgeN && stale().length > 0; i++) {
    const r = createInstance(cloud, mc, pool, { surge: true });
    if (!r.ok) {
      pool.provisioningState = 'Failed';
      return r.error;
    }
    scheduleBoot(cloud, mc, pool, r.value);
    surge.push(r.value);
  }
  yield { until: () => surge.every((s) => s.state === 'Running' && nodeReady(mc, s.name)) };
  for (;;) {
    const batch = stale().slice(0, surgeN);
    if (batch.length === 0) break;
    for (const inst of batch) cordon(mc, inst.name);
    stats.maxCordoned = Math.max(stats.maxCordoned, batch.length);
    for (const inst of batch) {
      const e = yield* drainNode(mc, inst.name, pool.upgradeSettings.drainTimeoutInMinutes);
      if (e) {
        pool.provisioningState = 'Failed';
        return e;
      }
    }
    for (const inst of batch) reimageInstance(cloud, mc, pool, inst, version, release);
    yield { until: () => batch.every((i) => i.state === 'Running' && nodeReady(mc, i.name)) };
    if (pool.upgradeSettings.nodeSoakDurationInMinutes > 0) yield { sleep: pool.upgradeSettings.nodeSoakDurationInMinutes * 60_000 };
  }
  for (const s of surge) {
    const e = yield* drainNode(mc, s.name, pool.upgradeSettings.drainTimeoutInMinutes);
    if (e) return e;
    deleteInstance(cloud, mc, pool, s);
  }
  pool.provisioningState = 'Succeeded';
}

function versionError(mc: ManagedCluster, target: string | undefined, given: string) {
  if (!target) return armError('K8sVersionNotSupported', `Version ${given} is not supported in this region. Please use [az aks get-upgrades] command to get the supported upgrade versions.`);
  if (compareVersions(target, mc.currentKubernetesVersion) < 0) {
    return armError('NotSupported', `Downgrading kubernetes version ${mc.currentKubernetesVersion} to ${target} is not allowed. Available upgrades: ${upgradesFrom(mc.currentKubernetesVersion).join(', ') || 'none'}.`);
  }
  if (target !== mc.currentKubernetesVersion && !upgradesFrom(mc.currentKubernetesVersion).includes(target)) {
    return armError(
      'NotSupported',
      `Upgrading kubernetes version ${mc.currentKubernetesVersion} to ${target} is not allowed. Kubernetes minor versions cannot be skipped: upgrade to ${minorOf(upgradesFrom(mc.currentKubernetesVersion).at(-1) ?? mc.currentKubernetesVersion)} first. Available upgrades: ${upgradesFrom(mc.currentKubernetesVersion).join(', ') || 'none'}.`,
    );
  }
  return undefined;
}

export function upgradeCluster(cloud: AzureCloud, mc: ManagedCluster, o: UpgradeOptions): AzResult<Task> {
  const busy = checkWritable(mc, 'upgrade');
  if (busy) return { ok: false, error: busy };
  const target = o.nodeImageOnly ? mc.currentKubernetesVersion : resolveVersion(o.version ?? '');
  if (!o.nodeImageOnly) {
    const e = versionError(mc, target, o.version ?? '');
    if (e) return e;
  }
  const version = target!;
  const body = function* (): TaskBody {
    if (!o.nodeImageOnly && version !== mc.currentKubernetesVersion) {
      mc.provisioningState = 'Upgrading';
      yield { sleep: 180_000 };
      mc.currentKubernetesVersion = version;
      mc.kubernetesVersion = o.version ?? version;
    }
    mc.provisioningState = 'Upgrading';
    if (!o.controlPlaneOnly) {
      for (const pool of [...mc.pools]) {
        const poolVersion = o.nodeImageOnly ? pool.currentOrchestratorVersion : version;
        if (!o.nodeImageOnly) pool.orchestratorVersion = o.version ?? version;
        const e = yield* upgradePool(cloud, mc, pool, poolVersion, LATEST_NODE_IMAGE);
        if (e) {
          mc.provisioningState = 'Failed';
          return e;
        }
      }
    }
    mc.provisioningState = 'Succeeded';
  };
  return ok(runTask(cloud.world.clock, `upgrade ${mc.name}`, body()));
}

export function upgradeNodePool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, o: UpgradeOptions): AzResult<Task> {
  const busy = checkWritable(mc, 'upgrade');
  if (busy) return { ok: false, error: busy };
  const version = o.nodeImageOnly ? pool.currentOrchestratorVersion : resolveVersion(o.version ?? '');
  if (!version) return armError('K8sVersionNotSupported', `Version ${o.version} is not supported in this region. Please use [az aks get-upgrades] command to get the supported upgrade versions.`);
  if (compareVersions(version, mc.currentKubernetesVersion) > 0) {
    return armError('NodePoolMcVersionIncompatible', `Node pool version ${version} and control plane version ${mc.currentKubernetesVersion} are incompatible. Minor version of node pool version ${minorOf(version)} is bigger than control plane version ${minorOf(mc.currentKubernetesVersion)}. For more information, please check https://aka.ms/aks/UpgradeVersionRules`);
  }
  if (compareVersions(version, pool.currentOrchestratorVersion) < 0) return armError('NotSupported', `Downgrading node pool ${pool.name} from ${pool.currentOrchestratorVersion} to ${version} is not allowed.`);
  if (!o.nodeImageOnly) pool.orchestratorVersion = o.version ?? version;
  return ok(runTask(cloud.world.clock, `nodepool upgrade ${pool.name}`, upgradePool(cloud, mc, pool, version, LATEST_NODE_IMAGE)));
}
