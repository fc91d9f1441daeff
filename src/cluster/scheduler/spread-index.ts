/**
 * Matching-pod counts for PodTopologySpread, kept current as pods are
 * assumed, bound and deleted and as nodes come, go or change labels, instead
 * of recounting every node's pods on every scheduling cycle.
 *
 * One index per (namespace, label selector, topology key, keys a node must
 * carry): per node, how many of its pods the selector picks; per domain (the
 * node's value of the topology key), the sum over existing nodes that carry
 * every key, zero-count domains included, as upstream's PreFilter builds
 * TpPairToMatchNum from the node infos.
 */
import { matchesLabels, type Selector } from '../api/selectors.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';

export interface SpreadCounts {
  /** domain → matching pods; read-only for callers (copy before changing). */
  readonly domains: ReadonlyMap<string, number>;
  /** node name → matching pods on it (nodes with none are absent). */
  readonly perNode: ReadonlyMap<string, number>;
  /** The smallest domain count (0 when there is no domain). */
  min(): number;
}

class SpreadIndex implements SpreadCounts {
  readonly domains = new Map<string, number>();
  readonly perNode = new Map<string, number>();
  /** domain → how many existing eligible nodes are in it (a domain goes when its last node does). */
  private readonly nodesIn = new Map<string, number>();
  private minValue = 0;
  private minDirty = true;

  constructor(
    readonly namespace: string,
    readonly selector: Selector | null,
    readonly key: string,
    readonly keys: readonly string[],
  ) {}

  matches(p: PodInfo): boolean {
    return this.selector !== null && p.namespace === this.namespace && !p.terminating && matchesLabels(this.selector, p.labels);
  }

  private domainOf(ni: NodeInfo): string | undefined {
    const l = ni.labels;
    for (let i = 0; i < this.keys.length; i++) if (l[this.keys[i]!] === undefined) return undefined;
    return l[this.key];
  }

  private bumpDomain(v: string, d: number): void {
    const n = this.domains.get(v)! + d;
    this.domains.set(v, n);
    if (d < 0) {
      if (!this.minDirty && n < this.minValue) this.minValue = n;
    } else if (n - d === this.minValue) this.minDirty = true;
  }

  /** An existing node appears (sign 1) or goes / is about to change labels (sign -1). */
  node(ni: NodeInfo, sign: 1 | -1): void {
    const v = this.domainOf(ni);
    if (v === undefined) return;
    const count = this.perNode.get(ni.name) ?? 0;
    const nodes = (this.nodesIn.get(v) ?? 0) + sign;
    if (sign > 0 && nodes === 1) {
      this.domains.set(v, 0);
      if (this.minValue > 0) this.minDirty = true;
    }
    if (count !== 0) this.bumpDomain(v, sign * count);
    if (nodes === 0) {
      this.nodesIn.delete(v);
      this.domains.delete(v);
      this.minDirty = true;
    } else this.nodesIn.set(v, nodes);
  }

  /** A pod was added to (sign 1) or removed from (sign -1) a node; `exists` says whether the node itself does. */
  pod(ni: NodeInfo, p: PodInfo, sign: 1 | -1, exists: boolean): void {
    if (!this.matches(p)) return;
    const n = (this.perNode.get(ni.name) ?? 0) + sign;
    if (n === 0) this.perNode.delete(ni.name);
    else this.perNode.set(ni.name, n);
    if (!exists) return;
    const v = this.domainOf(ni);
    if (v !== undefined) this.bumpDomain(v, sign);
  }

  min(): number {
    if (this.minDirty) {
      let m = Infinity;
      for (const v of this.domains.values()) if (v < m) m = v;
      this.minValue = m === Infinity ? 0 : m;
      this.minDirty = false;
    }
    return this.minValue;
  }
}

const MAX_INDEXES = 512;

/** The indexes of one scheduler cache (built on first use, then maintained). */
export class SpreadIndexes {
  private readonly byKey = new Map<string, SpreadIndex>();
  private readonly byNamespace = new Map<string, SpreadIndex[]>();

  constructor(
    /** Every NodeInfo holding pods or existing, and whether its node exists. */
    private readonly infos: () => Iterable<NodeInfo>,
    private readonly exists: (ni: NodeInfo) => boolean,
  ) {}

  get(namespace: string, selector: Selector | null, key: string, keys: readonly string[]): SpreadCounts {
    const id = JSON.stringify([namespace, selector, key, keys]);
    let ix = this.byKey.get(id);
    if (ix) return ix;
    if (this.byKey.size >= MAX_INDEXES) this.clear();
    ix = new SpreadIndex(namespace, selector, key, [...keys]);
    for (const ni of this.infos()) {
      for (const p of ni.pods) ix.pod(ni, p, 1, false);
      if (this.exists(ni)) ix.node(ni, 1);
    }
    this.byKey.set(id, ix);
    let l = this.byNamespace.get(namespace);
    if (!l) this.byNamespace.set(namespace, (l = []));
    l.push(ix);
    return ix;
  }

  clear(): void {
    this.byKey.clear();
    this.byNamespace.clear();
  }

  podAdded(ni: NodeInfo, p: PodInfo): void {
    const l = this.byNamespace.get(p.namespace);
    if (l) for (const ix of l) ix.pod(ni, p, 1, this.exists(ni));
  }

  podRemoved(ni: NodeInfo, p: PodInfo): void {
    const l = this.byNamespace.get(p.namespace);
    if (l) for (const ix of l) ix.pod(ni, p, -1, this.exists(ni));
  }

  /** Call with -1 before a node's labels change or it goes, and with 1 after it appears or changed. */
  node(ni: NodeInfo, sign: 1 | -1): void {
    for (const ix of this.byKey.values()) ix.node(ni, sign);
  }
}
