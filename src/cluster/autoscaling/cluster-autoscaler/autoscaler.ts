/**
 * The cluster autoscaler AKS runs for a managed cluster (in the control
 * plane: no pod in kube-system). Every scan-interval it reads the cluster
 * through the API as its own user, scales an autoscaled pool up for pods the
 * scheduler marked Unschedulable, removes nodes unneeded for
 * scale-down-unneeded-time, writes the cluster-autoscaler-status ConfigMap,
 * and records its inputs for `why cluster-autoscaler`.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { AzureCloud } from '../../cloud/cloud.js';
import type { AgentPool, ManagedCluster } from '../../cloud/types.js';
import type { Client } from '../../api/client.js';
import type { KObject, UserInfo } from '../../api/types.js';
import type { Informer } from '../../runtime/informer.js';
import type { Worker } from '../../runtime/controller.js';
import type { Random } from '../../random.js';
import { EventRecorder } from '../../runtime/events.js';
import { Simulator } from './simulator.js';
import { settingsOf, type Settings } from './profile.js';
import { groupId, templateNode, templateNodeInfo } from './template.js';
import { notTriggerMessage, planScaleUp, type GroupInput } from './scale-up.js';
import { choose, PRIORITY_CONFIGMAP } from './expander.js';
import { planScaleDown, SCALE_DOWN_DISABLED, type Candidate, type NodeCheck } from './scale-down.js';
import { statusYaml, goTime, Transitions, type GroupStatus } from './status.js';
import { NodeDeleter } from './node-deleter.js';
import { growPool } from './cloud-provider.js';
import type { Decision } from './decision.js';

export const CA_USER: UserInfo = { username: 'system:cluster-autoscaler', groups: ['system:masters', 'system:authenticated'] };
export const STATUS_CONFIGMAP = 'cluster-autoscaler-status';
/** Upstream: a node found unremovable is not re-simulated for 5 minutes. */
export const UNREMOVABLE_RECHECK_MS = 5 * 60_000;
/** Upstream: a node group whose scale-up failed is backed off for 5 minutes. */
export const BACKOFF_MS = 5 * 60_000;

type P = Pod & KObject;

export class ClusterAutoscaler implements Worker {
  readonly name = 'cluster-autoscaler';
  private due = false;
  private stopped = false;
  readonly client: Client;
  readonly events: EventRecorder;
  readonly sim: Simulator;
  private readonly rng: Random;
  private readonly pods: Informer<P>;
  private readonly pdbs: Informer<PodDisruptionBudget & KObject>;
  private readonly daemonSets: Informer<DaemonSet & KObject>;
  private readonly configMaps: Informer<ConfigMap & KObject>;
  private readonly transitions = new Transitions();
  readonly deleter: NodeDeleter;
  /** node → when it was first found unneeded. */
  readonly unneededSince = new Map<string, number>();
  private readonly recheck = new Map<string, { until: number; check: NodeCheck }>();
  private readonly hints = new Map<string, string>();
  private readonly backoff = new Map<string, { until: number; code: string; message: string }>();
  lastScaleUp = -Infinity;
  /** The latest decision (for `why cluster-autoscaler`). */
  last: Decision | undefined;
  /** Loops run (bench). */
  loops = 0;

  constructor(
    readonly cloud: AzureCloud,
    readonly mc: ManagedCluster,
  ) {
    const cluster = mc.cluster;
    this.client = cluster.client(CA_USER);
    this.events = new EventRecorder(this.client, cluster.clock, 'cluster-autoscaler');
    this.rng = cluster.rng.fork('cluster-autoscaler');
    const informers = cluster.informers(CA_USER);
    this.sim = new Simulator(informers, this.rng.fork('simulator'));
    this.pods = informers.for<P>('pods');
    this.pdbs = informers.for('poddisruptionbudgets.policy');
    this.daemonSets = informers.for('daemonsets.apps');
    this.configMaps = informers.for('configmaps');
    this.deleter = new NodeDeleter(this);
    this.schedule();
  }

  get settings(): Settings {
    return settingsOf(this.mc.autoscalerProfile);
  }

  private schedule(): void {
    this.mc.cluster.clock.setTimeout(() => {
      if (this.stopped) return;
      this.due = true;
      this.schedule();
    }, this.settings.scanIntervalMs, 'cluster-autoscaler scan');
  }

  stop(): void {
    this.stopped = true;
    this.mc.cluster.removeWorker(this);
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    if (!this.cloud.clusters.includes(this.mc)) return this.stop();
    if (this.mc.powerState !== 'Running') return;
    this.runOnce();
  }

  autoscaledPools(): AgentPool[] {
    return this.mc.pools.filter((p) => p.enableAutoScaling && p.powerState === 'Running').sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  poolOfNode(name: string): AgentPool | undefined {
    return this.mc.pools.find((p) => p.instances.some((i) => i.name === name));
  }

  nodeReady(name: string): boolean {
    const n = this.sim.cache.node(name)?.node;
    return !!n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  }

  configMap(name: string): (ConfigMap & KObject) | undefined {
    return this.configMaps.getNs('kube-system', name);
  }

  runOnce(): void {
    this.loops++;
    const now = this.mc.cluster.clock.now();
    const pools = this.autoscaledPools();
    if (pools.length === 0) {
      this.last = undefined;
      return;
    }
    const s = this.settings;
    const d: Decision = { time: now, settings: s, pending: [], pendingReasons: [], schedulable: 0, options: [], notTriggered: [], checks: [], unneededFor: new Map(), deleting: [...this.deleter.inProgress()] };
    this.last = d;
    for (const [k, b] of [...this.backoff]) if (b.until <= now) this.backoff.delete(k);
    this.expireUnprovisioned(pools, now, s);
    let scaledUp = this.enforceMin(pools, d);
    if (!scaledUp) scaledUp = this.scaleUp(pools, d, now, s);
    if (scaledUp) this.lastScaleUp = now;
    else this.scaleDown(pools, d, now, s);
    this.writeStatus(pools, d, now);
  }

  /** VMs that never became Ready nodes within max-node-provision-time are given up (and the pool backed off). */
  private expireUnprovisioned(pools: AgentPool[], now: number, s: Settings): void {
    for (const pool of pools) {
      for (const inst of [...pool.instances]) {
        if (inst.surge || this.nodeReady(inst.name) || now - inst.createdAt < s.maxNodeProvisionMs) continue;
        if (inst.state !== 'Creating') continue;
        this.deleter.deleteVm(pool, inst.name);
        this.backoff.set(pool.name, { until: now + BACKOFF_MS, code: 'timeout', message: `node ${inst.name} did not become ready within max-node-provision-time` });
      }
    }
  }

  /** Pools below their min count are brought up to it. */
  private enforceMin(pools: AgentPool[], d: Decision): boolean {
    let any = false;
    for (const pool of pools) {
      const min = pool.minCount ?? 0;
      if (pool.count >= min && pool.instances.length >= pool.count) continue;
      const to = Math.max(min, pool.count);
      this.events.event(this.statusObject(), 'Normal', 'ScaledUpGroup', `Scale-up: setting group ${groupId(pool)} size to ${to} instead of ${pool.instances.length} (max: ${pool.maxCount ?? to})`);
      growPool(this.cloud, this.mc, pool, to);
      d.minEnforced = `${pool.name} was below its min count ${min}: set to ${to}`;
      any = true;
    }
    return any;
  }

  pendingPods(now: number, s: Settings): P[] {
    const out: P[] = [];
    for (const p of this.pods.list()) {
      if (p.spec?.nodeName || p.metadata?.deletionTimestamp) continue;
      if ((p.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') continue;
      const c = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
      if (c?.status !== 'False' || c.reason !== 'Unschedulable') continue;
      const created = p.metadata?.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : 0;
      if (now - created < s.newPodScaleUpDelayMs) continue;
      out.push(p);
    }
    return out.sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : a.metadata!.creationTimestamp! > b.metadata!.creationTimestamp! ? 1 : `${a.metadata!.namespace}/${a.metadata!.name}` < `${b.metadata!.namespace}/${b.metadata!.name}` ? -1 : 1));
  }

  private groupInputs(pools: AgentPool[]): GroupInput[] {
    const ds = this.daemonSets.list().sort((a, b) => (`${a.metadata?.namespace}/${a.metadata?.name}` < `${b.metadata?.namespace}/${b.metadata?.name}` ? -1 : 1));
    return pools.map((pool) => ({
      pool: pool.name,
      group: groupId(pool),
      target: pool.count,
      max: pool.maxCount ?? pool.count,
      upcoming: pool.instances.filter((i) => !this.nodeReady(i.name)).length + Math.max(0, pool.count - pool.instances.length),
      template: templateNodeInfo(templateNode(this.mc, pool, this.cloud.subscriptionId), ds),
      backoff: this.backoff.has(pool.name),
    }));
  }

  private scaleUp(pools: AgentPool[], d: Decision, now: number, s: Settings): boolean {
    const pending = this.pendingPods(now, s);
    if (pending.length === 0) return false;
    d.pending = pending.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
    d.pendingReasons = schedulerReasons(pending);
    const groups = this.groupInputs(pools);
    d.templates = groups.map((g) => ({ pool: g.pool, vmSize: pools.find((p) => p.name === g.pool)!.vmSize, cpu: g.template.allocatable.milliCpu, memory: g.template.allocatable.memory, target: g.target, max: g.max, upcoming: g.upcoming }));
    const totalNodes = this.mc.pools.reduce((a, p) => a + p.count, 0);
    const plan = planScaleUp(this.sim, pending, groups, totalNodes);
    d.schedulable = plan.schedulable.length;
    d.options = plan.options;
    const byKey = new Map(pending.map((p) => [`${p.metadata!.namespace}/${p.metadata!.name}`, p]));
    const cm = this.configMap(PRIORITY_CONFIGMAP);
    const choice = choose(s.expander, plan.options, this.rng, cm?.data?.priorities);
    if (!choice) {
      for (const [key, byPool] of [...plan.rejected].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const pod = byKey.get(key);
        if (!pod) continue;
        const msg = notTriggerMessage(byPool);
        d.notTriggered.push({ pod: key, message: msg });
        this.events.event(pod, 'Normal', 'NotTriggerScaleUp', msg);
      }
      return false;
    }
    const o = choice.option;
    const pool = pools.find((p) => p.name === o.pool)!;
    const from = pool.count;
    const to = from + o.nodes;
    const max = pool.maxCount ?? to;
    d.choice = { pool: pool.name, group: o.group, from, to, max, reason: choice.reason, pods: o.pods };
    this.events.event(this.statusObject(), 'Normal', 'ScaledUpGroup', `Scale-up: setting group ${o.group} size to ${to} instead of ${from} (max: ${max})`);
    const err = growPool(this.cloud, this.mc, pool, to);
    if (err) {
      this.events.event(this.statusObject(), 'Warning', 'FailedToScaleUpGroup', `Scale-up failed for group ${o.group}: ${err}`);
      this.backoff.set(pool.name, { until: now + BACKOFF_MS, code: 'cloudProviderError', message: err });
      d.choice.error = err;
      return false;
    }
    const info = `[{${o.group} ${from}->${to} (max: ${max})}]`;
    for (const key of o.pods) {
      const pod = byKey.get(key);
      if (pod) this.events.event(pod, 'Normal', 'TriggeredScaleUp', `pod triggered scale-up: ${info}`);
    }
    this.mc.cluster.trace.note('cluster-autoscaler', `scale-up ${o.group} ${from}->${to} for ${o.pods.length} pod(s)`);
    return true;
  }

  private scaleDown(pools: AgentPool[], d: Decision, now: number, s: Settings): void {
    const deleting = this.deleter.inProgress();
    const candidates: Candidate[] = [];
    const kept: NodeCheck[] = [];
    for (const pool of pools) {
      // AKS's own operations (upgrade with surge nodes, stop, delete) own the pool's VMs meanwhile.
      if (['Upgrading', 'Deleting', 'Stopping', 'Starting'].includes(pool.provisioningState)) continue;
      for (const inst of pool.instances) {
        if (inst.state !== 'Running' || inst.surge || deleting.has(inst.name)) continue;
        const ni = this.sim.cache.node(inst.name);
        if (!ni) continue;
        const r = this.recheck.get(inst.name);
        if (r && r.until > now) {
          kept.push(r.check);
          continue;
        }
        const ann = (ni.node.metadata?.annotations ?? {})[SCALE_DOWN_DISABLED];
        candidates.push({ node: ni, pool: pool.name, ready: this.nodeReady(inst.name), disabled: ann === 'true' });
      }
    }
    candidates.sort((a, b) => (a.node.name < b.node.name ? -1 : 1));
    const poolInfo = new Map(pools.map((p) => [p.name, { target: p.count - p.instances.filter((i) => deleting.has(i.name)).length, min: p.minCount ?? 0 }]));
    // Hints name pods that come and go: keep the map from growing without bound.
    if (this.hints.size > 10_000) this.hints.clear();
    const checks = planScaleDown(this.sim, { candidates, settings: s, pdbs: this.pdbs.list(), pools: poolInfo, deleting, hints: this.hints });
    for (const c of checks) {
      if (c.verdict === 'BlockedByPod' || c.verdict === 'NoPlaceToMovePods') this.recheck.set(c.node, { until: now + UNREMOVABLE_RECHECK_MS, check: c });
      else this.recheck.delete(c.node);
    }
    d.checks = [...checks, ...kept].sort((a, b) => (a.node < b.node ? -1 : 1));
    const unneeded = new Set(checks.filter((c) => c.verdict === 'unneeded').map((c) => c.node));
    for (const n of [...this.unneededSince.keys()]) if (!unneeded.has(n)) this.unneededSince.delete(n);
    for (const n of unneeded) if (!this.unneededSince.has(n)) this.unneededSince.set(n, now);
    for (const n of unneeded) d.unneededFor.set(n, now - this.unneededSince.get(n)!);
    const cooldown = this.cooldown(now, s);
    d.cooldown = cooldown;
    if (cooldown) return;
    const ripe = checks.filter((c) => c.verdict === 'unneeded' && now - this.unneededSince.get(c.node)! >= s.scaleDownUnneededMs);
    const empty = ripe.filter((c) => c.toMove.length === 0).slice(0, Math.max(0, s.maxEmptyBulkDelete - deleting.size));
    const left = new Map(pools.map((p) => [p.name, p.count - p.instances.filter((i) => deleting.has(i.name)).length - (p.minCount ?? 0)]));
    const take = (c: NodeCheck) => {
      const l = left.get(c.pool) ?? 0;
      if (l <= 0) return false;
      left.set(c.pool, l - 1);
      return true;
    };
    const chosen = empty.filter(take);
    if (chosen.length > 0) {
      for (const c of chosen) this.deleter.start(c, true);
      d.removed = chosen.map((c) => c.node);
      return;
    }
    if (this.deleter.drainsInProgress() > 0) return;
    const drain = ripe.find((c) => c.toMove.length > 0 && take(c));
    if (drain) {
      this.deleter.start(drain, false);
      d.removed = [drain.node];
    }
  }

  cooldown(now: number, s: Settings): string | undefined {
    if (now < this.lastScaleUp + s.scaleDownDelayAfterAddMs) return `scale-down-delay-after-add: last scale-up ${Math.round((now - this.lastScaleUp) / 1000)}s ago (waits ${s.scaleDownDelayAfterAddMs / 1000}s)`;
    if (now < this.deleter.lastDelete + s.scaleDownDelayAfterDeleteMs) return `scale-down-delay-after-delete: last node deletion ${Math.round((now - this.deleter.lastDelete) / 1000)}s ago (waits ${s.scaleDownDelayAfterDeleteMs / 1000}s)`;
    if (now < this.deleter.lastFailure + s.scaleDownDelayAfterFailureMs) return `scale-down-delay-after-failure: last failed scale-down ${Math.round((now - this.deleter.lastFailure) / 1000)}s ago (waits ${s.scaleDownDelayAfterFailureMs / 1000}s)`;
    return undefined;
  }

  /** The status ConfigMap as stored (created on first use): events about the autoscaler are recorded on it. */
  statusObject(): KObject {
    const cur = this.client.get<ConfigMap & KObject>('configmaps', 'kube-system', STATUS_CONFIGMAP);
    if (cur.ok) return cur.object;
    const r = this.client.create<ConfigMap & KObject>('configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: STATUS_CONFIGMAP, namespace: 'kube-system' }, data: { status: '' } });
    return r.ok ? r.object : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: STATUS_CONFIGMAP, namespace: 'kube-system' } };
  }

  private writeStatus(pools: AgentPool[], d: Decision, now: number): void {
    const s = this.settings;
    const groups: GroupStatus[] = pools.map((pool) => {
      let ready = 0;
      let notStarted = 0;
      let unready = 0;
      let unregistered = 0;
      let longUnregistered = 0;
      for (const inst of pool.instances) {
        const ni = this.sim.cache.node(inst.name);
        if (!ni) {
          if (now - inst.createdAt >= s.maxNodeProvisionMs) longUnregistered++;
          else unregistered++;
          continue;
        }
        if (this.nodeReady(inst.name)) ready++;
        else if (now - inst.createdAt < 15 * 60_000) notStarted++;
        else unready++;
      }
      const b = this.backoff.get(pool.name);
      return {
        name: groupId(pool),
        counts: { total: ready + notStarted + unready, ready, notStarted, unready, longUnregistered, unregistered },
        target: pool.count,
        min: pool.minCount ?? 0,
        max: pool.maxCount ?? pool.count,
        scaleUp: b ? 'Backoff' : ready < pool.count ? 'InProgress' : 'NoActivity',
        ...(b ? { backoff: { errorCode: b.code, errorMessage: b.message } } : {}),
        candidates: d.checks.filter((c) => c.pool === pool.name && c.verdict === 'unneeded').length,
      };
    });
    const text = statusYaml({ now, groups }, this.transitions);
    const cur = this.client.get<ConfigMap & KObject>('configmaps', 'kube-system', STATUS_CONFIGMAP);
    const annotations = { 'cluster-autoscaler.kubernetes.io/last-updated': goTime(now) };
    if (!cur.ok) {
      this.client.create('configmaps', 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: STATUS_CONFIGMAP, namespace: 'kube-system', annotations }, data: { status: text } });
      return;
    }
    this.client.patch('configmaps', 'kube-system', STATUS_CONFIGMAP, { metadata: { annotations }, data: { status: text } });
  }
}

/** The distinct reasons in the scheduler's FailedScheduling messages (`0/3 nodes are available: 3 Insufficient cpu. preemption: …`). */
export function schedulerReasons(pods: Pod[]): string[] {
  const out = new Set<string>();
  for (const p of pods) {
    const msg = p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message ?? '';
    const body = msg.split(' preemption:')[0]!.replace(/^0\/\d+ nodes are available:\s*/, '').replace(/\.$/, '');
    for (const part of body.split(', ')) {
      const r = part.replace(/^\d+ /, '').trim();
      if (r) out.add(r);
    }
  }
  return [...out].sort();
}

export type { Node };
