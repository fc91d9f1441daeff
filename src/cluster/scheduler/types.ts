/**
 * The scheduling framework's vocabulary (k8s.io/kubernetes/pkg/scheduler/framework):
 * a plugin Status (code + reasons), the extension points a plugin may
 * implement, and the per-cycle state plugins share between them.
 */
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it (set by the framework). */
  plugin?: string;
}

/** A failing status; `null` is success on the hot path. */
export function unschedulable(...reasons: string[]): Status {
  return Object.freeze({ code: 'Unschedulable', reasons: Object.freeze(reasons) });
}

export function unresolvable(...reasons: string[]): Status {
  return Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze(reasons) });
}

export function errorStatus(message: string): Status {
  return Object.freeze({ code: 'Error', reasons: Object.freeze([message]) });
}

export const SKIP = 'skip' as const;
export type Skip = typeof SKIP;

export const MAX_NODE_SCORE = 100;

/** Data plugins compute in PreFilter/PreScore and read in Filter/Score, for one cycle. */
export class CycleState {
  private data = new Map<string, unknown>();
  /** Plugins whose PreFilter said Skip: their Filter is not run this cycle. */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  /** The Filter plugins that run this cycle (set by the framework after PreFilter). */
  filters: Plugin[] = [];

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, v: unknown): void {
    this.data.set(key, v);
  }

  /** A copy for a preemption dry run: plugin states that change under add/remove are cloned by their owners. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v && typeof v === 'object' && 'clone' in v && typeof v.clone === 'function' ? (v.clone as () => unknown)() : v);
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    c.filters = this.filters;
    return c;
  }
}

export interface Plugin {
  readonly name: string;
  /** Compute per-cycle data; `skip` removes this plugin's Filter for the cycle; a Status rejects the pod on every node. */
  preFilter?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | Skip | null;
  /** null when the node passes. */
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /** Keep PreFilter data right when the preemption dry run removes or re-adds a pod on a node. */
  addPod?(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void;
  removePod?(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void;
  preScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Skip | null;
  /** A raw score (0..100 unless the plugin normalizes). */
  score?(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * PreBind: after a node is chosen, before the pod is bound. A Status fails
   * the binding cycle; 'wait' keeps the pod assumed on the node and asks again
   * a second later (VolumeBinding waits for its claims to bind).
   */
  preBind?(state: CycleState, pod: PodInfo, node: string): Status | null | 'wait';
  /** Rescale raw scores to 0..100 in place. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[]): void;
}

/** DefaultNormalizeScore: scale to 0..max by the highest score, optionally reversed. */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: Float64Array): void {
  let highest = 0;
  for (const s of scores) if (s > highest) highest = s;
  if (highest === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((max * scores[i]!) / highest);
    if (reverse) s = max - s;
    scores[i] = s;
  }
}
