/**
 * InterPodAffinity's PreFilter counts, kept current by the scheduler cache as
 * pods are assumed, bound and deleted and nodes come, go or change labels,
 * instead of walking every pod of every node each cycle:
 *
 * - for a list of terms (an incoming pod's required affinity terms, or one
 *   of its anti-affinity terms): the existing pods matching all of them,
 *   counted per value of a topology key on their nodes;
 * - existing pods' required anti-affinity terms, grouped by what they select
 *   (the term signature), counted per topology key and value.
 *
 * Counts are kept only while positive, so a map's size is its number of
 * non-empty domains.
 */
import type { NodeInfo } from './node-info.js';
import { termMatches, type AffinityTerm, type PodInfo } from './pod-info.js';

type NsLabels = (ns: string) => Record<string, string> | undefined;
/** topology value → pods */
export type DomainCounts = ReadonlyMap<string, number>;

function bump(m: Map<string, number>, v: string, d: number): void {
  const n = (m.get(v) ?? 0) + d;
  if (n === 0) m.delete(v);
  else m.set(v, n);
}

class MatchIndex {
  readonly counts = new Map<string, number>();
  constructor(
    private readonly terms: readonly AffinityTerm[],
    private readonly key: string,
    private readonly ns: NsLabels,
  ) {}
  private matches(p: PodInfo): boolean {
    for (const t of this.terms) if (!termMatches(t, p, this.ns)) return false;
    return true;
  }
  pod(ni: NodeInfo, p: PodInfo, d: 1 | -1): void {
    const v = ni.labels[this.key];
    if (v !== undefined && this.matches(p)) bump(this.counts, v, d);
  }
  node(ni: NodeInfo, d: 1 | -1): void {
    const v = ni.labels[this.key];
    if (v === undefined) return;
    for (const p of ni.pods) if (this.matches(p)) bump(this.counts, v, d);
  }
}

interface AntiGroup {
  /** One of the terms with this signature (they all select the same pods). */
  term: AffinityTerm;
  /** topology key → value → existing pods carrying such a term there */
  counts: Map<string, Map<string, number>>;
}

const MAX_INDEXES = 1024;

export class AffinityIndexes {
  private readonly matching = new Map<string, MatchIndex>();
  private readonly anti = new Map<string, AntiGroup>();
  private antiBuilt = false;

  constructor(
    /** Existing nodes. */
    private readonly nodes: () => Iterable<NodeInfo>,
    private readonly exists: (ni: NodeInfo) => boolean,
    private readonly ns: NsLabels,
  ) {}

  /** Existing pods matching every one of `terms`, per value of `key` on their nodes. */
  matchingCounts(terms: readonly AffinityTerm[], key: string): DomainCounts {
    let id = key;
    for (const t of terms) id += `\u0000${t.sig}`;
    let ix = this.matching.get(id);
    if (ix) return ix.counts;
    if (this.matching.size >= MAX_INDEXES) this.matching.clear();
    ix = new MatchIndex(terms, key, this.ns);
    for (const ni of this.nodes()) ix.node(ni, 1);
    this.matching.set(id, ix);
    return ix.counts;
  }

  /** Existing pods' required anti-affinity terms that select `pod`, per topology key and value. */
  existingAntiAgainst(pod: PodInfo): { key: string; counts: DomainCounts }[] {
    if (!this.antiBuilt) {
      for (const ni of this.nodes()) for (const p of ni.podsWithRequiredAntiAffinity) this.antiPod(ni, p, 1);
      this.antiBuilt = true;
    }
    const out: { key: string; counts: DomainCounts }[] = [];
    for (const g of this.anti.values()) {
      if (!termMatches(g.term, pod, this.ns)) continue;
      for (const [key, counts] of g.counts) out.push({ key, counts });
    }
    return out;
  }

  private antiPod(ni: NodeInfo, p: PodInfo, d: 1 | -1): void {
    for (const t of p.requiredAntiAffinity) {
      const v = ni.labels[t.topologyKey];
      if (v === undefined) continue;
      let g = this.anti.get(t.sig);
      if (!g) this.anti.set(t.sig, (g = { term: t, counts: new Map() }));
      let m = g.counts.get(t.topologyKey);
      if (!m) g.counts.set(t.topologyKey, (m = new Map()));
      bump(m, v, d);
      if (m.size === 0) g.counts.delete(t.topologyKey);
      if (g.counts.size === 0) this.anti.delete(t.sig);
    }
  }

  /** Namespace labels changed (namespaceSelector matches may differ): rebuild on next use. */
  clear(): void {
    this.matching.clear();
    this.anti.clear();
    this.antiBuilt = false;
  }

  podAdded(ni: NodeInfo, p: PodInfo): void {
    this.pod(ni, p, 1);
  }

  podRemoved(ni: NodeInfo, p: PodInfo): void {
    this.pod(ni, p, -1);
  }

  private pod(ni: NodeInfo, p: PodInfo, d: 1 | -1): void {
    if (!this.exists(ni)) return;
    for (const ix of this.matching.values()) ix.pod(ni, p, d);
    if (this.antiBuilt && p.requiredAntiAffinity.length > 0) this.antiPod(ni, p, d);
  }

  /** Call with -1 before an existing node's labels change or it goes, and with 1 after it appears or changed. */
  node(ni: NodeInfo, d: 1 | -1): void {
    for (const ix of this.matching.values()) ix.node(ni, d);
    if (this.antiBuilt) for (const p of ni.podsWithRequiredAntiAffinity) this.antiPod(ni, p, d);
  }
}
