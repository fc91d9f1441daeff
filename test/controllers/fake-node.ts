/**
 * Stand-ins for the scheduler and kubelets in controller tests: binds pending
 * pods to fake nodes (round-robin) through pods/binding, marks bound pods
 * Running and Ready after `startMs`, and finishes graceful deletions after
 * `stopMs`, all through the API on the simulated clock.
 */
import type { Node, Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Mutable } from '../../src/cluster/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { Worker } from '../../src/cluster/runtime/controller.js';
import { clone } from '../../src/cluster/api/paths.js';
import { isoTime } from '../../src/cluster/api/lifecycle.js';

export interface FakeNodeOptions {
  nodes?: string[];
  startMs?: number;
  stopMs?: number;
  /** Pods that never become Ready (e.g. a broken image). */
  neverReady?: (pod: Pod) => boolean;
  /** Phase a started pod ends in after runMs (Jobs). */
  finish?: (pod: Pod) => { phase: 'Succeeded' | 'Failed'; afterMs: number } | undefined;
}

export class FakeNodes implements Worker {
  readonly name = 'fake-nodes';
  private queue: string[] = [];
  private rr = 0;
  private scheduled = new Set<string>();
  readonly client;
  paused = false;
  /** Nodes whose kubelet is gone: their pods are left as they are. */
  readonly dead = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly opts: FakeNodeOptions = {},
  ) {
    this.client = cluster.client({ username: 'system:kube-scheduler', groups: ['system:masters', 'system:authenticated'] });
    this.client.watch('pods', undefined, (e) => {
      if (e.type === 'ADDED' || e.type === 'MODIFIED') this.queue.push(`${e.object.metadata?.namespace}/${e.object.metadata?.name}`);
    });
    cluster.addWorker(this);
  }

  hasWork(): boolean {
    return !this.paused && this.queue.length > 0;
  }

  work(): void {
    const key = this.queue.shift()!;
    const [ns, name] = key.split('/') as [string, string];
    const r = this.client.get<Pod>('pods', ns, name);
    if (!r.ok) return;
    const pod = r.object;
    const nodes = this.opts.nodes ?? ['node-a', 'node-b', 'node-c'];
    if (pod.spec?.nodeName && this.dead.has(pod.spec.nodeName)) return;
    if (pod.metadata?.deletionTimestamp) {
      if (!pod.spec?.nodeName) return;
      this.later(`del:${key}:${pod.metadata.uid}`, this.opts.stopMs ?? 0, () => {
        this.client.delete('pods', ns, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } });
      });
      return;
    }
    if (!pod.spec?.nodeName) {
      const usable = nodes.filter((n) => {
        const obj = this.client.get<Node>('nodes', undefined, n);
        return !obj.ok || !(obj.object.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
      });
      const pinned = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      if (pinned) {
        this.client.subresource('create', 'pods', ns, name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: pinned } });
        return;
      }
      if (usable.length === 0) return;
      const node = usable[this.rr++ % usable.length]!;
      this.client.subresource('create', 'pods', ns, name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } });
      return;
    }
    if (pod.status?.phase === 'Pending') {
      this.later(`start:${pod.metadata?.uid}`, this.opts.startMs ?? 0, () => this.start(ns, name));
      return;
    }
    if (pod.status?.phase === 'Running' && this.opts.finish) {
      const f = this.opts.finish(pod);
      if (f) this.later(`finish:${pod.metadata?.uid}`, f.afterMs, () => this.setPhase(ns, name, f.phase));
    }
  }

  private later(id: string, ms: number, fn: () => void): void {
    if (this.scheduled.has(id)) return;
    this.scheduled.add(id);
    if (ms <= 0) fn();
    else this.cluster.clock.setTimeout(fn, ms, `fake-nodes:${id}`);
  }

  private start(ns: string, name: string): void {
    const r = this.client.get<Pod>('pods', ns, name);
    if (!r.ok || r.object.metadata?.deletionTimestamp) return;
    const pod = clone(r.object) as Mutable<Pod>;
    const now = isoTime(this.cluster.clock.now());
    const ready = !(this.opts.neverReady?.(pod) ?? false);
    const st = (pod.status ??= {}) as Mutable<PodStatus>;
    st.phase = 'Running';
    st.startTime = now;
    st.conditions = [
      ...(st.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
    ];
    st.containerStatuses = (pod.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: now } } }));
    this.client.updateStatus('pods', ns, name, pod);
  }

  setPhase(ns: string, name: string, phase: 'Succeeded' | 'Failed'): void {
    const r = this.client.get<Pod>('pods', ns, name);
    if (!r.ok) return;
    const pod = clone(r.object) as Mutable<Pod>;
    const now = isoTime(this.cluster.clock.now());
    const st: Mutable<PodStatus> = { ...(pod.status ?? {}), phase, conditions: (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: now } : c)) };
    pod.status = st;
    st.containerStatuses = (st.containerStatuses ?? []).map((c) => ({ ...c, ready: false, state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: now, finishedAt: now } } }));
    this.client.updateStatus('pods', ns, name, pod);
  }
}
