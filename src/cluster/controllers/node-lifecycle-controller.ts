/**
 * The node lifecycle controller (every 5 s, `--node-monitor-period`): a node
 * whose kubelet hasn't renewed its Lease (kube-node-lease/<node>) nor posted
 * status for the grace period (50 s on 1.32) gets Ready=Unknown
 * (NodeStatusUnknown) and its pods are marked not Ready; conditions become
 * taints: NoSchedule at once, NoExecute (what evicts pods) through a per-zone
 * rate limiter (0.1 node/s; 0.01 in a partially disrupted large zone, none in a
 * small one; none at all when every zone is fully disrupted), as upstream.
 */
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { clone, deepEqual } from '../api/paths.js';
import { isoTime } from '../api/lifecycle.js';
import { timeOf } from './pod-util.js';
import { DISK_PRESSURE, MEMORY_PRESSURE, NETWORK_UNAVAILABLE, NOT_READY, PID_PRESSURE, UNREACHABLE, UNSCHEDULABLE, sameTaint } from './taints.js';

export const MONITOR_PERIOD_MS = 5_000;
export const GRACE_PERIOD_MS = 50_000;
export const EVICTION_QPS = 0.1;
export const SECONDARY_EVICTION_QPS = 0.01;
export const LARGE_CLUSTER_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

type N = Node & KObject;
type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

const CONDITION_TAINTS: [string, string, string][] = [
  ['Ready', 'False', NOT_READY],
  ['Ready', 'Unknown', UNREACHABLE],
  ['MemoryPressure', 'True', MEMORY_PRESSURE],
  ['DiskPressure', 'True', DISK_PRESSURE],
  ['PIDPressure', 'True', PID_PRESSURE],
  ['NetworkUnavailable', 'True', NETWORK_UNAVAILABLE],
];
const MANAGED_NO_SCHEDULE = new Set([NOT_READY, UNREACHABLE, MEMORY_PRESSURE, DISK_PRESSURE, PID_PRESSURE, NETWORK_UNAVAILABLE, UNSCHEDULABLE]);

export function zoneOf(n: Node): string {
  const l = n.metadata?.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';
  private ctx!: ControllerContext;
  private nodes!: Informer<N>;
  private leases!: Informer<Lease & KObject>;
  private pods!: Informer<Pod & KObject>;
  private known = new Set<string>();
  /** Nodes waiting for a NoExecute taint, per zone, in arrival order. */
  private pending = new Map<string, string[]>();
  private nextAllowed = new Map<string, number>();
  private zoneStates = new Map<string, ZoneState>();
  private allDisrupted = false;
  private beats = new WeakMap<object, number>();
  private names: string[] | undefined;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.nodes = ctx.informers.for<N>('nodes');
    this.leases = ctx.informers.for<Lease & KObject>('leases.coordination.k8s.io');
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    this.pods.addIndex('node', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.nodes.on((type, n) => {
      if (type !== 'MODIFIED') this.names = undefined;
      if (type === 'ADDED' && !this.known.has(n.metadata!.name!)) ctx.queue.add(`registered/${n.metadata!.name}`);
      if (type !== 'DELETED') ctx.queue.add(`taints/${n.metadata!.name}`);
    });
    ctx.queue.add('monitor');
  }

  reconcile(key: string): ReconcileResult {
    if (key === 'monitor') {
      this.monitor();
      return { requeueAfterMs: MONITOR_PERIOD_MS };
    }
    const [kind, name] = key.split('/') as [string, string];
    const node = this.nodes.get(name);
    if (!node) return;
    if (kind === 'registered') {
      this.known.add(name);
      this.ctx.events.event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      return;
    }
    return this.noScheduleTaints(node);
  }

  /** Node names in order, sorted again only when a node comes or goes (every 5 s over every node otherwise). */
  private sortedNames(): string[] {
    if (!this.names) this.names = this.nodes.list().map((n) => n.metadata!.name!).sort((a, b) => (a < b ? -1 : 1));
    return this.names;
  }

  /** Last heartbeat: the Lease's renewTime or the node's Ready heartbeat, each read once per stored object. */
  private heartbeat(n: N): number {
    const lease = this.leases.getNs('kube-node-lease', n.metadata!.name!);
    let renew = lease ? this.beats.get(lease) : 0;
    if (renew === undefined) this.beats.set(lease!, (renew = timeOf(lease!.spec?.renewTime as string | undefined)));
    let own = this.beats.get(n);
    if (own === undefined) {
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      this.beats.set(n, (own = Math.max(timeOf(ready?.lastHeartbeatTime), timeOf(n.metadata?.creationTimestamp))));
    }
    return Math.max(renew, own);
  }

  private monitor(): void {
    const now = this.ctx.clock.now();
    const names = this.sortedNames();
    for (const name of names) {
      const n = this.nodes.get(name);
      if (!n) continue;
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      if (now - this.heartbeat(n) > GRACE_PERIOD_MS && ready?.status !== 'Unknown') this.markUnknown(n, now);
    }
    this.handleDisruption();
    for (const name of this.sortedNames()) {
      const n = this.nodes.get(name);
      if (n) this.noExecute(n);
    }
    this.processZones(now);
  }

  private markUnknown(n: N, now: number): void {
    const t = isoTime(now);
    const copy = clone(n);
    const conds: NodeCondition[] = [...(copy.status?.conditions ?? [])];
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const i = conds.findIndex((c) => c.type === type);
      if (i < 0) {
        conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: copy.metadata?.creationTimestamp, lastTransitionTime: t });
      } else if (conds[i]!.status !== 'Unknown') {
        conds[i] = { ...conds[i]!, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t };
      }
    }
    const r = this.ctx.client.updateStatus<N>('nodes', undefined, n.metadata!.name!, { ...copy, status: { ...(copy.status ?? {}), conditions: conds } });
    if (!r.ok) return;
    const name = n.metadata!.name!;
    this.ctx.events.event(r.object, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    this.markPodsNotReady(name, t);
  }

  private markPodsNotReady(node: string, t: string): void {
    const podEvents = this.ctx.events.forSource('node-controller');
    for (const p of this.pods.byIndex('node', node).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const copy = clone(p);
      const conditions = (copy.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: t } : c));
      const r = this.ctx.client.updateStatus('pods', p.metadata?.namespace, p.metadata!.name!, { ...copy, status: { ...(copy.status ?? {}), conditions } });
      if (r.ok) podEvents.event(p, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** NoSchedule taints follow the node's conditions and spec.unschedulable directly. */
  private noScheduleTaints(n: N): ReconcileResult {
    const want: Taint[] = [];
    for (const [type, status, key] of CONDITION_TAINTS) {
      if (n.status?.conditions?.some((c) => c.type === type && c.status === status)) want.push({ key, effect: 'NoSchedule' });
    }
    if (n.spec?.unschedulable) want.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
    const cur = n.spec?.taints ?? [];
    const managed = cur.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key));
    const add = want.filter((w) => !managed.some((t) => sameTaint(t, w)));
    const del = managed.filter((t) => !want.some((w) => sameTaint(t, w)));
    return this.swapTaints(n, add, del);
  }

  private swapTaints(n: N, add: Taint[], del: Taint[]): ReconcileResult {
    if (add.length === 0 && del.length === 0) return;
    const now = isoTime(this.ctx.clock.now());
    const copy = clone(n);
    const taints = (copy.spec?.taints ?? []).filter((t) => !del.some((d) => sameTaint(t, d)));
    for (const a of add) taints.push({ ...a, timeAdded: now });
    copy.spec = { ...(copy.spec ?? {}), taints: taints.length ? taints : undefined };
    if (!copy.spec.taints) delete copy.spec.taints;
    if (deepEqual(copy.spec, n.spec ?? {})) return;
    const r = this.ctx.client.update('nodes', undefined, n.metadata!.name!, copy);
    if (!r.ok && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }

  /** NoExecute: removal is immediate, adding waits for the zone's rate limiter. */
  private noExecute(n: N): void {
    const name = n.metadata!.name!;
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    const want = ready?.status === 'False' ? NOT_READY : ready?.status === 'Unknown' ? UNREACHABLE : undefined;
    const cur = (n.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute' && (t.key === NOT_READY || t.key === UNREACHABLE));
    const zone = zoneOf(n);
    const queue = this.pending.get(zone) ?? [];
    if (!want || this.allDisrupted) {
      if (cur.length) this.swapTaints(n, [], cur);
      this.pending.set(
        zone,
        queue.filter((x) => x !== name),
      );
      return;
    }
    if (cur.length === 1 && cur[0]!.key === want) return;
    if (cur.length > 0) {
      // not-ready ↔ unreachable: swap without waiting.
      this.swapTaints(n, [{ key: want, effect: 'NoExecute' }], cur);
      return;
    }
    if (!queue.includes(name)) this.pending.set(zone, [...queue, name]);
  }

  private zoneQps(zone: string): number {
    const state = this.zoneStates.get(zone) ?? 'Normal';
    const size = this.nodes.list().filter((n) => zoneOf(n) === zone).length;
    if (state === 'PartialDisruption') return size > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0;
    return EVICTION_QPS;
  }

  private processZones(now: number): void {
    if (this.allDisrupted) return;
    for (const zone of [...this.pending.keys()].sort()) {
      const queue = this.pending.get(zone)!;
      const qps = this.zoneQps(zone);
      while (queue.length > 0 && qps > 0 && (this.nextAllowed.get(zone) ?? 0) <= now) {
        const name = queue.shift()!;
        const n = this.nodes.get(name);
        const ready = n?.status?.conditions?.find((c) => c.type === 'Ready');
        if (!n || !ready || ready.status === 'True') continue;
        const key = ready.status === 'False' ? NOT_READY : UNREACHABLE;
        this.swapTaints(n, [{ key, effect: 'NoExecute' }], []);
        this.nextAllowed.set(zone, now + 1000 / qps);
      }
    }
  }

  /** Zone states from Ready conditions (ComputeZoneState). */
  private handleDisruption(): void {
    const zones = new Map<string, { ready: number; notReady: number }>();
    for (const n of this.nodes.list()) {
      const z = zones.get(zoneOf(n)) ?? { ready: 0, notReady: 0 };
      if (n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) z.ready++;
      else z.notReady++;
      zones.set(zoneOf(n), z);
    }
    this.zoneStates.clear();
    let allFull = zones.size > 0;
    for (const [zone, { ready, notReady }] of zones) {
      let state: ZoneState = 'Normal';
      if (ready === 0 && notReady > 0) state = 'FullDisruption';
      else if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) state = 'PartialDisruption';
      if (state !== 'FullDisruption') allFull = false;
      this.zoneStates.set(zone, state);
    }
    if (allFull !== this.allDisrupted) {
      this.allDisrupted = allFull;
      this.ctx.trace.record({ type: 'note', component: this.name, message: allFull ? 'Controller detected that all Nodes are not-Ready. Entering master disruption mode.' : 'Controller detected that some Nodes are Ready. Exiting master disruption mode.' });
      if (!allFull) this.nextAllowed.clear();
    }
  }
}
