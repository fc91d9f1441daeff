/**
 * `az aks stop|start|delete`: stopping drains the cluster (bare pods are
 * lost; objects in etcd stay), deallocates every VM and takes the API server
 * away (kubectl can't connect); starting brings new VMs and the API server
 * back (facts §1.4).
 */
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster } from './types.js';
import { armError, type AzResult, ok, operationInProgress } from './errors.js';
import { deleteBarePods } from './drain.js';
import { deleteInstance } from './instances.js';
import { reconcileCount } from './pools.js';
import { runTask, type Task, type TaskBody } from './tasks.js';

const BUSY = ['Creating', 'Scaling', 'Upgrading', 'Updating', 'Deleting', 'Stopping', 'Starting'];

export function stopCluster(cloud: AzureCloud, mc: ManagedCluster): AzResult<Task> {
  if (BUSY.includes(mc.provisioningState)) return { ok: false, error: operationInProgress(mc.name, mc.provisioningState).error };
  if (mc.powerState === 'Stopped') return armError('OperationNotAllowed', `Managed cluster ${mc.name} is already stopped.`);
  mc.provisioningState = 'Stopping';
  const body = function* (): TaskBody {
    yield { sleep: 30_000 };
    deleteBarePods(mc);
    for (const pool of mc.pools) for (const inst of [...pool.instances]) deleteInstance(cloud, mc, pool, inst);
    yield { sleep: 120_000 };
    cloud.world.removeCluster(mc.cluster.name);
    mc.powerState = 'Stopped';
    for (const p of mc.pools) p.powerState = 'Stopped';
    mc.provisioningState = 'Succeeded';
  };
  return ok(runTask(cloud.world.clock, `stop ${mc.name}`, body()));
}

export function startCluster(cloud: AzureCloud, mc: ManagedCluster): AzResult<Task> {
  if (BUSY.includes(mc.provisioningState)) return { ok: false, error: operationInProgress(mc.name, mc.provisioningState).error };
  if (mc.powerState === 'Running') return armError('BadRequest', `Managed cluster ${mc.name} is in Running state and cannot be started. Only a stopped cluster can be started.`);
  mc.provisioningState = 'Starting';
  const rng = cloud.rng.fork(`start:${mc.name}:${cloud.world.clock.now()}`);
  const body = function* (): TaskBody {
    yield { sleep: 60_000 };
    mc.apiServerIp = `20.${10 + rng.int(200)}.${rng.int(256)}.${1 + rng.int(254)}`;
    cloud.world.attach(mc.cluster);
    mc.powerState = 'Running';
    for (const pool of mc.pools) {
      pool.powerState = 'Running';
      const e = yield* reconcileCount(cloud, mc, pool, pool.count);
      if (e) return e;
    }
    mc.provisioningState = 'Succeeded';
  };
  return ok(runTask(cloud.world.clock, `start ${mc.name}`, body()));
}

export function deleteCluster(cloud: AzureCloud, mc: ManagedCluster): AzResult<Task> {
  if (mc.provisioningState === 'Deleting') return { ok: false, error: operationInProgress(mc.name, mc.provisioningState).error };
  mc.provisioningState = 'Deleting';
  const body = function* (): TaskBody {
    yield { sleep: 60_000 };
    for (const pool of mc.pools) for (const inst of [...pool.instances]) deleteInstance(cloud, mc, pool, inst);
    yield { sleep: 180_000 };
    cloud.world.removeCluster(mc.cluster.name);
    cloud.removeGroup(mc.nodeResourceGroup);
    const i = cloud.clusters.indexOf(mc);
    if (i >= 0) cloud.clusters.splice(i, 1);
  };
  return ok(runTask(cloud.world.clock, `delete ${mc.name}`, body()));
}
