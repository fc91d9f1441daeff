/**
 * What the HPA controller saw and decided on its latest sync of an HPA,
 * recorded from its own inputs and told back by `why hpa/<name>`.
 */
export interface HpaMetricRecord {
  /** `cpu 87% of request`, `external metric s0-azure-servicebus-orders`. */
  what: string;
  /** How the proposal was computed, in numbers. */
  arithmetic: string;
  replicas?: number;
  error?: string;
}

export interface HpaDecision {
  at: number;
  nextAt: number;
  current: number;
  min: number;
  max: number;
  metrics: HpaMetricRecord[];
  /** The largest proposal, before behavior. */
  proposal?: number;
  stabilized?: number;
  stabilizationWindow?: number;
  upLimit?: number;
  downLimit?: number;
  desired?: number;
  limitedBy?: string;
  /** Why nothing was computed (target at zero, no metrics, scale failed). */
  stopped?: string;
}

const secs = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;

export function explainHpa(name: string, d: HpaDecision, now: number): string {
  const lines = [`HPA ${name}, last sync ${secs(now - d.at)} ago: ${d.current} replica${d.current === 1 ? '' : 's'}, min ${d.min}, max ${d.max}.`];
  for (const m of d.metrics) lines.push(m.error ? `  ${m.what}: no value (${m.error})` : `  ${m.what}: ${m.arithmetic}`);
  if (d.stopped) lines.push(d.stopped);
  else if (d.proposal !== undefined) {
    const steps: string[] = [`largest proposal ${d.proposal}`];
    if (d.stabilized !== undefined && d.stabilized !== d.proposal) steps.push(`stabilization window (${d.stabilizationWindow} s) holds ${d.stabilized}`);
    if (d.upLimit !== undefined && (d.stabilized ?? d.proposal) > d.current) steps.push(`scale-up policy allows up to ${d.upLimit}`);
    if (d.downLimit !== undefined && (d.stabilized ?? d.proposal) < d.current) steps.push(`scale-down policy allows down to ${d.downLimit}`);
    if (d.limitedBy) steps.push(d.limitedBy);
    steps.push(d.desired === d.current ? `stays at ${d.desired}` : `scaled ${d.current} → ${d.desired}`);
    lines.push(`  → ${steps.join('; ')}.`);
  }
  lines.push(`Next check in ${secs(d.nextAt - now)} (every 15 s).`);
  return lines.join('\n');
}
