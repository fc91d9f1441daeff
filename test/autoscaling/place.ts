/** Until the scheduler lands: bind every pending pod round-robin over the nodes, as the scheduler would. */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../src/cluster/cluster.js';

export function placePending(cluster: Cluster): void {
  const nodes = cluster.admin.items<Node>('nodes').map((n) => n.metadata!.name!).sort();
  let i = 0;
  for (const p of cluster.admin.items<Pod>('pods')) {
    if (p.spec?.nodeName || p.metadata?.deletionTimestamp) continue;
    cluster.admin.create('bindings', p.metadata!.namespace!, { metadata: { name: p.metadata!.name }, target: { kind: 'Node', name: nodes[i++ % nodes.length] } });
  }
}
