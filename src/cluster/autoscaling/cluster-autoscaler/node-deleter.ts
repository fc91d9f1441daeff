/**
 * Scale-down actuation (upstream core/scaledown/actuation): taint the node
 * ToBeDeletedByClusterAutoscaler, evict its pods through the Eviction API
 * (PDBs answer 429 and the eviction is retried for up to 2 minutes), wait for
 * them to go, then delete the VM from its pool. A failure removes the taint.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { AgentPool } from '../../cloud/types.js';
import type { KObject } from '../../api/types.js';
import { clone } from '../../api/paths.js';
import { runTask, type TaskBody } from '../../cloud/tasks.js';
import type { ClusterAutoscaler } from './autoscaler.js';
import { deleteVm } from './cloud-provider.js';
import { isDaemonSetPod, isMirrorPod, TO_BE_DELETED_TAINT, type NodeCheck } from './scale-down.js';

export const MAX_POD_EVICTION_MS = 2 * 60_000;
/** How long Azure takes to delete a VMSS instance (simulated). */
export const VM_DELETE_MS = 30_000;

export class NodeDeleter {
  lastDelete = -Infinity;
  lastFailure = -Infinity;
  private readonly active = new Map<string, { drain: boolean }>();

  constructor(private readonly ca: ClusterAutoscaler) {}

  inProgress(): Set<string> {
    return new Set(this.active.keys());
  }

  drainsInProgress(): number {
    let n = 0;
    for (const a of this.active.values()) if (a.drain) n++;
    return n;
  }

  private get clock() {
    return this.ca.mc.cluster.clock;
  }

  private taint(node: string, on: boolean): boolean {
    const r = this.ca.client.get<Node & KObject>('nodes', undefined, node);
    if (!r.ok) return false;
    const taints: Taint[] = clone(r.object.spec?.taints ?? []).filter((t) => t.key !== TO_BE_DELETED_TAINT);
    if (on) taints.push({ key: TO_BE_DELETED_TAINT, value: String(Math.floor(this.clock.now() / 1000)), effect: 'NoSchedule' });
    return this.ca.client.patch('nodes', undefined, node, { spec: { taints: taints.length ? taints : null } }).ok;
  }

  private podsToEvict(node: string): (Pod & KObject)[] {
    return this.ca.client.items<Pod & KObject>('pods', undefined, { fieldSelector: `spec.nodeName=${node}` }).filter((p) => !isDaemonSetPod(p) && !isMirrorPod(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  }

  start(check: NodeCheck, empty: boolean): void {
    const ca = this.ca;
    const pool = ca.mc.pools.find((p) => p.name === check.pool);
    if (!pool || !this.taint(check.node, true)) return;
    const node = ca.client.get<Node & KObject>('nodes', undefined, check.node);
    if (node.ok) ca.events.event(node.object, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable');
    const u = check.utilization;
    if (empty) ca.events.event(ca.statusObject(), 'Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${check.node}"`);
    else ca.events.event(ca.statusObject(), 'Normal', 'ScaleDown', `Scale-down: removing node ${check.node}, utilization: {${round(u.cpu)} ${round(u.memory)} 0 ${u.resource} ${round(u.value)}}, pods to reschedule: ${check.toMove.join(',')}`);
    ca.unneededSince.delete(check.node);
    this.active.set(check.node, { drain: !empty });
    ca.mc.cluster.trace.note('cluster-autoscaler', `scale-down ${check.node} (${empty ? 'empty' : `drain ${check.toMove.length} pod(s)`})`);
    runTask(this.clock, `cluster-autoscaler scale-down ${check.node}`, this.body(pool, check.node, empty));
  }

  private *body(pool: AgentPool, node: string, empty: boolean): TaskBody {
    const ca = this.ca;
    if (!empty) {
      const told = new Set<string>();
      const evictAll = (): number => {
        let left = 0;
        for (const p of this.podsToEvict(node)) {
          if (p.metadata?.deletionTimestamp) continue;
          const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
          if (!told.has(key)) {
            told.add(key);
            ca.events.event(p, 'Normal', 'ScaleDown', 'deleting pod for node scale down');
          }
          const r = ca.client.subresource('create', 'pods', p.metadata!.namespace, p.metadata!.name!, 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata!.name, namespace: p.metadata!.namespace }, deleteOptions: { gracePeriodSeconds: Math.min(p.spec?.terminationGracePeriodSeconds ?? 30, ca.settings.maxGracefulTerminationSec) } });
          if (!r.ok && r.status.code !== 404) left++;
        }
        return left;
      };
      let left = evictAll();
      if (left > 0) yield { until: () => (left = evictAll()) === 0, pollMs: 5000, timeoutMs: MAX_POD_EVICTION_MS };
      if (left > 0) return this.fail(node, 'failed to drain the node, aborting ScaleDown');
      yield { until: () => this.podsToEvict(node).length === 0, pollMs: 5000, timeoutMs: (ca.settings.maxGracefulTerminationSec + 30) * 1000 };
    }
    if ((pool.minCount ?? 0) > pool.count - 1 || !pool.enableAutoScaling) return this.fail(node, 'failed to delete the node');
    yield { sleep: VM_DELETE_MS };
    deleteVm(ca.cloud, ca.mc, pool, node);
    this.active.delete(node);
    this.lastDelete = this.clock.now();
    if (empty) ca.events.event(ca.statusObject(), 'Normal', 'ScaleDownEmpty', `Scale-down: empty node ${node} removed`);
    else ca.events.event(ca.statusObject(), 'Normal', 'ScaleDown', `Scale-down: node ${node} removed with drain`);
  }

  private fail(node: string, message: string): void {
    this.active.delete(node);
    this.lastFailure = this.clock.now();
    this.taint(node, false);
    const n = this.ca.client.get<Node & KObject>('nodes', undefined, node);
    if (n.ok) this.ca.events.event(n.object, 'Warning', 'ScaleDownFailed', message);
  }

  deleteVm(pool: AgentPool, name: string): void {
    deleteVm(this.ca.cloud, this.ca.mc, pool, name);
  }
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
