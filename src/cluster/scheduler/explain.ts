/**
 * "Why is my pod Pending?": the scheduler keeps, for the most recent pods, its
 * last cycle's facts — which node failed which filter and why, and how the
 * best nodes scored per plugin — and formats them for `kubedojo why`, the UI
 * and lessons. Bounded: recent pods only, and for a scheduled pod a sample of
 * the rejected nodes.
 */
import type { Code } from './types.js';
import type { NodeScore } from './framework.js';

export interface NodeRejection {
  node: string;
  plugin: string;
  code: Code;
  reasons: readonly string[];
}

export interface CycleRecord {
  /** namespace/name */
  pod: string;
  uid: string;
  /** Simulated time of the cycle (ms). */
  time: number;
  attempt: number;
  outcome: 'Scheduled' | 'Unschedulable' | 'BindingRejected' | 'Gated' | 'NoNodes';
  node?: string;
  /** The FailedScheduling message, when it failed. */
  message?: string;
  numAllNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Nodes that failed a filter, in the order they were checked. */
  rejected: NodeRejection[];
  /** How many rejections were left out (scheduled pods keep a sample). */
  rejectedOmitted: number;
  /** Plugins whose PreFilter/PreScore said there was nothing to check for this pod. */
  skippedFilters: string[];
  skippedScores: string[];
  /** The best nodes by total score, winner first. */
  scores: NodeScore[];
  preemption?: { message?: string; nominatedNode?: string; victims?: string[] };
}

const MAX_RECORDS = 512;
const SCHEDULED_REJECTION_SAMPLE = 50;

export class Explanations {
  private readonly records = new Map<string, CycleRecord>();

  put(r: CycleRecord): void {
    if (r.outcome === 'Scheduled' && r.rejected.length > SCHEDULED_REJECTION_SAMPLE) {
      r.rejectedOmitted = r.rejected.length - SCHEDULED_REJECTION_SAMPLE;
      r.rejected = r.rejected.slice(0, SCHEDULED_REJECTION_SAMPLE);
    }
    this.records.delete(r.pod);
    this.records.set(r.pod, r);
    if (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value!);
  }

  get(key: string): CycleRecord | undefined {
    return this.records.get(key);
  }

  forget(key: string): void {
    this.records.delete(key);
  }
}

function fmtScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The record as text, for people. */
export function formatRecord(r: CycleRecord, ago: string): string {
  const lines: string[] = [];
  const [ns, name] = r.pod.split('/') as [string, string];
  lines.push(`Pod ${name} (namespace ${ns}), scheduling attempt ${r.attempt}, ${ago} ago:`);
  switch (r.outcome) {
    case 'Scheduled':
      lines.push(`  Scheduled to ${r.node}: ${r.feasibleNodes} of ${r.numAllNodes} nodes fit (${r.evaluatedNodes} checked).`);
      break;
    case 'Unschedulable':
      lines.push(`  Unschedulable: ${r.message}`);
      break;
    case 'BindingRejected':
      lines.push(`  Chose ${r.node}, but the binding was rejected: ${r.message}`);
      break;
    case 'NoNodes':
      lines.push(`  Unschedulable: ${r.message}`);
      break;
    case 'Gated':
      lines.push(`  Waiting for its scheduling gates to be removed; the scheduler does not try it.`);
      break;
  }
  if (r.preemption) {
    if (r.preemption.nominatedNode) lines.push(`  Preemption: nominated ${r.preemption.nominatedNode}, evicting ${r.preemption.victims?.join(', ') || 'nothing'}.`);
    else if (r.preemption.message && !r.message?.includes(r.preemption.message)) lines.push(`  ${r.preemption.message}`);
  }
  if (r.rejected.length > 0) {
    lines.push('', 'Filters (first failing plugin per node):');
    const w = Math.max(4, ...r.rejected.map((x) => x.node.length));
    const pw = Math.max(6, ...r.rejected.map((x) => x.plugin.length));
    lines.push(`  ${'NODE'.padEnd(w)}  ${'PLUGIN'.padEnd(pw)}  REASON`);
    for (const x of r.rejected) lines.push(`  ${x.node.padEnd(w)}  ${x.plugin.padEnd(pw)}  ${x.reasons.join('; ')}`);
    if (r.rejectedOmitted > 0) lines.push(`  … and ${r.rejectedOmitted} more nodes`);
  }
  if (r.skippedFilters.length > 0) lines.push(`  Skipped (nothing to check for this pod): ${r.skippedFilters.join(', ')}`);
  if (r.scores.length > 0) {
    lines.push('', `Scores (weighted, best ${r.scores.length} of ${r.feasibleNodes} feasible nodes):`);
    const plugins = r.scores[0]!.plugins.map((p) => p.plugin);
    const w = Math.max(4, ...r.scores.map((s) => s.node.length));
    lines.push(`  ${'NODE'.padEnd(w)}  ${'TOTAL'.padStart(6)}  ${plugins.map((p) => `${p}(x${r.scores[0]!.plugins.find((q) => q.plugin === p)!.weight})`).join('  ')}`);
    for (const s of r.scores) {
      const cells = s.plugins.map((p) => `${fmtScore(p.score * p.weight)}`.padStart(`${p.plugin}(x${p.weight})`.length));
      lines.push(`  ${s.node.padEnd(w)}  ${fmtScore(s.total).padStart(6)}  ${cells.join('  ')}${s.node === r.node ? '  <- chosen' : ''}`);
    }
    if (r.skippedScores.length > 0) lines.push(`  Not scoring for this pod: ${r.skippedScores.join(', ')}`);
  } else if (r.outcome === 'Scheduled' && r.feasibleNodes === 1) {
    lines.push('', 'Only one node fit, so no scoring was needed.');
  }
  return lines.join('\n');
}
