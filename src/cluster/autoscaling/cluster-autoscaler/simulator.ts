/**
 * The autoscaler's scheduling simulator (upstream's ClusterSnapshot +
 * PredicateChecker): a scheduler cache kept current from the autoscaler's own
 * informers, the scheduler's real filter plugins, and what-if views in which
 * pods are placed on copies of nodes or on template nodes of a pool, without
 * touching the live NodeInfos.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/types.js';
import type { InformerFactory, Informer } from '../../runtime/informer.js';
import type { Random } from '../../random.js';
import { SchedulerCache } from '../../scheduler/cache.js';
import { Framework, type FilterFailure } from '../../scheduler/framework.js';
import type { Handle } from '../../scheduler/handle.js';
import type { NodeInfo } from '../../scheduler/node-info.js';
import { podInfo, type PodInfo } from '../../scheduler/pod-info.js';
import { buildPlugins } from '../../scheduler/registry.js';
import { CycleState } from '../../scheduler/types.js';

/** A what-if cluster: the live nodes, copied on first change, plus template nodes. */
export class View {
  readonly nodes: NodeInfo[];
  private readonly index = new Map<string, number>();
  private readonly copied = new Set<string>();
  private sets: { aff: Set<NodeInfo>; anti: Set<NodeInfo>; scoring: Set<NodeInfo> } | undefined;

  constructor(base: readonly NodeInfo[], exclude?: ReadonlySet<string>) {
    this.nodes = exclude && exclude.size ? base.filter((n) => !exclude.has(n.name)) : [...base];
    this.nodes.forEach((n, i) => this.index.set(n.name, i));
  }

  get(name: string): NodeInfo | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** Add a node that exists only in this view (a template node's copy). */
  add(ni: NodeInfo): void {
    this.index.set(ni.name, this.nodes.length);
    this.nodes.push(ni);
    this.copied.add(ni.name);
    this.sets = undefined;
  }

  remove(name: string): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    this.nodes.splice(i, 1);
    this.index.clear();
    this.nodes.forEach((n, j) => this.index.set(n.name, j));
    this.sets = undefined;
  }

  /** Put a pod on a node of this view (the live node is copied first). */
  place(pod: PodInfo, name: string): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    let ni = this.nodes[i]!;
    if (!this.copied.has(name)) {
      ni = ni.clone();
      this.nodes[i] = ni;
      this.copied.add(name);
    }
    ni.addPod(pod);
    this.sets = undefined;
  }

  /** Take back a pod placed by `place` (a failed what-if). */
  unplace(pod: PodInfo, name: string): void {
    if (!this.copied.has(name)) return;
    this.get(name)?.removePod(pod.key);
    this.sets = undefined;
  }

  affinitySets(): { aff: Set<NodeInfo>; anti: Set<NodeInfo>; scoring: Set<NodeInfo> } {
    if (!this.sets) {
      const aff = new Set<NodeInfo>();
      const anti = new Set<NodeInfo>();
      const scoring = new Set<NodeInfo>();
      for (const n of this.nodes) {
        if (n.podsWithAffinity.length) aff.add(n);
        if (n.podsWithRequiredAntiAffinity.length) anti.add(n);
        if (n.scoringAffinityPods > 0) scoring.add(n);
      }
      this.sets = { aff, anti, scoring };
    }
    return this.sets;
  }
}

export class Simulator implements Handle {
  readonly cache = new SchedulerCache();
  readonly framework: Framework;
  private view: View | undefined;
  private readonly listers = new Map<string, Informer>();

  constructor(informers: InformerFactory, rng: Random) {
    this.framework = new Framework(buildPlugins(this), rng);
    for (const r of ['services', 'replicationcontrollers', 'replicasets.apps', 'statefulsets.apps']) {
      const inf = informers.for(r);
      inf.addIndex('namespace', (o) => [o.metadata?.namespace ?? '']);
      this.listers.set(r, inf);
    }
    informers.for('namespaces').on((type, o) => {
      const name = o.metadata?.name ?? '';
      if (type === 'DELETED') this.cache.namespaceLabels.delete(name);
      else this.cache.namespaceLabels.set(name, o.metadata?.labels ?? {});
    });
    informers.for<Node & KObject>('nodes').on((type, o) => {
      if (type === 'DELETED') this.cache.removeNode(o.metadata?.name ?? '');
      else this.cache.upsertNode(o as Node);
    });
    informers.for<Pod & KObject>('pods').on((type, o) => {
      const pod = o as Pod;
      const key = `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
      const phase = pod.status?.phase;
      if (type === 'DELETED' || !pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') this.cache.removePod(key);
      else this.cache.upsertBoundPod(pod);
    });
  }

  // Handle: the live cache, or the what-if view while a simulation runs.
  nodes(): readonly NodeInfo[] {
    return this.view ? this.view.nodes : this.cache.nodes();
  }
  node(name: string): NodeInfo | undefined {
    return this.view ? this.view.get(name) : this.cache.node(name);
  }
  nodesWithAffinity(): ReadonlySet<NodeInfo> {
    return this.view ? this.view.affinitySets().aff : this.cache.withAffinity;
  }
  nodesWithRequiredAntiAffinity(): ReadonlySet<NodeInfo> {
    return this.view ? this.view.affinitySets().anti : this.cache.withRequiredAntiAffinity;
  }
  nodesWithScoringAffinity(): ReadonlySet<NodeInfo> {
    return this.view ? this.view.affinitySets().scoring : this.cache.withScoringAffinity;
  }
  imageNodes(): ReadonlyMap<string, number> {
    return this.cache.imageNodes;
  }
  nsLabels(ns: string): Record<string, string> | undefined {
    return this.cache.namespaceLabels.get(ns);
  }
  list(resource: string, namespace: string): readonly KObject[] {
    return this.listers.get(resource)?.byIndex('namespace', namespace) ?? [];
  }

  /** A what-if view of the live nodes (minus `exclude`). */
  newView(exclude?: ReadonlySet<string>): View {
    return new View(this.cache.nodes(), exclude);
  }

  /**
   * The first node of `candidates` (in order, `hint` first) where the pod
   * passes PreFilter and every Filter in `view`; otherwise the failures.
   */
  fit(view: View, pod: PodInfo, candidates: readonly NodeInfo[], hint?: string): { node: NodeInfo } | { failures: FilterFailure[] } {
    this.view = view;
    try {
      const state = new CycleState();
      state.write('allNodes', view.nodes);
      const pre = this.framework.runPreFilter(state, pod, view.nodes);
      if (pre) return { failures: [pre] };
      const failures: FilterFailure[] = [];
      if (hint) {
        const h = candidates.find((c) => c.name === hint);
        if (h && !this.framework.runFilter(state, pod, h)) return { node: h };
      }
      for (const n of candidates) {
        if (n.name === hint) continue;
        const f = this.framework.runFilter(state, pod, n);
        if (!f) return { node: n };
        failures.push(f);
      }
      return { failures };
    } finally {
      this.view = undefined;
    }
  }
}

export { podInfo };
