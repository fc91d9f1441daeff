/**
 * A pool's template node (upstream's TemplateNodeInfo): the Node a new VM of
 * the pool would register — labels, taints and the allocatable the kubelet
 * reports for its VM size — with the DaemonSet pods that would land on it
 * already counted, as the cluster autoscaler builds it for its simulations.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { AgentPool, ManagedCluster, VmssInstance } from '../../cloud/types.js';
import { buildMachine } from '../../cloud/node-machine.js';
import { vmssName } from '../../cloud/names.js';
import { NodeInfo } from '../../scheduler/node-info.js';
import { podInfo, toleratesAny } from '../../scheduler/pod-info.js';
import { requiredMatches } from '../../scheduler/plugins/node-affinity.js';

/** The node group id the autoscaler uses for a pool: its VMSS name. */
export function groupId(pool: AgentPool): string {
  return vmssName(pool.name, pool.vmssId);
}

export function templateNode(mc: ManagedCluster, pool: AgentPool, subscriptionId: string): Node {
  const zone = pool.zones.length ? pool.zones[0] : undefined;
  const inst: VmssInstance = {
    index: pool.nextIndex,
    name: `template-node-for-${groupId(pool)}`,
    ip: '',
    state: 'Running',
    orchestratorVersion: pool.currentOrchestratorVersion,
    nodeImageRelease: pool.nodeImageRelease,
    createdAt: 0,
    ...(zone ? { zone } : {}),
  };
  const m = buildMachine(mc, pool, inst, subscriptionId);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: m.name, labels: m.labels },
    spec: { taints: m.taints.length ? m.taints : undefined },
    status: { capacity: m.capacity, allocatable: m.allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** Would the DaemonSet controller run a pod of `ds` on `node`? (node affinity/selector, NoSchedule/NoExecute taints) */
function daemonPodFor(ds: DaemonSet, node: Node, n: number): Pod | undefined {
  const tpl = ds.spec?.template;
  const pod: Pod = {
    metadata: { name: `${ds.metadata?.name}-template-${n}`, namespace: ds.metadata?.namespace, labels: tpl?.metadata?.labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata?.name ?? '', uid: ds.metadata?.uid ?? '', controller: true }] },
    spec: { ...(tpl?.spec ?? { containers: [] }), nodeName: node.metadata?.name },
  };
  const ni = new NodeInfo(node);
  if (!requiredMatches(pod, ni)) return undefined;
  const tol = pod.spec?.tolerations ?? [];
  for (const t of node.spec?.taints ?? []) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratesAny(tol, t)) return undefined;
  return pod;
}

/** The template NodeInfo with its DaemonSet pods (a fresh object each call: simulations add pods to copies of it). */
export function templateNodeInfo(node: Node, daemonSets: readonly DaemonSet[]): NodeInfo {
  const ni = new NodeInfo(node);
  let n = 0;
  for (const ds of daemonSets) {
    const pod = daemonPodFor(ds, node, n++);
    if (pod) ni.addPod(podInfo(pod));
  }
  return ni;
}
