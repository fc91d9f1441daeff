/**
 * Failure injection for learning: `simulate node-failure <node>` makes a
 * node's VM hang (its kubelet stops heartbeating and running pods; the Node
 * object stays, as when a real VM freezes), `simulate node-recovery <node>`
 * brings it back. What follows is the control plane's own doing: NotReady
 * after the grace period, taints, evictions after tolerationSeconds.
 */
import type { Command } from './types.js';
import { cloudOf } from '../cluster/cloud/cloud.js';

export const simulate: Command = {
  name: 'simulate',
  summary: 'Inject a failure: simulate node-failure|node-recovery <node>',
  run(ctx, args) {
    const [what, node] = args;
    if ((what !== 'node-failure' && what !== 'node-recovery') || !node) {
      ctx.err('usage: simulate node-failure <node>    (the node stops heartbeating)\n       simulate node-recovery <node>   (its kubelet comes back)');
      return 1;
    }
    const cloud = cloudOf(ctx.world);
    const inst = cloud.clusters.flatMap((mc) => mc.pools.flatMap((p) => p.instances)).find((i) => i.name === node);
    if (!inst?.kubelet) {
      ctx.err(`simulate: no running VM for node "${node}" (kubectl get nodes lists them)`);
      return 1;
    }
    if (what === 'node-failure') {
      inst.kubelet.stop();
      ctx.out(`node ${node}: the VM stopped responding (kubelet heartbeats stop; the Node object stays)`);
    } else {
      inst.kubelet.restart();
      ctx.out(`node ${node}: the VM is back; its kubelet registers and heartbeats again`);
    }
    const cluster = ctx.session.cluster();
    cluster?.trace.note('azure', `${what === 'node-failure' ? 'VM hang injected on' : 'VM recovered:'} ${node}`, [`nodes/${node}`]);
    return 0;
  },
};
