/**
 * kube-scheduler as a Worker: informers feed the cache and the queue (their
 * handlers only record and enqueue); each work() runs one scheduling cycle
 * for the head of activeQ, binds through pods/binding, and on failure records
 * the FailedScheduling event and the PodScheduled=False condition, runs
 * preemption, and parks the pod until an event that could help it.
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { Cluster } from '../cluster.js';
import type { Client } from '../api/client.js';
import type { KObject, UserInfo } from '../api/types.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import type { Random } from '../random.js';
import type { Worker } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { EventRecorder } from '../runtime/events.js';
import { SchedulerCache } from './cache.js';
import { SchedulingQueue } from './queue.js';
import { Framework, type Diagnosis } from './framework.js';
import { CycleState } from './types.js';
import type { Handle } from './handle.js';
import { buildPlugins } from './registry.js';
import { forgetTermMatches, podInfo, podKey, type PodInfo } from './pod-info.js';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './failure.js';
import { preempt, type PreemptionEnv } from './plugins/default-preemption.js';
import { bind } from './plugins/default-binder.js';
import { Explanations, type CycleRecord, type NodeRejection } from './explain.js';

export const SCHEDULER_USER: UserInfo = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Which plugins a cluster event can help (a small version of upstream's queueing hints). */
const EVENTS = {
  nodeAdd: undefined,
  assignedPodAdd: new Set(['InterPodAffinity', 'PodTopologySpread']),
  assignedPodDelete: new Set(['NodeResourcesFit', 'NodePorts', 'InterPodAffinity', 'PodTopologySpread', 'VolumeRestrictions', 'NodeVolumeLimits', 'AzureDiskLimits']),
  namespaceLabels: new Set(['InterPodAffinity']),
  storage: new Set(['VolumeRestrictions', 'NodeVolumeLimits', 'AzureDiskLimits', 'VolumeBinding', 'VolumeZone']),
} as const;

/** Resources the volume plugins read (PreBind re-checks waiting pods when they change). */
const STORAGE_RESOURCES = ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io', 'csinodes.storage.k8s.io', 'csidrivers.storage.k8s.io'];
/** How often a pod waiting in PreBind is re-checked, and how long it may wait (bindTimeoutSeconds 600). */
const PREBIND_POLL_MS = 1_000;
const PREBIND_TIMEOUT_MS = 600_000;

interface WaitingBind {
  state: CycleState;
  info: PodInfo;
  node: string;
  rec: CycleRecord;
  cycle: number;
  deadline: number;
}

function nodeChangePlugins(a: Node, b: Node): Set<string> {
  const out = new Set<string>();
  if (!deepEqual(a.status?.allocatable, b.status?.allocatable)) out.add('NodeResourcesFit');
  if (!deepEqual(a.metadata?.labels, b.metadata?.labels)) for (const p of ['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'VolumeBinding', 'VolumeZone']) out.add(p);
  if (!deepEqual(a.spec?.taints, b.spec?.taints)) for (const p of ['TaintToleration', 'PodTopologySpread']) out.add(p);
  if (!!a.spec?.unschedulable !== !!b.spec?.unschedulable) out.add('NodeUnschedulable');
  if (!deepEqual(a.status?.images, b.status?.images)) out.add('ImageLocality');
  return out;
}

type MutablePod = KObject & { status?: { conditions?: PodCondition[]; nominatedNodeName?: string } };

function conditionOf(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
}

export interface SchedulerOptions {
  /** Pods naming another scheduler are left alone. */
  schedulerName?: string;
  /** 0 = adaptive (upstream default). */
  percentageOfNodesToScore?: number;
}

export class Scheduler implements Worker {
  readonly name = 'kube-scheduler';
  readonly schedulerName: string;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  readonly explanations = new Explanations();
  private readonly client: Client;
  private readonly events: EventRecorder;
  private readonly rng: Random;
  private readonly pods: Informer<Pod & KObject>;
  private readonly pdbs: Informer;
  private readonly listers = new Map<string, Informer>();
  private listersStarted = false;
  private readonly waiting = new Map<string, WaitingBind>();
  private readonly recheck: string[] = [];
  /** Scheduled pods so far (bench and UI). */
  scheduledCount = 0;

  constructor(
    private readonly cluster: Cluster,
    opts: SchedulerOptions = {},
  ) {
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.client = cluster.client(SCHEDULER_USER);
    this.events = new EventRecorder(this.client, cluster.clock, this.schedulerName);
    this.rng = cluster.rng.fork('scheduler');
    this.queue = new SchedulingQueue(cluster.clock);
    const informers = cluster.informers(SCHEDULER_USER);
    const handle: Handle = {
      nodes: () => this.cache.nodes(),
      node: (n) => this.cache.node(n),
      nodesWithAffinity: () => this.cache.withAffinity,
      nodesWithRequiredAntiAffinity: () => this.cache.withRequiredAntiAffinity,
      nodesWithScoringAffinity: () => this.cache.withScoringAffinity,
      imageNodes: () => this.cache.imageNodes,
      nsLabels: (ns) => this.cache.namespaceLabels.get(ns),
      spreadCounts: (ns, sel, key, keys) => this.cache.spread.get(ns, sel, key, keys),
      affinityCounts: () => this.cache.affinity,
      list: (resource, ns) => this.listers.get(resource)?.byIndex('namespace', ns) ?? [],
      get: (resource, ns, name) => this.listers.get(resource)?.getNs(ns, name),
      all: (resource) => this.listers.get(resource)?.list() ?? [],
      client: () => this.client,
    };
    this.framework = new Framework(buildPlugins(handle), this.rng.fork('select-host'), opts.percentageOfNodesToScore ?? 0);
    for (const r of STORAGE_RESOURCES) {
      const inf = informers.for(r);
      inf.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
      this.listers.set(r, inf);
      inf.on((type) => {
        if (type === 'ADDED' && !this.listersStarted) return;
        this.queue.moveAll(EVENTS.storage);
      });
    }
    this.listersStarted = true;
    for (const r of ['services', 'replicationcontrollers', 'replicasets.apps', 'statefulsets.apps']) {
      const inf = informers.for(r);
      inf.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
      this.listers.set(r, inf);
    }
    this.pdbs = informers.for('poddisruptionbudgets.policy');
    this.pdbs.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
    informers.for('namespaces').on((type, o) => {
      const name = o.metadata?.name ?? '';
      const before = this.cache.namespaceLabels.get(name);
      if (type === 'DELETED') this.cache.namespaceLabels.delete(name);
      else this.cache.namespaceLabels.set(name, o.metadata?.labels ?? {});
      if (before && !deepEqual(before, o.metadata?.labels)) {
        forgetTermMatches();
        this.cache.affinity.clear();
        this.queue.moveAll(EVENTS.namespaceLabels);
      }
    });
    informers.for<Node & KObject>('nodes').on((type, o, old) => {
      const node = o as Node;
      if (type === 'DELETED') return this.cache.removeNode(node.metadata?.name ?? '');
      this.cache.upsertNode(node);
      if (type === 'ADDED' || !old) this.queue.moveAll(EVENTS.nodeAdd);
      else {
        const changed = nodeChangePlugins(old as Node, node);
        if (changed.size > 0) this.queue.moveAll(changed);
      }
    });
    this.pods = informers.for<Pod & KObject>('pods');
    this.pods.on((type, o, old) => this.onPod(type, o as Pod, old as Pod | undefined));
  }

  private onPod(type: string, pod: Pod, old: Pod | undefined): void {
    const key = podKey(pod);
    if (type === 'DELETED') {
      this.queue.delete(key);
      this.waiting.delete(key);
      this.framework.unnominate(key);
      if (this.cache.isAssumedOrBound(key)) {
        this.cache.removePod(key);
        this.queue.moveAll(EVENTS.assignedPodDelete);
      }
      return;
    }
    if (pod.spec?.nodeName) {
      this.queue.delete(key);
      this.framework.unnominate(key);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        if (this.cache.isAssumedOrBound(key)) {
          this.cache.removePod(key);
          this.queue.moveAll(EVENTS.assignedPodDelete);
        }
        return;
      }
      const fresh = this.cache.nodeOfPod(key) !== pod.spec.nodeName;
      this.cache.upsertBoundPod(pod);
      if (fresh || !old?.spec?.nodeName) this.queue.moveAll(EVENTS.assignedPodAdd);
      return;
    }
    if ((pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) !== this.schedulerName) return;
    if (pod.metadata?.deletionTimestamp) {
      this.queue.delete(key);
      return;
    }
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) this.framework.nominate(podInfo(pod), nominated);
    else this.framework.unnominate(key);
    if (type === 'ADDED' || !old) this.queue.add(pod);
    else if (deepEqual(old.spec, pod.spec) && deepEqual(old.metadata?.labels, pod.metadata?.labels) && deepEqual(old.metadata?.annotations, pod.metadata?.annotations)) this.queue.refresh(pod);
    else this.queue.add(pod);
  }

  hasWork(): boolean {
    return this.queue.activeLength > 0 || this.recheck.length > 0;
  }

  work(): void {
    const key = this.recheck.shift();
    if (key !== undefined) return this.continueBinding(key);
    this.scheduleOne();
  }

  /** A pod waiting in PreBind: ask its plugins again; bind, keep waiting, or give up. */
  private continueBinding(key: string): void {
    const w = this.waiting.get(key);
    if (!w) return;
    const pod = this.pods.get(key);
    if (!pod || pod.metadata?.uid !== w.info.uid || pod.spec?.nodeName) {
      this.waiting.delete(key);
      return;
    }
    this.waiting.delete(key);
    this.bindCycle(pod, w.state, w.info, w.node, w.rec, w.cycle, w.deadline);
  }

  /** The binding cycle: PreBind plugins (which may wait), then the DefaultBinder. */
  private bindCycle(pod: Pod & KObject, state: CycleState, cur: PodInfo, node: string, rec: CycleRecord, cycle: number, deadline: number): void {
    for (const p of this.framework.plugins) {
      if (!p.preBind) continue;
      const s = p.preBind(state, cur, node);
      if (s === null) continue;
      if (s === 'wait') {
        if (this.cluster.clock.now() < deadline) {
          this.waiting.set(cur.key, { state, info: cur, node, rec, cycle, deadline });
          this.cluster.clock.setTimeout(() => this.recheck.push(cur.key), PREBIND_POLL_MS, 'scheduler prebind');
          return;
        }
        return this.bindFailed(pod, cur, `running PreBind plugin "${p.name}": binding volumes: context deadline exceeded`, rec, cycle);
      }
      return this.bindFailed(pod, cur, `running PreBind plugin "${p.name}": ${s.reasons.join(', ')}`, rec, cycle);
    }
    const r = bind(this.client, cur.namespace, cur.name, node);
    if (!r.ok) {
      const msg = `running Bind plugin "DefaultBinder": ${r.status.message}`;
      if (r.status.reason !== 'NotFound') return this.bindFailed(pod, cur, msg, rec, cycle);
      this.cache.forget(cur.key);
      this.explanations.put({ ...rec, outcome: 'BindingRejected', message: msg });
      this.queue.requeueUnschedulable(cur.key, [], cycle, true);
      return;
    }
    this.queue.done(cur.key);
    this.scheduledCount++;
    this.explanations.put(rec);
    this.events.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${cur.namespace}/${cur.name} to ${node}`);
    const score = rec.scores[0] ? ` (score ${Math.round(rec.scores[0].total)} of ${rec.feasibleNodes} feasible nodes)` : '';
    this.cluster.trace.note('scheduler', `bound ${cur.key} → ${node}${score}`, [`pods/${cur.key}`]);
  }

  private bindFailed(pod: Pod & KObject, cur: PodInfo, msg: string, rec: CycleRecord, cycle: number): void {
    this.cache.forget(cur.key);
    this.fail(pod, msg, undefined, true);
    this.explanations.put({ ...rec, outcome: 'BindingRejected', message: msg });
    this.queue.requeueUnschedulable(cur.key, [], cycle, true);
  }

  /** One scheduling cycle for the pod at the head of activeQ. */
  scheduleOne(): void {
    const q = this.queue.pop();
    if (!q) return;
    const cycle = this.queue.schedulingCycle;
    const info = q.info;
    const pod = this.pods.get(info.key);
    if (!pod || pod.spec?.nodeName || pod.metadata?.uid !== info.uid || this.cache.isAssumedOrBound(info.key)) {
      this.queue.done(info.key);
      return;
    }
    const cur = podInfo(pod);
    const nodes = this.cache.nodes();
    const base = { pod: info.key, uid: cur.uid, time: this.cluster.clock.now(), attempt: q.attempts, numAllNodes: nodes.length, rejectedOmitted: 0 };
    if (nodes.length === 0) {
      this.fail(pod, NO_NODES_AVAILABLE);
      this.explanations.put({ ...base, outcome: 'NoNodes', message: NO_NODES_AVAILABLE, evaluatedNodes: 0, feasibleNodes: 0, rejected: [], skippedFilters: [], skippedScores: [], scores: [] });
      this.queue.requeueUnschedulable(info.key, [], cycle);
      return;
    }
    const state = new CycleState();
    const out = this.framework.schedule(state, cur, nodes);
    const rejected = rejections(out.diagnosis, out.ok ? SCHEDULED_SAMPLE : Infinity);
    const skippedFilters = [...state.skipFilter];
    const skippedScores = [...state.skipScore];
    if (out.ok) {
      const node = out.result.node;
      this.cache.assume(cur, node);
      // Spelled out (not spread from `base`): this runs once per bound pod.
      const rec: CycleRecord = {
        pod: base.pod,
        uid: base.uid,
        time: base.time,
        attempt: base.attempt,
        outcome: 'Scheduled',
        node,
        numAllNodes: base.numAllNodes,
        evaluatedNodes: out.result.evaluated,
        feasibleNodes: out.result.feasible,
        rejected,
        rejectedOmitted: Math.max(0, out.diagnosis.nodeToStatus.size - rejected.length),
        skippedFilters,
        skippedScores,
        scores: out.result.top,
      };
      this.bindCycle(pod, state, cur, node, rec, cycle, this.cluster.clock.now() + PREBIND_TIMEOUT_MS);
      return;
    }
    // No node fits: PostFilter (preemption), then report.
    const statuses = [...out.diagnosis.nodeToStatus.values()].map((f) => f.status);
    let postMsg: string | undefined;
    let nominated: string | undefined;
    let preemption: CycleRecord['preemption'];
    if (!out.diagnosis.preFilterMsg || out.diagnosis.nodeToStatus.size > 0) {
      const pr = preempt(state, cur, out.diagnosis.nodeToStatus, this.preemptionEnv());
      if (pr.ok) {
        nominated = pr.candidate.node;
        this.evict(cur, pr.candidate.node, pr.candidate.victims);
        preemption = { nominatedNode: nominated, victims: pr.candidate.victims.map((v) => v.key) };
      } else {
        postMsg = pr.message;
        preemption = { message: pr.message };
      }
    }
    const message = fitErrorMessage(out.numAllNodes, statuses, out.diagnosis.preFilterMsg, postMsg);
    this.fail(pod, message, nominated);
    this.explanations.put({ ...base, outcome: 'Unschedulable', message, evaluatedNodes: out.diagnosis.nodeToStatus.size, feasibleNodes: 0, rejected, skippedFilters, skippedScores, scores: [], preemption });
    this.queue.requeueUnschedulable(info.key, out.diagnosis.unschedulablePlugins, cycle);
  }

  private preemptionEnv(): PreemptionEnv {
    return {
      nodes: this.cache.nodes(),
      node: (n) => this.cache.node(n),
      filter: (s, p, n) => this.framework.runFilterWithNominated(s, p, n)?.status ?? null,
      addPod: (s, p, a, n) => this.framework.addPod(s, p, a, n),
      removePod: (s, p, r, n) => this.framework.removePod(s, p, r, n),
      pdbs: (ns) => this.pdbs.byIndex('namespace', ns) as unknown as PodDisruptionBudget[],
      rng: this.rng,
    };
  }

  /** prepareCandidate: mark and delete the victims, and un-nominate lower-priority pods nominated to the node. */
  private evict(preemptor: PodInfo, node: string, victims: PodInfo[]): void {
    for (const v of victims) {
      const live = this.pods.get(v.key);
      if (!live) continue;
      const next = clone(live) as MutablePod;
      const status = (next.status ??= {});
      const conds = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${this.schedulerName}: preempting to accommodate a higher priority pod`, lastTransitionTime: isoTime(this.cluster.clock.now()) });
      status.conditions = conds;
      this.client.updateStatus('pods', v.namespace, v.name, next);
      this.client.delete('pods', v.namespace, v.name);
      this.events.event(live, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${node}`);
    }
    const others = this.framework.nominated.get(node);
    for (const other of [...(others?.values() ?? [])]) {
      if (other.key === preemptor.key || other.priority >= preemptor.priority) continue;
      const live = this.pods.get(other.key);
      if (!live) continue;
      const next = clone(live) as MutablePod;
      if (next.status) delete next.status.nominatedNodeName;
      this.client.updateStatus('pods', other.namespace, other.name, next);
    }
    this.cluster.trace.note('scheduler', `preempting ${victims.map((v) => v.key).join(', ')} on ${node} for ${preemptor.key}`, [`pods/${preemptor.key}`]);
  }

  /** handleSchedulingFailure: the event, then PodScheduled=False (and nominatedNodeName) when they changed. */
  private fail(pod: Pod & KObject, message: string, nominated?: string, bindError = false): void {
    this.events.event(pod, 'Warning', 'FailedScheduling', message);
    const live = this.pods.get(podInfo(pod).key) ?? pod;
    const prev = conditionOf(live);
    const reason = bindError ? 'SchedulerError' : 'Unschedulable';
    const wantNominated = nominated ?? live.status?.nominatedNodeName;
    if (prev && prev.status === 'False' && prev.reason === reason && prev.message === message && (live.status?.nominatedNodeName ?? undefined) === (wantNominated ?? undefined)) return;
    const next = clone(live) as MutablePod;
    const status = (next.status ??= {});
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const changed = !prev || prev.status !== 'False';
    conds.push({ type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null as unknown as string, lastTransitionTime: changed ? isoTime(this.cluster.clock.now()) : prev.lastTransitionTime });
    status.conditions = conds;
    if (nominated) status.nominatedNodeName = nominated;
    this.client.updateStatus('pods', podInfo(pod).namespace, podInfo(pod).name, next);
  }
}

const SCHEDULED_SAMPLE = 50;

function rejections(d: Diagnosis, limit: number): NodeRejection[] {
  const out: NodeRejection[] = [];
  for (const [node, f] of d.nodeToStatus) {
    if (out.length >= limit) break;
    out.push({ node, plugin: f.plugin, code: f.status.code, reasons: f.status.reasons });
  }
  return out;
}
