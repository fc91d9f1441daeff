/**
 * NodeAffinity: spec.nodeSelector and required node affinity filter nodes;
 * preferred terms add their weights to a node's score (normalized to 0..100).
 */
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import type { Plugin } from '../types.js';
import { MAX_NODE_SCORE, defaultNormalizeScore, unresolvable } from '../types.js';
import type { NodeInfo } from '../node-info.js';

export const name = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const REJECT = unresolvable(ERR_REASON_POD);

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || (r.values ?? []).length !== 1) return false;
      const a = Number.parseInt(value, 10);
      const b = Number.parseInt(r.values![0]!, 10);
      if (!Number.isFinite(a) || !Number.isFinite(b) || String(a) !== value.trim()) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** One term: all its expressions and fields hold; an empty term matches nothing. */
export function termMatches(t: NodeSelectorTerm, labels: Record<string, string>, nodeName: string): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const e of exprs) if (!requirementMatches(e, labels[e.key])) return false;
  for (const f of fields) if (!requirementMatches(f, f.key === 'metadata.name' ? nodeName : undefined)) return false;
  return true;
}

export function nodeSelectorMatches(sel: NodeSelector, labels: Record<string, string>, nodeName: string): boolean {
  return sel.nodeSelectorTerms.some((t) => termMatches(t, labels, nodeName));
}

/** nodeSelector and required node affinity, as GetRequiredNodeAffinity(pod).Match(node). */
export function requiredMatches(pod: Pod, node: NodeInfo): boolean {
  const ns = pod.spec?.nodeSelector;
  if (ns) for (const k in ns) if (node.labels[k] !== ns[k]) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !req || nodeSelectorMatches(req, node.labels, node.name);
}

export const nodeAffinity: Plugin = {
  name,
  preFilter(_s, pod) {
    const spec = pod.pod.spec;
    const hasSel = spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    return hasSel || spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ? null : 'skip';
  },
  filter(_s, pod, node) {
    return requiredMatches(pod.pod, node) ? null : REJECT;
  },
  preScore(_s, pod) {
    return (pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ? null : 'skip';
  },
  score(_s, pod, node) {
    let total = 0;
    for (const p of pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (p.weight !== 0 && termMatches(p.preference, node.labels, node.name)) total += p.weight;
    }
    return total;
  },
  normalizeScore(_s, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
