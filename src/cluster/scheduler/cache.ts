/**
 * The scheduler's cache, kept current from watches: a NodeInfo per node with
 * the pods bound to it, plus pods "assumed" between the binding request and
 * the watch event that confirms it. Nodes are listed as upstream's node tree
 * lists them: zones interleaved, each zone in the order its nodes appeared.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { NodeInfo, REGION_LABEL, ZONE_LABEL } from './node-info.js';
import { podInfo, podKey, type PodInfo } from './pod-info.js';
import { SpreadIndexes } from './spread-index.js';
import { AffinityIndexes } from './affinity-index.js';

interface PodState {
  node: string;
  info: PodInfo;
  assumed: boolean;
}

export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly hasNode = new Set<string>();
  private readonly zones = new Map<string, string[]>();
  private readonly pods = new Map<string, PodState>();
  private ordered: NodeInfo[] = [];
  private dirty = true;
  /** Nodes holding pods with affinity terms / required anti-affinity terms (InterPodAffinity reads these). */
  readonly withAffinity = new Set<NodeInfo>();
  readonly withRequiredAntiAffinity = new Set<NodeInfo>();
  readonly withScoringAffinity = new Set<NodeInfo>();
  /** image name → how many nodes have it (ImageLocality). */
  readonly imageNodes = new Map<string, number>();
  readonly namespaceLabels = new Map<string, Record<string, string>>();
  /** PodTopologySpread's matching-pod counts, maintained as pods and nodes change. */
  readonly spread = new SpreadIndexes(
    () => this.infos.values(),
    (ni) => this.hasNode.has(ni.name),
  );
  /** InterPodAffinity's counts, maintained likewise. */
  readonly affinity = new AffinityIndexes(
    () => this.nodes(),
    (ni) => this.hasNode.has(ni.name),
    (ns) => this.namespaceLabels.get(ns),
  );

  private nodeIndexes(ni: NodeInfo, d: 1 | -1): void {
    this.spread.node(ni, d);
    this.affinity.node(ni, d);
  }

  private podIndexes(ni: NodeInfo, p: PodInfo, d: 1 | -1, spread = true): void {
    if (d > 0) {
      if (spread) this.spread.podAdded(ni, p);
      this.affinity.podAdded(ni, p);
    } else {
      if (spread) this.spread.podRemoved(ni, p);
      this.affinity.podRemoved(ni, p);
    }
  }

  private zoneOf(n: Node): string {
    const l = n.metadata?.labels ?? {};
    return `${l[REGION_LABEL] ?? ''}:${l[ZONE_LABEL] ?? ''}`;
  }

  private infoFor(name: string): NodeInfo {
    let ni = this.infos.get(name);
    if (!ni) this.infos.set(name, (ni = new NodeInfo({ metadata: { name } })));
    return ni;
  }

  private track(ni: NodeInfo): void {
    if (ni.podsWithAffinity.length > 0 && this.hasNode.has(ni.name)) this.withAffinity.add(ni);
    else this.withAffinity.delete(ni);
    if (ni.podsWithRequiredAntiAffinity.length > 0 && this.hasNode.has(ni.name)) this.withRequiredAntiAffinity.add(ni);
    else this.withRequiredAntiAffinity.delete(ni);
    if (ni.scoringAffinityPods > 0 && this.hasNode.has(ni.name)) this.withScoringAffinity.add(ni);
    else this.withScoringAffinity.delete(ni);
  }

  private countImages(ni: NodeInfo, d: number): void {
    for (const img of ni.images.keys()) {
      const v = (this.imageNodes.get(img) ?? 0) + d;
      if (v > 0) this.imageNodes.set(img, v);
      else this.imageNodes.delete(img);
    }
  }

  upsertNode(n: Node): void {
    const name = n.metadata?.name ?? '';
    const ni = this.infoFor(name);
    const oldZone = this.hasNode.has(name) ? this.zoneOf(ni.node) : undefined;
    // Status-only updates (heartbeats) leave the labels, and so the topology counts, alone.
    const relabel = oldZone === undefined || !sameLabels(ni.labels, n.metadata?.labels ?? {});
    if (oldZone !== undefined) {
      this.countImages(ni, -1);
      if (relabel) this.nodeIndexes(ni, -1);
    }
    ni.setNode(n);
    this.countImages(ni, 1);
    const zone = this.zoneOf(n);
    if (oldZone !== zone) {
      if (oldZone !== undefined) this.dropFromZone(oldZone, name);
      let z = this.zones.get(zone);
      if (!z) this.zones.set(zone, (z = []));
      z.push(name);
      this.dirty = true;
    }
    this.hasNode.add(name);
    if (relabel) this.nodeIndexes(ni, 1);
    this.track(ni);
  }

  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni || !this.hasNode.has(name)) return;
    this.dropFromZone(this.zoneOf(ni.node), name);
    this.countImages(ni, -1);
    this.nodeIndexes(ni, -1);
    this.hasNode.delete(name);
    this.track(ni);
    if (ni.pods.length === 0) this.infos.delete(name);
    this.dirty = true;
  }

  private dropFromZone(zone: string, name: string): void {
    const z = this.zones.get(zone);
    if (!z) return;
    const i = z.indexOf(name);
    if (i >= 0) z.splice(i, 1);
    if (z.length === 0) this.zones.delete(zone);
  }

  /** Every node that exists, in node-tree order. */
  nodes(): readonly NodeInfo[] {
    if (this.dirty) {
      const lists = [...this.zones.values()];
      const out: NodeInfo[] = [];
      for (let i = 0; ; i++) {
        let any = false;
        for (const l of lists) {
          const name = l[i];
          if (name === undefined) continue;
          any = true;
          out.push(this.infos.get(name)!);
        }
        if (!any) break;
      }
      this.ordered = out;
      this.dirty = false;
    }
    return this.ordered;
  }

  node(name: string): NodeInfo | undefined {
    return this.hasNode.has(name) ? this.infos.get(name) : undefined;
  }

  /** A pod seen bound to a node (or its update/confirmation). */
  upsertBoundPod(pod: Pod): void {
    const cur = this.pods.get(podKey(pod));
    const info = podInfo(pod, cur?.info);
    const node = pod.spec?.nodeName ?? '';
    // A status update leaves what the spread counts read alone: skip their -1/+1 (every constraint of the namespace).
    let spread = !cur || cur.node !== node || !sameSpreadInputs(cur.info, info);
    if (cur && !this.takeOut(cur, spread)) spread = true;
    const ni = this.infoFor(node);
    ni.addPod(info);
    this.podIndexes(ni, info, 1, spread);
    this.track(ni);
    this.pods.set(info.key, { node, info, assumed: false });
  }

  removePod(key: string): void {
    const cur = this.pods.get(key);
    if (!cur) return;
    this.takeOut(cur);
    this.pods.delete(key);
  }

  /** Returns whether the pod was counted on its node (and is no longer). */
  private takeOut(cur: PodState, spread = true): boolean {
    const ni = this.infos.get(cur.node);
    if (!ni) return false;
    const removed = ni.removePod(cur.info.key);
    if (removed) this.podIndexes(ni, cur.info, -1, spread);
    this.track(ni);
    if (ni.pods.length === 0 && !this.hasNode.has(cur.node)) this.infos.delete(cur.node);
    return removed;
  }

  /** Count the pod on `node` before the API confirms the binding. */
  assume(info: PodInfo, node: string): void {
    this.removePod(info.key);
    const ni = this.infoFor(node);
    ni.addPod(info);
    this.podIndexes(ni, info, 1);
    this.track(ni);
    this.pods.set(info.key, { node, info, assumed: true });
  }

  /** Binding failed: take the assumed pod back out. */
  forget(key: string): void {
    const cur = this.pods.get(key);
    if (cur?.assumed) this.removePod(key);
  }

  isAssumedOrBound(key: string): boolean {
    return this.pods.has(key);
  }

  nodeOfPod(key: string): string | undefined {
    return this.pods.get(key)?.node;
  }

  podCount(): number {
    return this.pods.size;
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

/** Does the pod count for the same PodTopologySpread selectors (namespace, labels, terminating)? */
function sameSpreadInputs(a: PodInfo, b: PodInfo): boolean {
  return a.namespace === b.namespace && a.terminating === b.terminating && sameLabels(a.labels, b.labels);
}
