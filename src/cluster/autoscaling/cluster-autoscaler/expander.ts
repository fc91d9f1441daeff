/**
 * Expanders: how the autoscaler picks one scale-up option among the pools
 * that could help (upstream cluster-autoscaler/expander): `random` (the
 * default), `most-pods`, `least-waste`, and `priority` from the
 * `cluster-autoscaler-priority-expander` ConfigMap. Ties fall back to random.
 */
import { parse } from 'yaml';
import type { Random } from '../../random.js';
import type { Expander } from './profile.js';

export interface Option {
  pool: string;
  group: string;
  /** Nodes to add. */
  nodes: number;
  /** Pods the new nodes would take. */
  pods: string[];
  /** What the pods request and what the new nodes offer (millicores, bytes). */
  requested: { cpu: number; memory: number };
  offered: { cpu: number; memory: number };
}

export interface Choice {
  option: Option;
  /** One line on why this option won (for `why cluster-autoscaler`). */
  reason: string;
}

export const PRIORITY_CONFIGMAP = 'cluster-autoscaler-priority-expander';

/** `priorities` of the ConfigMap: `10:\n - .*spot.*` → [[10, [regex]]], highest first; undefined when malformed. */
export function parsePriorities(text: string | undefined): { priority: number; patterns: RegExp[] }[] | undefined {
  if (!text) return undefined;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const out: { priority: number; patterns: RegExp[] }[] = [];
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    const p = Number(k);
    if (!Number.isInteger(p) || !Array.isArray(v)) return undefined;
    const patterns: RegExp[] = [];
    for (const s of v) {
      try {
        patterns.push(new RegExp(`^(?:${String(s)})$`));
      } catch {
        return undefined;
      }
    }
    out.push({ priority: p, patterns });
  }
  return out.sort((a, b) => b.priority - a.priority);
}

/** least-waste: the unused share of CPU and memory on the new nodes, summed (lower wins). */
export function wasteScore(o: Option): number {
  const cpu = o.offered.cpu > 0 ? (o.offered.cpu - o.requested.cpu) / o.offered.cpu : 0;
  const mem = o.offered.memory > 0 ? (o.offered.memory - o.requested.memory) / o.offered.memory : 0;
  return cpu + mem;
}

function pickRandom(options: Option[], rng: Random): Option {
  return options[rng.int(options.length)]!;
}

export function choose(expander: Expander, options: Option[], rng: Random, priorities?: string): Choice | undefined {
  if (options.length === 0) return undefined;
  const sorted = [...options].sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
  switch (expander) {
    case 'random': {
      const o = pickRandom(sorted, rng);
      return { option: o, reason: sorted.length > 1 ? `expander random chose ${o.pool} among ${sorted.map((x) => x.pool).join(', ')}` : `expander random chose ${o.pool} (the only option)` };
    }
    case 'most-pods': {
      const best = Math.max(...sorted.map((o) => o.pods.length));
      const top = sorted.filter((o) => o.pods.length === best);
      const o = pickRandom(top, rng);
      return { option: o, reason: `expander most-pods chose ${o.pool}: it schedules ${best} pod(s)${top.length > 1 ? ` (tied with ${top.length - 1} other option(s), broken at random)` : ''}` };
    }
    case 'least-waste': {
      const scores = sorted.map((o) => wasteScore(o));
      const best = Math.min(...scores);
      const top = sorted.filter((_, i) => Math.abs(scores[i]! - best) < 1e-9);
      const o = pickRandom(top, rng);
      const parts = sorted.map((x, i) => `${x.pool} ${scores[i]!.toFixed(3)}`).join(', ');
      return { option: o, reason: `expander least-waste chose ${o.pool}: wasted cpu+memory share ${parts}${top.length > 1 ? ' (tie broken at random)' : ''}` };
    }
    case 'priority': {
      const prios = parsePriorities(priorities);
      if (!prios) {
        const o = pickRandom(sorted, rng);
        return { option: o, reason: `expander priority found no valid ConfigMap ${PRIORITY_CONFIGMAP} in kube-system; fell back to random and chose ${o.pool}` };
      }
      for (const { priority, patterns } of prios) {
        const top = sorted.filter((o) => patterns.some((re) => re.test(o.group)));
        if (top.length === 0) continue;
        const o = pickRandom(top, rng);
        return { option: o, reason: `expander priority chose ${o.pool}: ${o.group} matches priority ${priority}${top.length > 1 ? ` (with ${top.length - 1} other option(s), broken at random)` : ''}` };
      }
      const o = pickRandom(sorted, rng);
      return { option: o, reason: `expander priority: no pool matches ${PRIORITY_CONFIGMAP}; fell back to random and chose ${o.pool}` };
    }
  }
}
