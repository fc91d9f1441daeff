/**
 * What counts against a ResourceQuota (the quota evaluators, paraphrased):
 * object counts (`pods`, `count/deployments.apps`, `services.nodeports`) and
 * compute (`requests.cpu` or `cpu`, `limits.memory`, …) of non-terminal pods.
 */
import type { Pod, PodSpec, Service } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../types.js';
import type { StrategyContext } from '../resource.js';
import { parseQuantity } from '../quantity.js';

export type Usage = Record<string, number>;

/** Legacy object-count names and the resource they count. */
const LEGACY_COUNTS: Record<string, [string, string]> = {
  pods: ['', 'pods'],
  services: ['', 'services'],
  secrets: ['', 'secrets'],
  configmaps: ['', 'configmaps'],
  persistentvolumeclaims: ['', 'persistentvolumeclaims'],
  replicationcontrollers: ['', 'replicationcontrollers'],
  resourcequotas: ['', 'resourcequotas'],
};

const COMPUTE = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);

/** `count/deployments.apps` → group/resource. */
export function countTarget(name: string): [string, string] | undefined {
  if (LEGACY_COUNTS[name]) return LEGACY_COUNTS[name];
  if (!name.startsWith('count/')) return undefined;
  const gr = name.slice(6);
  const i = gr.indexOf('.');
  return i < 0 ? ['', gr] : [gr.slice(i + 1), gr.slice(0, i)];
}

export function isTerminalPod(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Effective pod requests/limits: sum over containers, at least the largest init container. */
export function podCompute(spec: PodSpec | undefined, kind: 'requests' | 'limits', resource: string): number | undefined {
  let sum = 0;
  let any = false;
  for (const c of spec?.containers ?? []) {
    const v = parseQuantity((c.resources?.[kind] as Record<string, unknown> | undefined)?.[resource]);
    if (v !== undefined) {
      sum += v;
      any = true;
    }
  }
  for (const c of spec?.initContainers ?? []) {
    const v = parseQuantity((c.resources?.[kind] as Record<string, unknown> | undefined)?.[resource]);
    if (v !== undefined) {
      sum = Math.max(sum, v);
      any = true;
    }
  }
  return any ? sum : undefined;
}

function computeKey(name: string): ['requests' | 'limits', string] {
  if (name.startsWith('limits.')) return ['limits', name.slice(7)];
  if (name.startsWith('requests.')) return ['requests', name.slice(9)];
  return ['requests', name];
}

/** What one object adds to each tracked resource name. */
export function usageOf(group: string, plural: string, obj: KObject, names: string[]): Usage {
  const u: Usage = {};
  for (const n of names) {
    const target = countTarget(n);
    if (target && target[0] === group && target[1] === plural) {
      if (plural === 'pods' && isTerminalPod(obj as Pod)) continue;
      u[n] = 1;
    } else if (group === '' && plural === 'services' && (n === 'services.nodeports' || n === 'services.loadbalancers')) {
      const s = (obj as Service).spec;
      if (n === 'services.loadbalancers' && s?.type === 'LoadBalancer') u[n] = 1;
      if (n === 'services.nodeports' && (s?.type === 'NodePort' || s?.type === 'LoadBalancer')) u[n] = (s.ports ?? []).length;
    } else if (group === '' && plural === 'pods' && COMPUTE.has(n) && !isTerminalPod(obj as Pod)) {
      const [kind, res] = computeKey(n);
      u[n] = podCompute((obj as Pod).spec, kind, res) ?? 0;
    }
  }
  return u;
}

/** Compute resources a pod must declare for a quota that limits them (`must specify …`). */
export function missingCompute(pod: Pod, names: string[]): string[] {
  const out: string[] = [];
  for (const n of [...names].sort()) {
    if (!COMPUTE.has(n)) continue;
    const [kind, res] = computeKey(n);
    const missing = (pod.spec?.containers ?? []).filter((c) => (c.resources?.[kind] as Record<string, unknown> | undefined)?.[res] === undefined).map((c) => c.name);
    if (missing.length > 0) out.push(`${n} for: ${missing.join(',')}`);
  }
  return out;
}

/** Current usage in a namespace, read from the store. */
export function namespaceUsage(ctx: StrategyContext, namespace: string, names: string[]): Usage {
  const used: Usage = {};
  for (const n of names) used[n] = 0;
  const targets = new Map<string, [string, string]>();
  for (const n of names) {
    const t = countTarget(n);
    if (t) targets.set(`${t[0]}/${t[1]}`, t);
  }
  if (names.some((n) => COMPUTE.has(n))) targets.set('/pods', ['', 'pods']);
  if (names.some((n) => n.startsWith('services.'))) targets.set('/services', ['', 'services']);
  for (const [group, plural] of targets.values()) {
    for (const o of ctx.list(plural, group, namespace)) {
      const u = usageOf(group, plural, o, names);
      for (const [k, v] of Object.entries(u)) used[k] = (used[k] ?? 0) + v;
    }
  }
  return used;
}
