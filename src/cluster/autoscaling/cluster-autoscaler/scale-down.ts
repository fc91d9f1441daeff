/**
 * Scale-down planning (upstream core/scaledown/planner + simulator/drainability):
 * a node of an autoscaled pool is unneeded when its requested CPU and memory
 * are both under the utilization threshold, nothing pins it (annotation,
 * pool min size), none of its pods blocks removal (safe-to-evict=false, no
 * controller, kube-system without a PDB, local storage, a PDB with no
 * disruptions left), and every pod that must move fits on another node.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { fromLabelSelector, matchesLabels } from '../../api/selectors.js';
import type { NodeInfo } from '../../scheduler/node-info.js';
import { podInfo, type PodInfo } from '../../scheduler/pod-info.js';
import { reasonHistogram } from '../../scheduler/failure.js';
import type { Simulator } from './simulator.js';
import type { Settings } from './profile.js';

export const SAFE_TO_EVICT = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
export const SCALE_DOWN_DISABLED = 'cluster-autoscaler.kubernetes.io/scale-down-disabled';
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
export const DELETION_CANDIDATE_TAINT = 'DeletionCandidateOfClusterAutoscaler';

export type Verdict = 'unneeded' | 'NotUnderutilized' | 'ScaleDownDisabledAnnotation' | 'NodeGroupMinSizeReached' | 'BlockedByPod' | 'NoPlaceToMovePods' | 'NotReady';

export interface Utilization {
  cpu: number;
  memory: number;
  /** The larger of the two, and which it is. */
  value: number;
  resource: 'cpu' | 'memory';
}

export interface NodeCheck {
  node: string;
  pool: string;
  utilization: Utilization;
  verdict: Verdict;
  /** Human words: which pod blocks and why, or what did not fit. */
  detail: string;
  /** Pods that would be evicted (namespace/name); empty for an empty node. */
  toMove: string[];
}

export interface Candidate {
  node: NodeInfo;
  pool: string;
  ready: boolean;
  disabled: boolean;
}

type Pdb = PodDisruptionBudget;

export function isDaemonSetPod(p: Pod): boolean {
  return (p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet' && o.controller !== false);
}

export function isMirrorPod(p: Pod): boolean {
  return !!p.metadata?.annotations?.['kubernetes.io/config.mirror'];
}

function hasLocalStorage(p: Pod): boolean {
  return (p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined || v.hostPath !== undefined);
}

const unbound = new WeakMap<Pod, PodInfo>();

/** The pod as the simulation moves it: a copy without spec.nodeName (else NodeName pins it where it is). */
export function asUnbound(pi: PodInfo): PodInfo {
  let u = unbound.get(pi.pod);
  if (!u) {
    const spec = { ...pi.pod.spec! };
    delete spec.nodeName;
    u = podInfo({ ...pi.pod, spec });
    unbound.set(pi.pod, u);
  }
  return u;
}

export function utilizationOf(ni: NodeInfo, ignoreDaemonSets: boolean): Utilization {
  let cpuReq = ni.requested.milliCpu;
  let memReq = ni.requested.memory;
  if (ignoreDaemonSets) {
    for (const p of ni.pods) {
      if (!isDaemonSetPod(p.pod)) continue;
      cpuReq -= p.requests.milliCpu;
      memReq -= p.requests.memory;
    }
  }
  const cpu = ni.allocatable.milliCpu > 0 ? cpuReq / ni.allocatable.milliCpu : 0;
  const memory = ni.allocatable.memory > 0 ? memReq / ni.allocatable.memory : 0;
  return cpu >= memory ? { cpu, memory, value: cpu, resource: 'cpu' } : { cpu, memory, value: memory, resource: 'memory' };
}

/** The pods that must move and, when one blocks the node, why (upstream's drainability rules, in their order). */
export function podsToMove(ni: NodeInfo, s: Settings, pdbs: readonly Pdb[]): { move: PodInfo[]; blocked?: string } {
  const move: PodInfo[] = [];
  const pdbFor = (p: Pod) => pdbs.filter((b) => b.metadata?.namespace === p.metadata?.namespace && b.spec?.selector && matchesLabels(fromLabelSelector(b.spec.selector), p.metadata?.labels));
  const onNode = new Map<Pdb, number>();
  for (const pi of ni.pods) {
    const p = pi.pod;
    if (isMirrorPod(p) || isDaemonSetPod(p) || pi.terminating) continue;
    const name = `${pi.namespace}/${pi.name}`;
    const safe = p.metadata?.annotations?.[SAFE_TO_EVICT];
    const budgets = pdbFor(p);
    if (safe !== 'true') {
      if (safe === 'false') return { move, blocked: `pod annotated as not safe to evict present: ${name}` };
      if (!(p.metadata?.ownerReferences ?? []).some((o) => o.controller)) return { move, blocked: `${name} is not replicated` };
      if (s.skipNodesWithSystemPods && pi.namespace === 'kube-system' && budgets.length === 0) return { move, blocked: `non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: ${pi.name}` };
      if (s.skipNodesWithLocalStorage && hasLocalStorage(p)) return { move, blocked: `pod with local storage present: ${pi.name}` };
    }
    for (const b of budgets) {
      const n = (onNode.get(b) ?? 0) + 1;
      onNode.set(b, n);
      if ((b.status?.disruptionsAllowed ?? 0) < n) return { move, blocked: `not enough pod disruption budget to move ${name}` };
    }
    move.push(asUnbound(pi));
  }
  return { move };
}

export interface DownInput {
  candidates: Candidate[];
  settings: Settings;
  pdbs: readonly Pdb[];
  /** Per pool: target size and min (deletions may not go below). */
  pools: Map<string, { target: number; min: number }>;
  /** Nodes already being deleted (not destinations). */
  deleting: ReadonlySet<string>;
  /** Where each pod fit last time (tried first). */
  hints: Map<string, string>;
}

/** One pass over the candidates: each unneeded node's pods are placed in the what-if view before the next is checked. */
export function planScaleDown(sim: Simulator, inp: DownInput): NodeCheck[] {
  const out: NodeCheck[] = [];
  const removed = new Set(inp.deleting);
  const view = sim.newView(removed);
  const left = new Map<string, number>();
  for (const [pool, { target, min }] of inp.pools) left.set(pool, target - min);
  for (const c of inp.candidates) {
    const ni = c.node;
    const util = utilizationOf(ni, inp.settings.ignoreDaemonsetsUtilization);
    const check = (verdict: Verdict, detail: string, toMove: string[] = []) => out.push({ node: ni.name, pool: c.pool, utilization: util, verdict, detail, toMove });
    if (!c.ready) {
      check('NotReady', 'node is not Ready');
      continue;
    }
    if (c.disabled) {
      check('ScaleDownDisabledAnnotation', `node has annotation ${SCALE_DOWN_DISABLED}=true`);
      continue;
    }
    if (util.value >= inp.settings.utilizationThreshold) {
      check('NotUnderutilized', `${util.resource} requested ${pct(util.value)} of allocatable (threshold ${pct(inp.settings.utilizationThreshold)})`);
      continue;
    }
    const { move, blocked } = podsToMove(ni, inp.settings, inp.pdbs);
    if (blocked) {
      check('BlockedByPod', blocked);
      continue;
    }
    if ((left.get(c.pool) ?? 0) <= 0) {
      check('NodeGroupMinSizeReached', `pool ${c.pool} is at its min count`);
      continue;
    }
    const dests = view.nodes.filter((n) => n.name !== ni.name);
    const placed: [PodInfo, string][] = [];
    let failed: { pod: PodInfo; reasons: string } | undefined;
    for (const p of move) {
      const r = sim.fit(view, p, dests, inp.hints.get(p.key));
      if (!('node' in r)) {
        failed = { pod: p, reasons: reasonHistogram(r.failures.map((f) => f.status)).join(', ') };
        break;
      }
      placed.push([p, r.node.name]);
      view.place(p, r.node.name);
      // `dests` holds the node as it was: refresh the entry that was copied.
      const i = dests.findIndex((d) => d.name === r.node.name);
      if (i >= 0) dests[i] = view.get(r.node.name)!;
    }
    if (failed) {
      for (const [p, n] of placed) view.unplace(p, n);
      check('NoPlaceToMovePods', `no place to move pod ${failed.pod.key}: ${failed.reasons || 'no other node'}`);
      continue;
    }
    for (const [p, n] of placed) inp.hints.set(p.key, n);
    view.remove(ni.name);
    left.set(c.pool, (left.get(c.pool) ?? 0) - 1);
    check('unneeded', move.length ? `${move.length} pod(s) can move to other nodes` : 'no pods to move (empty node)', move.map((p) => p.key));
  }
  return out;
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
