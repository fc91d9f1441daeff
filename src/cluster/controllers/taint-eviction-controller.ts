/**
 * The taint eviction controller (formerly the taint manager): a pod on a node
 * with NoExecute taints it doesn't tolerate is deleted at once; one that
 * tolerates them for tolerationSeconds is deleted that long after the taint
 * was added (300 s for the default not-ready/unreachable tolerations); one
 * that tolerates them forever stays. Before deleting it adds the
 * DisruptionTarget condition, and it records TaintManagerEviction events.
 */
import type { Node, Pod, PodCondition, Taint } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { timeOf } from './pod-util.js';
import { tolerates } from './taints.js';

type P = Pod & KObject;

/** When the pod must go (ms; Infinity = never), given the node's NoExecute taints. */
export function evictionTime(pod: Pod, taints: Taint[], now: number): number {
  let due = Infinity;
  for (const taint of taints) {
    const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (matching.length === 0) return now;
    // The shortest tolerationSeconds among those that tolerate it; unset = forever.
    let secs = Infinity;
    for (const t of matching) if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) secs = Math.min(secs, Math.max(0, t.tolerationSeconds));
    if (secs === Infinity) continue;
    const added = taint.timeAdded ? timeOf(taint.timeAdded) : now;
    due = Math.min(due, added + secs * 1000);
  }
  return due;
}

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private ctx!: ControllerContext;
  private nodes!: Informer<Node & KObject>;
  private pods!: Informer<P>;
  /** Pods with an eviction scheduled (for the cancel event). */
  private scheduled = new Set<string>();

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.nodes = ctx.informers.for<Node & KObject>('nodes');
    this.pods = ctx.informers.for<P>('pods');
    this.pods.addIndex('node', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.nodes.on((type, n, old) => {
      const taints = JSON.stringify(noExecute(n));
      if (type !== 'DELETED' && old && taints === JSON.stringify(noExecute(old))) return;
      for (const p of this.pods.byIndex('node', n.metadata!.name!)) ctx.queue.add(`${p.metadata?.namespace}/${p.metadata?.name}`);
    });
    this.pods.on((type, p, old) => {
      if (type === 'DELETED') return;
      if (old && old.spec?.nodeName === p.spec?.nodeName && JSON.stringify(old.spec?.tolerations) === JSON.stringify(p.spec?.tolerations)) return;
      if (p.spec?.nodeName) ctx.queue.add(`${p.metadata?.namespace}/${p.metadata?.name}`);
    });
  }

  reconcile(key: string): ReconcileResult {
    const pod = this.pods.get(key);
    const node = pod?.spec?.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (!pod || pod.metadata?.deletionTimestamp || !node) {
      this.scheduled.delete(key);
      return;
    }
    const now = this.ctx.clock.now();
    const taints = noExecute(node);
    const due = taints.length ? evictionTime(pod, taints, now) : Infinity;
    if (due === Infinity) {
      if (this.scheduled.delete(key)) this.ctx.events.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
      return;
    }
    if (due > now) {
      this.scheduled.add(key);
      return { requeueAfterMs: due - now };
    }
    this.scheduled.delete(key);
    this.ctx.events.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const copy = clone(pod);
    const cond: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: isoTime(now) };
    const conditions = [...(copy.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), cond];
    this.ctx.client.updateStatus('pods', pod.metadata?.namespace, pod.metadata!.name!, { ...copy, status: { ...(copy.status ?? {}), conditions } });
    const r = this.ctx.client.delete('pods', pod.metadata?.namespace, pod.metadata!.name!, { preconditions: { uid: pod.metadata?.uid } });
    if (!r.ok && r.status.reason !== 'NotFound' && r.status.reason !== 'Conflict') return { error: r.status.message };
    return;
  }
}

function noExecute(n: Node): Taint[] {
  return (n.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}
