/**
 * DefaultPreemption (PostFilter): when no node fits, find nodes where
 * removing lower-priority pods would let the pod fit, keep as many of them as
 * possible (PDB-violating ones first, highest priority first), and pick the
 * node as upstream does: fewest PDB violations, lowest highest-victim
 * priority, lowest priority sum, fewest victims, latest-started victims.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { fromLabelSelector, matchesLabels } from '../../api/selectors.js';
import type { Random } from '../../random.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import type { CycleState, Status } from '../types.js';
import { unresolvable } from '../types.js';
import { fitErrorMessage } from '../failure.js';

export const name = 'DefaultPreemption';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NOT_ELIGIBLE_POLICY = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

export interface Candidate {
  node: string;
  victims: PodInfo[];
  pdbViolations: number;
}

export interface PreemptionEnv {
  nodes: readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  /** Run every Filter on a (possibly modified) node, with nominated pods considered. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  addPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void;
  removePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void;
  pdbs(namespace: string): readonly PodDisruptionBudget[];
  rng: Random;
}

export type PreemptionResult = { ok: true; candidate: Candidate } | { ok: false; message: string };

/** MoreImportantPod: higher priority, then the one started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.started < b.started;
}

export function eligible(pod: PodInfo, env: PreemptionEnv): string | undefined {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return NOT_ELIGIBLE_POLICY;
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    const ni = env.node(nominated);
    if (ni && ni.pods.some((p) => p.terminating && p.priority < pod.priority)) return NOT_ELIGIBLE_TERMINATING;
  }
  return undefined;
}

function splitByPdb(victims: PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const fine: PodInfo[] = [];
  for (const v of victims) {
    let violates = false;
    pdbs.forEach((p, i) => {
      if (p.metadata?.namespace !== v.namespace || !p.spec?.selector) return;
      const sel = fromLabelSelector(p.spec.selector);
      if (sel.length === 0 || !matchesLabels(sel, v.labels)) return;
      allowed[i]!--;
      if (allowed[i]! < 0) violates = true;
    });
    (violates ? violating : fine).push(v);
  }
  return [violating, fine];
}

function selectVictimsOnNode(state: CycleState, pod: PodInfo, original: NodeInfo, env: PreemptionEnv): Candidate | Status {
  const node = original.clone();
  const st = state.clone();
  const potential: PodInfo[] = [];
  for (const p of [...node.pods]) {
    if (p.priority < pod.priority) {
      potential.push(p);
      node.removePod(p.key);
      env.removePod(st, pod, p, node);
    }
  }
  if (potential.length === 0) return unresolvable(NO_VICTIMS);
  const fit = env.filter(st, pod, node);
  if (fit) return fit;
  potential.sort((a, b) => (moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0));
  const [violating, fine] = splitByPdb(potential, [...new Set(potential.map((p) => p.namespace))].flatMap((ns) => env.pdbs(ns)));
  const victims: PodInfo[] = [];
  let pdbViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    node.addPod(p);
    env.addPod(st, pod, p, node);
    if (env.filter(st, pod, node) === null) return true;
    node.removePod(p.key);
    env.removePod(st, pod, p, node);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) pdbViolations++;
  for (const p of fine) reprieve(p);
  return { node: node.name, victims, pdbViolations };
}

/** pickOneNodeForPreemption's criteria, in order. */
export function pickCandidate(cs: Candidate[]): Candidate | undefined {
  if (cs.length === 0) return undefined;
  const highest = (c: Candidate) => (c.victims.length ? Math.max(...c.victims.map((v) => v.priority)) : -Infinity);
  const sum = (c: Candidate) => c.victims.reduce((a, v) => a + v.priority + 2147483648, 0);
  const latestStart = (c: Candidate) => {
    const top = highest(c);
    return Math.min(...c.victims.filter((v) => v.priority === top).map((v) => v.started));
  };
  const steps: ((c: Candidate) => number)[] = [(c) => c.pdbViolations, highest, sum, (c) => c.victims.length, (c) => -latestStart(c)];
  let pool = cs;
  for (const f of steps) {
    const best = Math.min(...pool.map(f));
    pool = pool.filter((c) => f(c) === best);
    if (pool.length === 1) break;
  }
  return pool[0];
}

export function preempt(state: CycleState, pod: PodInfo, nodeToStatus: Map<string, { status: Status }>, env: PreemptionEnv): PreemptionResult {
  const why = eligible(pod, env);
  if (why) return { ok: false, message: `preemption: ${why}` };
  const all = env.nodes;
  const statuses = new Map<string, Status>();
  const potential: NodeInfo[] = [];
  for (const n of all) {
    const s = nodeToStatus.get(n.name)?.status;
    if (s && s.code === 'UnschedulableAndUnresolvable') statuses.set(n.name, unresolvable(NOT_HELPFUL));
    else potential.push(n);
  }
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    const want = Math.min(potential.length, Math.max(Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE));
    const offset = env.rng.int(potential.length);
    for (let i = 0; i < potential.length && candidates.length < want; i++) {
      const n = potential[(offset + i) % potential.length]!;
      const r = selectVictimsOnNode(state, pod, n, env);
      if ('victims' in r) candidates.push(r);
      else statuses.set(n.name, r);
    }
  }
  const best = pickCandidate(candidates);
  if (!best) return { ok: false, message: `preemption: ${fitErrorMessage(all.length, statuses.values())}` };
  return { ok: true, candidate: best };
}
