/**
 * Spot eviction (`az vmss simulate-eviction`): Azure gives ~30 s notice, then
 * the VM is deleted (policy Delete: the pool shrinks) or stopped-deallocated
 * (Deallocate: it still counts against quota). Its pods die with it and the
 * Node is removed by the cloud node manager (facts §2.5).
 */
import type { AzureCloud } from './cloud.js';
import type { AgentPool, ManagedCluster } from './types.js';
import { armError, type AzResult, ok } from './errors.js';
import { deleteInstance, powerOff } from './instances.js';
import { runTask, type Task, type TaskBody } from './tasks.js';

export const EVICTION_NOTICE_MS = 30_000;

export function simulateEviction(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, instanceId: number): AzResult<Task> {
  const inst = pool.instances.find((i) => i.index === instanceId);
  if (!inst) return armError('NotFound', `The entity was not found in this Azure location. Instance ${instanceId} of virtual machine scale set aks-${pool.name}-${pool.vmssId}-vmss does not exist.`);
  if (pool.priority !== 'Spot') return armError('OperationNotAllowed', `Operation 'simulateEviction' is not allowed on VM '${inst.name}' since the VM is not a Spot/Low priority VM.`);
  const body = function* (): TaskBody {
    yield { sleep: EVICTION_NOTICE_MS };
    if (pool.evictionPolicy === 'Deallocate') {
      powerOff(mc, inst);
      inst.state = 'Deallocated';
    } else {
      deleteInstance(cloud, mc, pool, inst);
      pool.count = Math.max(0, pool.count - 1);
    }
  };
  return ok(runTask(cloud.world.clock, `evict ${inst.name}`, body()));
}
