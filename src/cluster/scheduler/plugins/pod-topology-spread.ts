/**
 * PodTopologySpread: DoNotSchedule constraints filter nodes whose domain would
 * exceed maxSkew; ScheduleAnyway constraints (and the cluster defaults,
 * hostname maxSkew 3 / zone maxSkew 5, for pods owned by a Service, RC,
 * ReplicaSet or StatefulSet) score the emptier domains higher.
 */
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { fromLabelSelector, matchesLabels, type Selector } from '../../api/selectors.js';
import type { Handle } from '../handle.js';
import { HOSTNAME_LABEL, ZONE_LABEL, type NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { toleratesAny } from '../pod-info.js';
import type { CycleState, Plugin } from '../types.js';
import { MAX_NODE_SCORE, unresolvable, unschedulable } from '../types.js';
import { requiredMatches } from './node-affinity.js';
import { SpreadIndexes } from '../spread-index.js';

export const name = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const SKEW = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
const MISSING = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);

export const DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE_LABEL, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector | null;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

function toConstraint(c: TopologySpreadConstraint, pod: Pod, selector?: Selector): Constraint {
  let sel: Selector | null = selector ?? (c.labelSelector ? fromLabelSelector(c.labelSelector) : null);
  if (sel && c.matchLabelKeys?.length) {
    sel = [...sel];
    for (const k of c.matchLabelKeys) {
      const v = pod.metadata?.labels?.[k];
      if (v !== undefined) sel.push({ key: k, op: '=', value: v });
    }
  }
  return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: sel, minDomains: c.minDomains ?? 1, honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor', honorTaints: c.nodeTaintsPolicy === 'Honor' };
}

/** Pods on the node in `ns` that the selector picks (terminating ones don't count). */
export function countMatching(node: NodeInfo, sel: Selector | null, ns: string): number {
  if (!sel) return 0;
  let n = 0;
  for (const p of node.pods) if (p.namespace === ns && !p.terminating && matchesLabels(sel, p.labels)) n++;
  return n;
}

function nodeCounts(c: Constraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.honorAffinity && !requiredMatches(pod.pod, node)) return false;
  if (c.honorTaints) for (const t of node.taints) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratesAny(pod.tolerations, t)) return false;
  return true;
}

/** The selector of the Services, RCs, ReplicaSets and StatefulSets that select the pod (system defaulting). */
export function defaultSelector(h: Handle, pod: PodInfo): Selector {
  const out: Selector = [];
  const labels = pod.labels;
  const mapSel = (m: Record<string, string> | undefined) => {
    if (!m || Object.keys(m).length === 0) return;
    const sel: Selector = Object.entries(m).map(([key, value]) => ({ key, op: '=' as const, value }));
    if (matchesLabels(sel, labels)) out.push(...sel);
  };
  const labelSel = (s: LabelSelector | undefined) => {
    if (!s) return;
    const sel = fromLabelSelector(s);
    if (sel.length > 0 && matchesLabels(sel, labels)) out.push(...sel);
  };
  for (const s of h.list('services', pod.namespace)) mapSel((s.spec as { selector?: Record<string, string> } | undefined)?.selector);
  for (const s of h.list('replicationcontrollers', pod.namespace)) mapSel((s.spec as { selector?: Record<string, string> } | undefined)?.selector);
  for (const s of h.list('replicasets.apps', pod.namespace)) labelSel((s.spec as { selector?: LabelSelector } | undefined)?.selector);
  for (const s of h.list('statefulsets.apps', pod.namespace)) labelSel((s.spec as { selector?: LabelSelector } | undefined)?.selector);
  return out;
}

class FilterState {
  constructor(
    readonly constraints: Constraint[],
    /** per constraint: domain value → matching pods (maps shared with the cache's index until first changed) */
    readonly counts: ReadonlyMap<string, number>[],
    readonly mins: number[],
    /** per constraint: does the incoming pod match its own selector */
    readonly self: number[],
    private shared: boolean[],
  ) {}
  clone(): FilterState {
    return new FilterState(
      this.constraints,
      this.counts.map((m) => new Map(m)),
      [...this.mins],
      this.self,
      this.counts.map(() => false),
    );
  }
  update(i: number, value: string, delta: number): void {
    let m = this.counts[i]!;
    if (!m.has(value)) return;
    if (this.shared[i]) {
      m = this.counts[i] = new Map(m);
      this.shared[i] = false;
    }
    (m as Map<string, number>).set(value, m.get(value)! + delta);
    let min = Infinity;
    for (const v of m.values()) if (v < min) min = v;
    this.mins[i] = min === Infinity ? 0 : min;
  }
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Map<string, number>[];
  /** per constraint: node → matching pods (hostname constraints score by it) */
  perNode: ReadonlyMap<string, number>[];
  weights: number[];
}

/** Does the pod restrict nodes by nodeSelector or required node affinity (nodeAffinityPolicy Honor then narrows the counted nodes)? */
function hasRequiredNodeAffinity(pod: Pod): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel && Object.keys(sel).length > 0) return true;
  return !!pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
}

/** The topology keys every counted node must carry (each constraint's), sorted and unique. */
function keysOf(cs: Constraint[]): string[] {
  return [...new Set(cs.map((c) => c.topologyKey))].sort();
}

/**
 * Per constraint, matching pods per domain over the nodes that count: taken
 * from the cache's index when every node with the keys counts, else summed
 * from its per-node counts over the nodes the pod's node affinity and taint
 * policies keep.
 */
function domainCounts(h: Handle, pod: PodInfo, cs: Constraint[], nodes: readonly NodeInfo[]): { counts: ReadonlyMap<string, number>[]; mins: number[]; perNode: ReadonlyMap<string, number>[]; shared: boolean } {
  const keys = keysOf(cs);
  // A handle without the cache's counts (a what-if view) counts its nodes afresh.
  const fresh = h.spreadCounts ? undefined : new SpreadIndexes(() => h.nodes(), () => true);
  const idx = cs.map((c) => (h.spreadCounts ? h.spreadCounts(pod.namespace, c.selector, c.topologyKey, keys) : fresh!.get(pod.namespace, c.selector, c.topologyKey, keys)));
  const perNode = idx.map((ix) => ix.perNode);
  const affinity = hasRequiredNodeAffinity(pod.pod);
  const simple = cs.every((c) => !c.honorTaints && (!c.honorAffinity || !affinity));
  if (simple) return { counts: idx.map((ix) => ix.domains), mins: idx.map((ix) => ix.min()), perNode, shared: true };
  const counts = cs.map(() => new Map<string, number>());
  for (const n of nodes) {
    if (!keys.every((k) => n.labels[k] !== undefined)) continue;
    cs.forEach((c, i) => {
      if (!nodeCounts(c, pod, n)) return;
      const v = n.labels[c.topologyKey]!;
      const m = counts[i]!;
      m.set(v, (m.get(v) ?? 0) + (perNode[i]!.get(n.name) ?? 0));
    });
  }
  const mins = counts.map((m) => {
    let min = Infinity;
    for (const v of m.values()) if (v < min) min = v;
    return min === Infinity ? 0 : min;
  });
  return { counts, mins, perNode, shared: false };
}

const FILTER_KEY = `PreFilter${name}`;
const SCORE_KEY = `PreScore${name}`;

export function podTopologySpread(h: Handle): Plugin {
  const track = (s: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number) => {
    const st = s.read<FilterState>(FILTER_KEY);
    if (!st || other.namespace !== pod.namespace) return;
    st.constraints.forEach((c, i) => {
      const v = node.labels[c.topologyKey];
      if (v === undefined || !c.selector || !matchesLabels(c.selector, other.labels) || !nodeCounts(c, pod, node)) return;
      st.update(i, v, delta);
    });
  };
  return {
    name,
    preFilter(s, pod, nodes) {
      const hard = (pod.pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
      if (hard.length === 0) return 'skip';
      const cs = hard.map((c) => toConstraint(c, pod.pod));
      const { counts, mins, shared } = domainCounts(h, pod, cs, nodes);
      const self = cs.map((c) => (c.selector && matchesLabels(c.selector, pod.labels) ? 1 : 0));
      s.write(FILTER_KEY, new FilterState(cs, counts, mins, self, cs.map(() => shared)));
      return null;
    },
    filter(s, pod, node) {
      const st = s.read<FilterState>(FILTER_KEY)!;
      for (let i = 0; i < st.constraints.length; i++) {
        const c = st.constraints[i]!;
        const v = node.labels[c.topologyKey];
        if (v === undefined) return MISSING;
        const m = st.counts[i]!;
        const min = c.minDomains > m.size ? 0 : st.mins[i]!;
        if ((m.get(v) ?? 0) + st.self[i]! - min > c.maxSkew) return SKEW;
      }
      return null;
    },
    addPod(s, pod, added, node) {
      track(s, pod, added, node, 1);
    },
    removePod(s, pod, removed, node) {
      track(s, pod, removed, node, -1);
    },
    preScore(s, pod, filtered) {
      const own = (pod.pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
      let cs: Constraint[];
      const systemDefaulted = (pod.pod.spec?.topologySpreadConstraints ?? []).length === 0;
      if (!systemDefaulted) cs = own.map((c) => toConstraint(c, pod.pod));
      else {
        const sel = defaultSelector(h, pod);
        cs = sel.length === 0 ? [] : DEFAULT_CONSTRAINTS.map((c) => toConstraint(c, pod.pod, sel));
      }
      if (cs.length === 0) return 'skip';
      const ignored = new Set<string>();
      const values = cs.map(() => new Set<string>());
      for (const n of filtered) {
        if (!systemDefaulted && !cs.every((c) => n.labels[c.topologyKey] !== undefined)) {
          ignored.add(n.name);
          continue;
        }
        cs.forEach((c, i) => {
          const v = n.labels[c.topologyKey];
          if (v !== undefined) values[i]!.add(v);
        });
      }
      const weights = cs.map((c, i) => Math.log((c.topologyKey === HOSTNAME_LABEL ? filtered.length - ignored.size : values[i]!.size) + 2));
      const all = domainCounts(h, pod, cs, h.nodes());
      const counts = cs.map((c, i) => {
        const m = new Map<string, number>();
        if (c.topologyKey === HOSTNAME_LABEL) return m;
        for (const v of values[i]!) {
          const n = all.counts[i]!.get(v);
          if (n !== undefined) m.set(v, n);
        }
        return m;
      });
      s.write(SCORE_KEY, { constraints: cs, ignored, counts, perNode: all.perNode, weights } satisfies ScoreState);
      return null;
    },
    score(s, pod, node) {
      const st = s.read<ScoreState>(SCORE_KEY)!;
      if (st.ignored.has(node.name)) return 0;
      let score = 0;
      st.constraints.forEach((c, i) => {
        const v = node.labels[c.topologyKey];
        if (v === undefined) return;
        const cnt = c.topologyKey === HOSTNAME_LABEL ? (st.perNode[i]!.get(node.name) ?? 0) : (st.counts[i]!.get(v) ?? 0);
        score += cnt * st.weights[i]! + (c.maxSkew - 1);
      });
      return Math.round(score);
    },
    normalizeScore(s, _pod, scores, nodes) {
      const st = s.read<ScoreState>(SCORE_KEY)!;
      let min = Infinity;
      let max = 0;
      for (let i = 0; i < scores.length; i++) {
        if (st.ignored.has(nodes[i]!.name)) continue;
        const v = scores[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      for (let i = 0; i < scores.length; i++) {
        if (st.ignored.has(nodes[i]!.name)) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
      }
    },
  };
}
