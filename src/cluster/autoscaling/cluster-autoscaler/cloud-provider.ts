/**
 * The autoscaler's Azure cloud provider: it sets a pool's VMSS capacity
 * (the same path `az aks nodepool scale` takes, so new VMs boot on the
 * simulated clock) and deletes one chosen VM.
 */
import type { AzureCloud } from '../../cloud/cloud.js';
import type { AgentPool, ManagedCluster } from '../../cloud/types.js';
import { reconcileCount } from '../../cloud/pools.js';
import { deleteInstance } from '../../cloud/instances.js';
import { runTask } from '../../cloud/tasks.js';

/** Grow the pool to `to` VMs; returns Azure's error text when the VMs cannot be created. */
export function growPool(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, to: number): string | undefined {
  pool.count = to;
  const task = runTask(cloud.world.clock, `cluster-autoscaler scale-up ${pool.name}`, reconcileCount(cloud, mc, pool, to));
  if (task.done && task.error) {
    pool.count = pool.instances.length;
    return task.error.message;
  }
  return undefined;
}

/** Delete one VM of the pool (the Node goes with it) and lower the pool's count. */
export function deleteVm(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, name: string): boolean {
  const inst = pool.instances.find((i) => i.name === name);
  if (!inst) return false;
  deleteInstance(cloud, mc, pool, inst);
  pool.count = Math.max(0, pool.count - 1);
  return true;
}
