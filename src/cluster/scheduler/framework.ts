/**
 * One scheduling profile's plugins and the algorithm of schedule_one.go:
 * PreFilter, Filter over nodes from a round-robin start until enough feasible
 * nodes are found (percentageOfNodesToScore), PreScore, Score, NormalizeScore,
 * weights, and selectHost with seeded tie-breaking.
 */
import type { Random } from '../random.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { CycleState, MAX_NODE_SCORE, type Plugin, type Status } from './types.js';
import { DEFAULT_WEIGHTS } from './registry.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
export const DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;

/** How many feasible nodes to look for before scoring: max(5, 50 - n/125) % of n, at least 100. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p <= 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export interface FilterFailure {
  plugin: string;
  status: Status;
}

export interface Diagnosis {
  nodeToStatus: Map<string, FilterFailure>;
  unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
}

export interface NodeScore {
  node: string;
  total: number;
  /** Per score plugin: normalized score (0..100) and weight. */
  plugins: { plugin: string; score: number; weight: number }[];
}

export interface ScheduleResult {
  node: string;
  evaluated: number;
  feasible: number;
  /** The best-scoring nodes, winner first (empty when only one node was feasible). */
  top: NodeScore[];
}

export type ScheduleOutcome = { ok: true; result: ScheduleResult; diagnosis: Diagnosis } | { ok: false; diagnosis: Diagnosis; numAllNodes: number };

const TOP = 5;

export class Framework {
  readonly plugins: Plugin[];
  private readonly preFilters: Plugin[];
  private readonly filters: Plugin[];
  private readonly preScores: Plugin[];
  private readonly scorers: { plugin: Plugin; weight: number }[];
  private nextStartNodeIndex = 0;
  /** Pods nominated to a node by preemption: considered present when filtering other pods of lower or equal priority. */
  readonly nominated = new Map<string, Map<string, PodInfo>>();

  constructor(
    plugins: Plugin[],
    private readonly rng: Random,
    readonly percentageOfNodesToScore = DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE,
  ) {
    this.plugins = plugins;
    this.preFilters = plugins.filter((p) => p.preFilter);
    this.filters = plugins.filter((p) => p.filter);
    this.preScores = plugins.filter((p) => p.preScore);
    this.scorers = plugins.filter((p) => p.score).map((p) => ({ plugin: p, weight: DEFAULT_WEIGHTS[p.name] ?? 1 }));
  }

  runPreFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): FilterFailure | null {
    for (const p of this.preFilters) {
      const r = p.preFilter!(state, pod, nodes);
      if (r === 'skip') state.skipFilter.add(p.name);
      else if (r) return { plugin: p.name, status: r };
    }
    state.filters = this.filters.filter((p) => !state.skipFilter.has(p.name));
    return null;
  }

  /** Every Filter in order; the first failure wins. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo): FilterFailure | null {
    const fs = state.filters;
    for (let i = 0; i < fs.length; i++) {
      const p = fs[i]!;
      const s = p.filter!(state, pod, node);
      if (s) return { plugin: p.name, status: s };
    }
    return null;
  }

  /** RunFilterPluginsWithNominatedPods: nominated pods of at least this priority count as already there. */
  runFilterWithNominated(state: CycleState, pod: PodInfo, node: NodeInfo): FilterFailure | null {
    const nom = this.nominated.get(node.name);
    if (nom && nom.size > 0) {
      let withNominated: NodeInfo | undefined;
      let st: CycleState | undefined;
      for (const other of nom.values()) {
        if (other.key === pod.key || other.priority < pod.priority) continue;
        withNominated ??= node.clone();
        st ??= state.clone();
        withNominated.addPod(other);
        this.addPod(st, pod, other, withNominated);
      }
      if (withNominated && st) {
        const f = this.runFilter(st, pod, withNominated);
        if (f) return f;
      }
    }
    return this.runFilter(state, pod, node);
  }

  addPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilters) if (p.addPod && !state.skipFilter.has(p.name)) p.addPod(state, pod, added, node);
  }

  removePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilters) if (p.removePod && !state.skipFilter.has(p.name)) p.removePod(state, pod, removed, node);
  }

  unnominate(key: string): void {
    for (const m of this.nominated.values()) m.delete(key);
  }

  nominate(pod: PodInfo, node: string | undefined): void {
    this.unnominate(pod.key);
    if (node) {
      let m = this.nominated.get(node);
      if (!m) this.nominated.set(node, (m = new Map()));
      m.set(pod.key, pod);
    }
  }

  /** schedulePod: find feasible nodes, score them, pick one. */
  schedule(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ScheduleOutcome {
    const diagnosis: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
    const n = nodes.length;
    state.write('allNodes', nodes);
    const pre = this.runPreFilter(state, pod, nodes);
    if (pre) {
      diagnosis.preFilterMsg = pre.status.reasons.join(', ');
      diagnosis.unschedulablePlugins.add(pre.plugin);
      for (const ni of nodes) diagnosis.nodeToStatus.set(ni.name, pre);
      return { ok: false, diagnosis, numAllNodes: n };
    }
    const feasible: NodeInfo[] = [];
    // A pod nominated by an earlier preemption tries its node first.
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = nodes.find((x) => x.name === nominated);
      if (ni && !this.runFilterWithNominated(state, pod, ni)) feasible.push(ni);
    }
    if (feasible.length === 0) {
      const want = numFeasibleNodesToFind(n, this.percentageOfNodesToScore);
      let processed = 0;
      const start = n > 0 ? this.nextStartNodeIndex % n : 0;
      for (let i = 0; i < n; i++) {
        const ni = nodes[(start + i) % n]!;
        processed++;
        const f = this.nominated.size > 0 ? this.runFilterWithNominated(state, pod, ni) : this.runFilter(state, pod, ni);
        if (f) {
          diagnosis.nodeToStatus.set(ni.name, f);
          diagnosis.unschedulablePlugins.add(f.plugin);
        } else {
          feasible.push(ni);
          if (feasible.length >= want) break;
        }
      }
      this.nextStartNodeIndex = n > 0 ? (start + processed) % n : 0;
    }
    if (feasible.length === 0) return { ok: false, diagnosis, numAllNodes: n };
    const evaluated = feasible.length + diagnosis.nodeToStatus.size;
    if (feasible.length === 1) return { ok: true, diagnosis, result: { node: feasible[0]!.name, evaluated, feasible: 1, top: [] } };
    const { node, top } = this.prioritize(state, pod, feasible);
    return { ok: true, diagnosis, result: { node, evaluated, feasible: feasible.length, top } };
  }

  /** Score buffers reused across cycles (slot 0: totals; slot k: the k-th score plugin), zeroed. */
  private readonly buffers: Float64Array[] = [];
  private buffer(slot: number, len: number): Float64Array {
    let b = this.buffers[slot];
    if (!b || b.length < len) this.buffers[slot] = b = new Float64Array(Math.max(len, 2 * (b?.length ?? 0)));
    const view = b.subarray(0, len);
    view.fill(0);
    return view;
  }

  private prioritize(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): { node: string; top: NodeScore[] } {
    const len = nodes.length;
    for (const p of this.preScores) if (p.preScore!(state, pod, nodes) === 'skip') state.skipScore.add(p.name);
    const totals = this.buffer(0, len);
    const used: { plugin: string; weight: number; scores: Float64Array }[] = [];
    for (let s = 0; s < this.scorers.length; s++) {
      const { plugin, weight } = this.scorers[s]!;
      if (state.skipScore.has(plugin.name)) continue;
      const scores = this.buffer(s + 1, len);
      for (let i = 0; i < len; i++) scores[i] = plugin.score!(state, pod, nodes[i]!);
      if (plugin.normalizeScore) {
        plugin.normalizeScore(state, pod, scores, nodes);
        for (let i = 0; i < len; i++) {
          const v = scores[i]!;
          if (v < 0) scores[i] = 0;
          else if (v > MAX_NODE_SCORE) scores[i] = MAX_NODE_SCORE;
        }
      }
      for (let i = 0; i < len; i++) totals[i] = totals[i]! + scores[i]! * weight;
      used.push({ plugin: plugin.name, weight, scores });
    }
    // selectHost: the highest total; ties broken by reservoir sampling on the seeded source.
    let best = 0;
    let ties = 1;
    for (let i = 1; i < len; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.rng.int(ties) === 0) best = i;
      }
    }
    // Keep the best few for the explanation (winner first).
    const order: number[] = [best];
    let floor = -Infinity;
    for (let i = 0; i < len; i++) {
      const t = totals[i]!;
      if (i === best || (order.length >= TOP && t <= floor)) continue;
      if (order.length < TOP) order.push(i);
      else order[TOP - 1] = i;
      for (let j = order.length - 1; j > 1 && totals[order[j]!]! > totals[order[j - 1]!]!; j--) [order[j], order[j - 1]] = [order[j - 1]!, order[j]!];
      if (order.length >= TOP) floor = totals[order[TOP - 1]!]!;
    }
    const top = order.map((i) => ({ node: nodes[i]!.name, total: totals[i]!, plugins: used.map((u) => ({ plugin: u.plugin, score: u.scores[i]!, weight: u.weight })) }));
    return { node: nodes[best]!.name, top };
  }
}

export { CycleState };
