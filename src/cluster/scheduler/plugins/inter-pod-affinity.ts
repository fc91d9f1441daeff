/**
 * InterPodAffinity: required pod affinity and anti-affinity (the incoming
 * pod's, and existing pods' anti-affinity against it) filter nodes by
 * topology domain; preferred terms, and existing pods' terms that select the
 * incoming pod, score domains.
 */
import type { Handle } from '../handle.js';
import { AffinityIndexes } from '../affinity-index.js';
import type { NodeInfo } from '../node-info.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../pod-info.js';
import type { CycleState, Plugin } from '../types.js';
import { MAX_NODE_SCORE, unresolvable, unschedulable } from '../types.js';

export const name = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
/** Weight of an existing pod's required affinity term in the incoming pod's score (hardPodAffinityWeight). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const AFFINITY = unresolvable(ERR_REASON_AFFINITY);
const ANTI = unschedulable(ERR_REASON_ANTI_AFFINITY);
const EXISTING = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);

/** Counts per topology pair, as topologyKey → value → count (no string keys built on the hot path). */
class PairCounts {
  readonly m = new Map<string, Map<string, number>>();
  size = 0;
  /** Inner maps are the cache's (read-only) until the first bump copies them. */
  private shared = false;

  /** Counts made of the cache's per-key maps (shared while a key appears once, summed otherwise). */
  static of(parts: readonly { key: string; counts: ReadonlyMap<string, number> }[]): PairCounts {
    const c = new PairCounts();
    for (const { key, counts } of parts) {
      if (counts.size === 0) continue;
      const cur = c.m.get(key);
      if (!cur) {
        c.m.set(key, counts as Map<string, number>);
        c.size += counts.size;
        continue;
      }
      const sum = new Map(cur);
      for (const [v, n] of counts) {
        if (!sum.has(v)) c.size++;
        sum.set(v, (sum.get(v) ?? 0) + n);
      }
      c.m.set(key, sum);
    }
    c.shared = true;
    return c;
  }

  bump(k: string, v: string, d: number): void {
    if (this.shared) {
      for (const [key, inner] of this.m) this.m.set(key, new Map(inner));
      this.shared = false;
    }
    let inner = this.m.get(k);
    if (!inner) this.m.set(k, (inner = new Map()));
    const n = (inner.get(v) ?? 0) + d;
    if (n === 0) {
      if (inner.delete(v)) this.size--;
    } else {
      if (!inner.has(v)) this.size++;
      inner.set(v, n);
    }
  }
  get(k: string, v: string): number {
    return this.m.get(k)?.get(v) ?? 0;
  }
  clone(): PairCounts {
    const c = new PairCounts();
    for (const [k, inner] of this.m) c.m.set(k, new Map(inner));
    c.size = this.size;
    return c;
  }
}

class FilterState {
  constructor(
    readonly existingAnti: PairCounts,
    readonly affinity: PairCounts,
    readonly anti: PairCounts,
  ) {}
  clone(): FilterState {
    return new FilterState(this.existingAnti.clone(), this.affinity.clone(), this.anti.clone());
  }
}

const FILTER_KEY = `PreFilter${name}`;
const SCORE_KEY = `PreScore${name}`;

export function interPodAffinity(h: Handle): Plugin {
  const ns = (n: string) => h.nsLabels(n);
  const allMatch = (terms: readonly AffinityTerm[], p: PodInfo) => terms.every((t) => termMatches(t, p, ns));

  /** Add (d=1) or remove (d=-1) one existing pod's contribution to the filter counts. */
  const account = (st: FilterState, pod: PodInfo, other: PodInfo, node: NodeInfo, d: number) => {
    for (const t of other.requiredAntiAffinity) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined && termMatches(t, pod, ns)) st.existingAnti.bump(t.topologyKey, v, d);
    }
    if (pod.requiredAffinity.length > 0 && allMatch(pod.requiredAffinity, other)) {
      for (const t of pod.requiredAffinity) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined) st.affinity.bump(t.topologyKey, v, d);
      }
    }
    for (const t of pod.requiredAntiAffinity) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined && termMatches(t, other, ns)) st.anti.bump(t.topologyKey, v, d);
    }
  };

  const satisfyAffinity = (st: FilterState, pod: PodInfo, node: NodeInfo) => {
    let exist = true;
    for (const t of pod.requiredAffinity) {
      const v = node.labels[t.topologyKey];
      if (v === undefined) return false;
      if (st.affinity.get(t.topologyKey, v) <= 0) exist = false;
    }
    // The first pod of a group with affinity to itself may go anywhere.
    return exist || (st.affinity.size === 0 && allMatch(pod.requiredAffinity, pod));
  };

  return {
    name,
    preFilter(s, pod) {
      const own = pod.requiredAffinity.length + pod.requiredAntiAffinity.length > 0;
      const withAnti = h.nodesWithRequiredAntiAffinity();
      if (!own && withAnti.size === 0) return 'skip';
      // Counts over the existing pods, kept current by the cache (what upstream's PreFilter counts from the node infos).
      // A handle without the cache's counts (a what-if view) counts its nodes afresh.
      const ix = h.affinityCounts?.() ?? new AffinityIndexes(() => h.nodes(), () => true, ns);
      const existingAnti = PairCounts.of(withAnti.size > 0 ? ix.existingAntiAgainst(pod) : []);
      const affinity = PairCounts.of(pod.requiredAffinity.map((t) => ({ key: t.topologyKey, counts: ix.matchingCounts(pod.requiredAffinity, t.topologyKey) })));
      const anti = PairCounts.of(pod.requiredAntiAffinity.map((t) => ({ key: t.topologyKey, counts: ix.matchingCounts([t], t.topologyKey) })));
      s.write(FILTER_KEY, new FilterState(existingAnti, affinity, anti));
      return null;
    },
    filter(s, pod, node) {
      const st = s.read<FilterState>(FILTER_KEY)!;
      if (pod.requiredAffinity.length > 0 && !satisfyAffinity(st, pod, node)) return AFFINITY;
      if (st.anti.size > 0) {
        for (const t of pod.requiredAntiAffinity) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined && st.anti.get(t.topologyKey, v) > 0) return ANTI;
        }
      }
      if (st.existingAnti.size > 0) {
        for (const [k, inner] of st.existingAnti.m) {
          const v = node.labels[k];
          if (v !== undefined && (inner.get(v) ?? 0) > 0) return EXISTING;
        }
      }
      return null;
    },
    addPod(s, pod, added, node) {
      const st = s.read<FilterState>(FILTER_KEY);
      if (st) account(st, pod, added, node, 1);
    },
    removePod(s, pod, removed, node) {
      const st = s.read<FilterState>(FILTER_KEY);
      if (st) account(st, pod, removed, node, -1);
    },
    preScore(s: CycleState, pod, filtered) {
      const hasOwn = pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
      const scores = new PairCounts();
      const add = (t: AffinityTerm, node: NodeInfo, w: number) => {
        const v = node.labels[t.topologyKey];
        if (v !== undefined && w !== 0) scores.bump(t.topologyKey, v, w);
      };
      const withAffinity = h.nodesWithScoringAffinity();
      if (!hasOwn && withAffinity.size === 0) return 'skip';
      for (const n of hasOwn ? h.nodes() : withAffinity) {
        const pods = hasOwn ? n.pods : n.podsWithAffinity;
        for (const other of pods) {
          if (!hasOwn && other.requiredAffinity.length + other.preferredAffinity.length + other.preferredAntiAffinity.length === 0) continue;
          for (const t of pod.preferredAffinity) if (termMatches(t, other, ns)) add(t, n, t.weight);
          for (const t of pod.preferredAntiAffinity) if (termMatches(t, other, ns)) add(t, n, -t.weight);
          for (const t of other.requiredAffinity) if (termMatches(t, pod, ns)) add(t, n, HARD_POD_AFFINITY_WEIGHT);
          for (const t of other.preferredAffinity) if (termMatches(t, pod, ns)) add(t, n, t.weight);
          for (const t of other.preferredAntiAffinity) if (termMatches(t, pod, ns)) add(t, n, -t.weight);
        }
      }
      void filtered;
      if (scores.size === 0) return 'skip';
      s.write(SCORE_KEY, scores);
      return null;
    },
    score(s, _pod, node) {
      const scores = s.read<PairCounts>(SCORE_KEY)!;
      let total = 0;
      for (const [k, inner] of scores.m) {
        const v = node.labels[k];
        if (v !== undefined) total += inner.get(v) ?? 0;
      }
      return total;
    },
    normalizeScore(_s, _pod, scores) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of scores) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const diff = max - min;
      for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i]! - min)) / diff) : 0;
    },
  };
}
