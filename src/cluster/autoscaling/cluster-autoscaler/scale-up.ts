/**
 * Scale-up planning (upstream core/scaleup + estimator): pods the scheduler
 * could still place on existing or upcoming nodes are left to it; for the
 * rest, each pool's template node is tried, and a first-fit binpacking of the
 * pods onto copies of the template estimates how many nodes the pool needs,
 * within its max. The expander then picks one option.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NodeInfo } from '../../scheduler/node-info.js';
import { podInfo, type PodInfo } from '../../scheduler/pod-info.js';
import { View, type Simulator } from './simulator.js';
import type { Option } from './expander.js';

export const MAX_NODE_GROUP_SIZE_REACHED = 'max node group size reached';
export const MAX_CLUSTER_SIZE_REACHED = 'max cluster size reached';
/** AKS: at most 5,000 nodes per cluster. */
export const MAX_NODES_TOTAL = 5000;

export interface GroupInput {
  pool: string;
  group: string;
  /** Target size (VMs asked for). */
  target: number;
  max: number;
  /** VMs asked for but not yet Ready nodes: they count as template nodes. */
  upcoming: number;
  template: NodeInfo;
  /** Backed off after a failed scale-up. */
  backoff?: boolean;
}

export interface ScaleUpPlan {
  /** Pods that fit on existing or upcoming nodes (the scheduler will place them). */
  schedulable: string[];
  options: Option[];
  /** Per pod key: why each pool could not help (pool → reasons). */
  rejected: Map<string, Map<string, string[]>>;
  pending: Pod[];
}

function copyOf(template: NodeInfo, name: string): NodeInfo {
  const c = template.clone();
  c.name = name;
  c.labels = { ...template.labels, 'kubernetes.io/hostname': name };
  return c;
}

/** Upstream's binpacking order: the pods asking the most of the template first. */
function score(p: PodInfo, t: NodeInfo): number {
  const cpu = t.allocatable.milliCpu > 0 ? p.requests.milliCpu / t.allocatable.milliCpu : 0;
  const mem = t.allocatable.memory > 0 ? p.requests.memory / t.allocatable.memory : 0;
  return cpu + mem;
}

export function planScaleUp(sim: Simulator, pending: Pod[], groups: GroupInput[], totalNodes: number): ScaleUpPlan {
  const base = sim.newView();
  for (const g of groups) for (let i = 0; i < g.upcoming; i++) base.add(copyOf(g.template, `${g.template.name}-upcoming-${i}`));
  // filterOutSchedulable: what fits now or on upcoming nodes needs no new node.
  const schedulable: string[] = [];
  const rest: PodInfo[] = [];
  for (const pod of pending) {
    const pi = podInfo(pod);
    const r = sim.fit(base, pi, base.nodes);
    if ('node' in r) {
      base.place(pi, r.node.name);
      schedulable.push(pi.key);
    } else rest.push(pi);
  }
  const rejected = new Map<string, Map<string, string[]>>();
  const reject = (key: string, pool: string, reasons: string[]) => {
    let m = rejected.get(key);
    if (!m) rejected.set(key, (m = new Map()));
    m.set(pool, reasons);
  };
  const options: Option[] = [];
  for (const g of groups) {
    if (g.backoff) {
      for (const p of rest) reject(p.key, g.pool, ['in backoff after failed scale-up']);
      continue;
    }
    const room = Math.min(g.max - g.target, MAX_NODES_TOTAL - totalNodes);
    const view = new View(base.nodes);
    const probe = copyOf(g.template, `${g.template.name}-probe`);
    view.add(probe);
    const fitting: PodInfo[] = [];
    for (const p of rest) {
      const r = sim.fit(view, p, [probe]);
      if ('node' in r) fitting.push(p);
      else reject(p.key, g.pool, r.failures.flatMap((f) => f.status.reasons));
    }
    view.remove(probe.name);
    if (fitting.length === 0) continue;
    if (room <= 0) {
      for (const p of fitting) reject(p.key, g.pool, [g.max - g.target <= 0 ? MAX_NODE_GROUP_SIZE_REACHED : MAX_CLUSTER_SIZE_REACHED]);
      continue;
    }
    fitting.sort((a, b) => score(b, g.template) - score(a, g.template) || (a.key < b.key ? -1 : 1));
    const added: string[] = [];
    const placed: PodInfo[] = [];
    let last: string | undefined;
    for (const p of fitting) {
      const candidates = added.map((n) => view.get(n)!);
      let r = candidates.length ? sim.fit(view, p, candidates, last) : undefined;
      if (!r || !('node' in r)) {
        if (added.length >= room) {
          reject(p.key, g.pool, [MAX_NODE_GROUP_SIZE_REACHED]);
          continue;
        }
        const n = copyOf(g.template, `${g.template.name}-${added.length}`);
        view.add(n);
        added.push(n.name);
        r = sim.fit(view, p, [n]);
        if (!('node' in r)) {
          view.remove(n.name);
          added.pop();
          reject(p.key, g.pool, r.failures.flatMap((f) => f.status.reasons));
          continue;
        }
      }
      view.place(p, r.node.name);
      last = r.node.name;
      placed.push(p);
    }
    if (added.length === 0) continue;
    const req = placed.reduce((a, p) => ({ cpu: a.cpu + p.requests.milliCpu, memory: a.memory + p.requests.memory }), { cpu: 0, memory: 0 });
    options.push({
      pool: g.pool,
      group: g.group,
      nodes: added.length,
      pods: placed.map((p) => p.key),
      requested: req,
      offered: { cpu: added.length * g.template.allocatable.milliCpu, memory: added.length * g.template.allocatable.memory },
    });
  }
  return { schedulable, options, rejected, pending };
}

/** `pod didn't trigger scale-up: 1 max node group size reached, 2 node(s) didn't match …` — reasons counted over pools. */
export function notTriggerMessage(byPool: Map<string, string[]> | undefined): string {
  const counts = new Map<string, number>();
  for (const reasons of byPool?.values() ?? []) for (const r of new Set(reasons)) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  return `pod didn't trigger scale-up: ${parts.join(', ')}`;
}
