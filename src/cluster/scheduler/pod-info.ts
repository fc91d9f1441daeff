/**
 * What the scheduler precomputes once per pod object: its resource requests
 * (the init-container max rule, sidecars and overhead), the non-zero requests
 * used for scoring, host ports, and parsed inter-pod affinity terms.
 */
import type { Container, Pod, PodAffinityTerm, Toleration, Taint } from 'kubernetes-types/core/v1.js';
import { fromLabelSelector, matchesLabels, type Selector } from '../api/selectors.js';
import { milliValue, value } from './quantity.js';

export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeral: number;
  /** Extended and hugepages resources, by name. */
  scalar?: Map<string, number>;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface AffinityTerm {
  /** null selects nothing (a term without labelSelector). */
  selector: Selector | null;
  namespaces: ReadonlySet<string>;
  /** null: only `namespaces`; [] (empty selector): every namespace. */
  nsSelector: Selector | null;
  topologyKey: string;
  /** Same selector, namespaces and namespaceSelector → same signature (memoizes matching across pods). */
  sig: string;
}

export interface WeightedTerm extends AffinityTerm {
  weight: number;
}

export interface PodInfo {
  pod: Pod;
  key: string;
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  priority: number;
  /** creationTimestamp in ms (queue order), startTime in ms (preemption order). */
  created: number;
  started: number;
  requests: Resources;
  nonZero: { milliCpu: number; memory: number };
  hostPorts: HostPort[];
  tolerations: Toleration[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedTerm[];
  preferredAntiAffinity: WeightedTerm[];
  terminating: boolean;
}

/** Scoring treats a container without a request as asking for this much (upstream's non-zero defaults). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

function containerRequests(c: Container): Resources {
  const req = c.resources?.requests ?? {};
  const r: Resources = { milliCpu: milliValue(req.cpu), memory: value(req.memory), ephemeral: value(req['ephemeral-storage']) };
  for (const k of Object.keys(req)) {
    if (STANDARD.has(k)) continue;
    (r.scalar ??= new Map()).set(k, value(req[k]));
  }
  return r;
}

function nonZero(c: Container): { milliCpu: number; memory: number } {
  const req = c.resources?.requests ?? {};
  return { milliCpu: req.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliValue(req.cpu), memory: req.memory === undefined ? DEFAULT_MEMORY_REQUEST : value(req.memory) };
}

function add(a: Resources, b: Resources): Resources {
  const out: Resources = { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory, ephemeral: a.ephemeral + b.ephemeral };
  if (a.scalar || b.scalar) {
    out.scalar = new Map(a.scalar ?? []);
    for (const [k, v] of b.scalar ?? []) out.scalar.set(k, (out.scalar.get(k) ?? 0) + v);
  }
  return out;
}

function max(a: Resources, b: Resources): Resources {
  const out: Resources = { milliCpu: Math.max(a.milliCpu, b.milliCpu), memory: Math.max(a.memory, b.memory), ephemeral: Math.max(a.ephemeral, b.ephemeral) };
  if (a.scalar || b.scalar) {
    out.scalar = new Map(a.scalar ?? []);
    for (const [k, v] of b.scalar ?? []) out.scalar.set(k, Math.max(out.scalar.get(k) ?? 0, v));
  }
  return out;
}

/**
 * The pod's effective request: the larger of (containers + sidecars) and, for
 * each ordinary init container, its request plus the sidecars started before
 * it; plus the RuntimeClass overhead.
 */
export function podRequests(pod: Pod, per: (c: Container) => Resources = containerRequests): Resources {
  const spec = pod.spec;
  let sum: Resources = { milliCpu: 0, memory: 0, ephemeral: 0 };
  for (const c of spec?.containers ?? []) sum = add(sum, per(c));
  let sidecars: Resources = { milliCpu: 0, memory: 0, ephemeral: 0 };
  let initMax: Resources = { milliCpu: 0, memory: 0, ephemeral: 0 };
  for (const c of spec?.initContainers ?? []) {
    const r = per(c);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, r);
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else initMax = max(initMax, add(r, sidecars));
  }
  let total = max(sum, initMax);
  const overhead = spec?.overhead;
  if (overhead) total = add(total, containerRequests({ name: 'overhead', resources: { requests: overhead } }));
  return total;
}

function term(t: PodAffinityTerm, ownNs: string): AffinityTerm {
  const nsList = t.namespaces ?? [];
  const selector = t.labelSelector ? fromLabelSelector(t.labelSelector) : null;
  const namespaces = [...new Set(nsList.length === 0 && !t.namespaceSelector ? [ownNs] : nsList)].sort();
  const nsSelector = t.namespaceSelector ? fromLabelSelector(t.namespaceSelector) : null;
  return { selector, namespaces: new Set(namespaces), nsSelector, topologyKey: t.topologyKey, sig: JSON.stringify([selector, namespaces, nsSelector]) };
}

/**
 * Matching results by term signature and target pod. Pod objects are
 * immutable (a new object, a new PodInfo), so results only go stale when
 * namespace labels change: callers bump the generation then.
 */
let memo = new Map<string, WeakMap<PodInfo, boolean>>();
export function forgetTermMatches(): void {
  memo = new Map();
}

/** Does `term` (of some pod) select `target`? `nsLabels` gives a namespace's labels for namespaceSelector. */
export function termMatches(t: AffinityTerm, target: PodInfo, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  let m = memo.get(t.sig);
  if (!m) {
    if (memo.size > 10_000) memo = new Map();
    memo.set(t.sig, (m = new WeakMap()));
  }
  const hit = m.get(target);
  if (hit !== undefined) return hit;
  const r = termMatchesNow(t, target, nsLabels);
  m.set(target, r);
  return r;
}

function termMatchesNow(t: AffinityTerm, target: PodInfo, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  if (!t.selector) return false;
  if (!t.namespaces.has(target.namespace)) {
    if (!t.nsSelector) return false;
    if (t.nsSelector.length > 0 && !matchesLabels(t.nsSelector, nsLabels(target.namespace))) return false;
  }
  return matchesLabels(t.selector, target.labels);
}

const infos = new WeakMap<Pod, PodInfo>();

/** `namespace/name`, as PodInfo.key, without parsing the pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/**
 * A newer object of the same pod whose spec parts and labels are the very
 * objects `prev` was parsed from (the API shares what a write left alone, as
 * a binding does): only the per-object fields are redone.
 */
function sameParts(prev: PodInfo, pod: Pod): boolean {
  const a = prev.pod;
  const sa = a.spec;
  const sb = pod.spec;
  if (!sa || !sb) return false;
  return (
    a.metadata?.uid === pod.metadata?.uid &&
    a.metadata?.name === pod.metadata?.name &&
    a.metadata?.namespace === pod.metadata?.namespace &&
    a.metadata?.labels === pod.metadata?.labels &&
    sa.containers === sb.containers &&
    sa.initContainers === sb.initContainers &&
    sa.overhead === sb.overhead &&
    sa.affinity === sb.affinity &&
    sa.tolerations === sb.tolerations &&
    sa.priority === sb.priority
  );
}

export function podInfo(pod: Pod, prev?: PodInfo): PodInfo {
  let pi = infos.get(pod);
  if (pi) return pi;
  const m = pod.metadata ?? {};
  if (prev && sameParts(prev, pod)) {
    // Not remembered in `infos`: the caller keeps it (the cache), and WeakMap entries cost the GC.
    return { ...prev, pod, terminating: !!m.deletionTimestamp, started: pod.status?.startTime ? Date.parse(pod.status.startTime) : prev.created };
  }
  const ns = m.namespace ?? 'default';
  const spec = pod.spec;
  const aff = spec?.affinity;
  const hostPorts: HostPort[] = [];
  for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) hostPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
  const nz = podRequests(pod, (c) => ({ ...nonZero(c), ephemeral: 0 }));
  pi = {
    pod,
    key: `${ns}/${m.name ?? ''}`,
    namespace: ns,
    name: m.name ?? '',
    uid: m.uid ?? '',
    labels: m.labels ?? {},
    priority: spec?.priority ?? 0,
    created: m.creationTimestamp ? Date.parse(m.creationTimestamp) : 0,
    started: pod.status?.startTime ? Date.parse(pod.status.startTime) : m.creationTimestamp ? Date.parse(m.creationTimestamp) : 0,
    requests: podRequests(pod),
    nonZero: { milliCpu: nz.milliCpu, memory: nz.memory },
    hostPorts,
    tolerations: spec?.tolerations ?? [],
    requiredAffinity: (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => term(t, ns)),
    requiredAntiAffinity: (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => term(t, ns)),
    preferredAffinity: (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...term(w.podAffinityTerm, ns), weight: w.weight })),
    preferredAntiAffinity: (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...term(w.podAffinityTerm, ns), weight: w.weight })),
    terminating: !!m.deletionTimestamp,
  };
  infos.set(pod, pi);
  return pi;
}

export function hasAffinity(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}

/** ToleratesTaint: effect (empty matches all), key (empty with Exists matches all), operator Exists or Equal. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== taint.key && !(!t.key && t.operator === 'Exists')) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export function toleratesAny(ts: readonly Toleration[], taint: Taint): boolean {
  for (const t of ts) if (tolerates(t, taint)) return true;
  return false;
}
