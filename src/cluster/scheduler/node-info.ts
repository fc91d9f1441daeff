/**
 * The scheduler's view of one node (framework.NodeInfo): its parsed
 * allocatable, what the pods bound or assumed to it request, their host
 * ports, the node's images, and which of its pods carry affinity terms.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import { hasAffinity, type PodInfo, type Resources } from './pod-info.js';
import { milliValue, value } from './quantity.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export interface Allocatable extends Resources {
  pods: number;
}

function scoresOthers(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}

export class NodeInfo {
  // The numbers Filter and Score read for hundreds of nodes per cycle come first, flat on the object
  // (mirrors of allocatable / requested / nonZeroRequested / pods.length / taints): fewer cache lines per node.
  /** NoSchedule/NoExecute taints, and PreferNoSchedule ones. */
  hardTaints = 0;
  softTaints = 0;
  unschedulable = false;
  podCount = 0;
  allocPods = 0;
  allocMilliCpu = 0;
  allocMemory = 0;
  reqMilliCpu = 0;
  reqMemory = 0;
  nzMilliCpu = 0;
  nzMemory = 0;
  node: Node;
  name: string;
  labels: Record<string, string>;
  taints: readonly Taint[];
  allocatable: Allocatable;
  /** image name → size in bytes, from node.status.images. */
  images: Map<string, number>;
  requested: Resources = { milliCpu: 0, memory: 0, ephemeral: 0 };
  nonZeroRequested = { milliCpu: 0, memory: 0 };
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Pods whose terms can add to another pod's InterPodAffinity score (required affinity, preferred terms). */
  scoringAffinityPods = 0;
  /** `ip/protocol/port` of host ports in use. */
  usedPorts = new Map<string, number>();
  /** Bumped on every change (snapshots and tests can tell it moved). */
  generation = 0;

  constructor(node: Node) {
    this.node = node;
    this.name = node.metadata?.name ?? '';
    this.labels = {};
    this.taints = [];
    this.allocatable = { milliCpu: 0, memory: 0, ephemeral: 0, pods: 0 };
    this.images = new Map();
    this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = !!node.spec?.unschedulable;
    const a = node.status?.allocatable ?? {};
    const alloc: Allocatable = { milliCpu: milliValue(a.cpu), memory: value(a.memory), ephemeral: value(a['ephemeral-storage']), pods: value(a.pods) };
    for (const k of Object.keys(a)) {
      if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage' || k === 'pods') continue;
      (alloc.scalar ??= new Map()).set(k, value(a[k]));
    }
    this.allocatable = alloc;
    this.allocPods = alloc.pods;
    this.allocMilliCpu = alloc.milliCpu;
    this.allocMemory = alloc.memory;
    let hard = 0;
    let soft = 0;
    for (const t of this.taints) {
      if (t.effect === 'NoSchedule' || t.effect === 'NoExecute') hard++;
      else if (t.effect === 'PreferNoSchedule') soft++;
    }
    this.hardTaints = hard;
    this.softTaints = soft;
    this.images = new Map();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) this.images.set(n, img.sizeBytes ?? 0);
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    this.podCount = this.pods.length;
    if (hasAffinity(p)) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    if (scoresOthers(p)) this.scoringAffinityPods++;
    this.account(p, 1);
  }

  /** Remove by key; returns whether it was there. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((x) => x.key === key);
    if (i < 0) return false;
    const p = this.pods[i]!;
    this.pods.splice(i, 1);
    this.podCount = this.pods.length;
    const j = this.podsWithAffinity.indexOf(p);
    if (j >= 0) this.podsWithAffinity.splice(j, 1);
    const k = this.podsWithRequiredAntiAffinity.indexOf(p);
    if (k >= 0) this.podsWithRequiredAntiAffinity.splice(k, 1);
    if (scoresOthers(p)) this.scoringAffinityPods--;
    this.account(p, -1);
    return true;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCpu += sign * p.requests.milliCpu;
    r.memory += sign * p.requests.memory;
    r.ephemeral += sign * p.requests.ephemeral;
    for (const [k, v] of p.requests.scalar ?? []) {
      const s = (r.scalar ??= new Map());
      s.set(k, (s.get(k) ?? 0) + sign * v);
    }
    this.nonZeroRequested.milliCpu += sign * p.nonZero.milliCpu;
    this.nonZeroRequested.memory += sign * p.nonZero.memory;
    this.reqMilliCpu = r.milliCpu;
    this.reqMemory = r.memory;
    this.nzMilliCpu = this.nonZeroRequested.milliCpu;
    this.nzMemory = this.nonZeroRequested.memory;
    for (const hp of p.hostPorts) {
      const key = `${hp.ip}/${hp.protocol}/${hp.port}`;
      const n = (this.usedPorts.get(key) ?? 0) + sign;
      if (n > 0) this.usedPorts.set(key, n);
      else this.usedPorts.delete(key);
    }
    this.generation++;
  }

  /** A deep-enough copy for a preemption dry run (pods can be removed and re-added). */
  clone(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(c, this);
    c.requested = { ...this.requested, scalar: this.requested.scalar ? new Map(this.requested.scalar) : undefined };
    if (!c.requested.scalar) delete c.requested.scalar;
    c.nonZeroRequested = { ...this.nonZeroRequested };
    c.pods = [...this.pods];
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.usedPorts = new Map(this.usedPorts);
    return c;
  }
}
