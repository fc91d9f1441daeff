/**
 * Agent pool operations: add, scale (new VMs boot on the clock; removed VMs
 * are drained first), delete, stop/start. Each is a long operation (Task).
 */
import type { AzureCloud } from './cloud.js';
import type { AgentPool, ManagedCluster, VmssInstance } from './types.js';
import { armError, type AzError, type AzResult, clusterStopped, ok, operationInProgress } from './errors.js';
import { checkAddressSpace, newPool, validatePool, type PoolSpec } from './pool-spec.js';
import { createInstance, deleteInstance, nodeReady, scheduleBoot } from './instances.js';
import { drainNode } from './drain.js';
import { runTask, type Task, type TaskBody } from './tasks.js';
import { compareVersions, minorOf, resolveVersion } from './versions.js';

const BUSY: ManagedCluster['provisioningState'][] = ['Creating', 'Scaling', 'Upgrading', 'Updating', 'Deleting', 'Stopping', 'Starting'];

export function checkWritable(mc: ManagedCluster, op: string): AzError | undefined {
  if (mc.powerState === 'Stopped') return clusterStopped(op).error;
  if (BUSY.includes(mc.provisioningState)) return operationInProgress(mc.name, mc.provisioningState).error;
  const busyPool = mc.pools.find((p) => BUSY.includes(p.provisioningState));
  if (busyPool) return armError('OperationNotAllowed', `Operation is not allowed because there's an in progress ${busyPool.provisioningState.toLowerCase()} operation on agent pool '${busyPool.name}'. Please wait for the operation to complete before trying again.`).error;
  return undefined;
}

function* grow(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, n: number): TaskBody {
  const created: VmssInstance[] = [];
  for (let i = 0; i < n; i++) {
    const zone = pool.zones.length ? pool.zones[pool.nextIndex % pool.zones.length] : undefined;
    const r = createInstance(cloud, mc, pool, { zone });
    if (!r.ok) return r.error;
    scheduleBoot(cloud, mc, pool, r.value);
    created.push(r.value);
  }
  yield { until: () => created.every((inst) => inst.state === 'Running' && nodeReady(mc, inst.name)) };
}

function* shrink(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, n: number): TaskBody {
  // AKS removes the newest instances first.
  const victims = [...pool.instances].sort((a, b) => b.index - a.index).slice(0, n);
  for (const v of victims) if (v.state === 'Running') yield* drainNode(mc, v.name, pool.upgradeSettings.drainTimeoutInMinutes);
  for (const v of victims) deleteInstance(cloud, mc, pool, v);
}

/** The pool's VMs match `target` (grow or shrink), then the pool is Succeeded. */
export function* reconcileCount(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, target: number): TaskBody {
  const have = pool.instances.length;
  const e = target > have ? yield* grow(cloud, mc, pool, target - have) : yield* shrink(cloud, mc, pool, have - target);
  if (e) {
    pool.provisioningState = 'Failed';
    return e;
  }
  pool.provisioningState = 'Succeeded';
}

export function addPool(cloud: AzureCloud, mc: ManagedCluster, spec: Omit<PoolSpec, 'currentVersion'>): AzResult<{ pool: AgentPool; task: Task }> {
  const busy = checkWritable(mc, 'agent pool creation');
  if (busy) return { ok: false, error: busy };
  const version = spec.orchestratorVersion ? resolveVersion(spec.orchestratorVersion) : mc.currentKubernetesVersion;
  if (!version) return armError('K8sVersionNotSupported', `Version ${spec.orchestratorVersion} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region.`);
  if (compareVersions(version, mc.currentKubernetesVersion) > 0) {
    return armError('NodePoolMcVersionIncompatible', `Node pool version ${version} and control plane version ${mc.currentKubernetesVersion} are incompatible. Minor version of node pool version ${minorOf(version)} is bigger than control plane version ${minorOf(mc.currentKubernetesVersion)}.`);
  }
  const full: PoolSpec = { ...spec, currentVersion: version, orchestratorVersion: spec.orchestratorVersion ?? mc.kubernetesVersion };
  const err = validatePool(mc, mc.mode, full);
  if (err) return { ok: false, error: err };
  if (spec.priority === 'Spot' && spec.mode === 'System') return armError('InvalidParameter', 'Spot agent pools cannot be system pools.');
  const pool = newPool(cloud, mc.name, full, mc.mode);
  const space = checkAddressSpace(cloud, mc, [...mc.pools.map((p) => ({ pool: p, count: p.count })), { pool, count: pool.count }]);
  if (space) return { ok: false, error: space };
  mc.pools.push(pool);
  const task = runTask(cloud.world.clock, `nodepool add ${pool.name}`, reconcileCount(cloud, mc, pool, pool.count));
  return ok({ pool, task });
}

export function scalePool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, count: number): AzResult<Task> {
  const busy = checkWritable(mc, 'scaling');
  if (busy) return { ok: false, error: busy };
  if (pool.enableAutoScaling) return armError('InvalidParameter', 'Cannot scale cluster autoscaler enabled node pool.');
  if (pool.powerState === 'Stopped') return armError('OperationNotAllowed', `Agent pool ${pool.name} is stopped. Please start the agent pool before scaling.`);
  if (count < 0 || count > 1000) return armError('InvalidParameter', `The value of parameter agentPoolProfile.count is invalid. Error details: count must be between 0 and 1000 (inclusive), got ${count}.`);
  if (count === 0 && pool.mode === 'System') return armError('InvalidParameter', `System node pool must have at least one node. Node pool ${pool.name} is a system node pool, so it cannot be scaled to 0.`);
  const space = checkAddressSpace(cloud, mc, mc.pools.map((p) => ({ pool: p, count: p === pool ? count : p.count })));
  if (space && count > pool.count) return { ok: false, error: space };
  pool.count = count;
  pool.provisioningState = 'Scaling';
  return ok(runTask(cloud.world.clock, `nodepool scale ${pool.name}`, reconcileCount(cloud, mc, pool, count)));
}

export function deletePool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool): AzResult<Task> {
  if (mc.powerState === 'Stopped') return clusterStopped('agent pool deletion');
  if (pool.mode === 'System' && !mc.pools.some((p) => p !== pool && p.mode === 'System')) {
    return armError('OperationNotAllowed', `Cannot delete the last system node pool ${pool.name}: a cluster must have at least one system node pool. Add another system pool (az aks nodepool add --mode System) first.`);
  }
  pool.provisioningState = 'Deleting';
  const body = function* (): TaskBody {
    for (const inst of [...pool.instances]) if (inst.state === 'Running') yield* drainNode(mc, inst.name, pool.upgradeSettings.drainTimeoutInMinutes);
    for (const inst of [...pool.instances]) deleteInstance(cloud, mc, pool, inst);
    const i = mc.pools.indexOf(pool);
    if (i >= 0) mc.pools.splice(i, 1);
  };
  return ok(runTask(cloud.world.clock, `nodepool delete ${pool.name}`, body()));
}

export function stopPool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool): AzResult<Task> {
  const busy = checkWritable(mc, 'agent pool stop');
  if (busy) return { ok: false, error: busy };
  if (pool.mode === 'System') return armError('InvalidParameter', `Cannot stop agent pool ${pool.name} because it is a system pool; only user node pools can be stopped. Stop the whole cluster with 'az aks stop'.`);
  if (pool.enableAutoScaling) return armError('InvalidParameter', 'Cannot stop agent pool with cluster autoscaler enabled. Please disable autoscaler first.');
  if (pool.priority === 'Spot') return armError('InvalidParameter', 'Stopping a Spot node pool is not supported.');
  pool.provisioningState = 'Stopping';
  const count = pool.count;
  const body = function* (): TaskBody {
    yield* shrink(cloud, mc, pool, pool.instances.length);
    pool.count = count;
    pool.powerState = 'Stopped';
    pool.provisioningState = 'Succeeded';
  };
  return ok(runTask(cloud.world.clock, `nodepool stop ${pool.name}`, body()));
}

export function startPool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool): AzResult<Task> {
  if (mc.powerState === 'Stopped') return clusterStopped('agent pool start');
  if (pool.powerState === 'Running') return armError('InvalidParameter', `Agent pool ${pool.name} is already running.`);
  pool.provisioningState = 'Starting';
  pool.powerState = 'Running';
  return ok(runTask(cloud.world.clock, `nodepool start ${pool.name}`, reconcileCount(cloud, mc, pool, pool.count)));
}
