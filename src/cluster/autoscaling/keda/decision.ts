/**
 * What KEDA's scale loop saw and did on its latest poll of a ScaledObject,
 * recorded by the operator from its own inputs and told back by
 * `why scaledobject/<name>`.
 */
export interface KedaDecision {
  at: number;
  /** The reconcile failed: the condition message (and the scaler's error). */
  failed?: string;
  nextAt?: number;
  current?: number;
  min?: number;
  max?: number;
  cooldown?: number;
  readings?: { what: string; type: string; metric: string; value: number | undefined; activation: number; target: number; metricType: string; active: boolean }[];
  active?: boolean;
  action?: 'none' | 'activated' | 'deactivated' | 'cooldown' | 'raised' | 'paused';
  to?: number;
  cooldownEndsAt?: number;
  lastActiveAt?: number;
  hpa?: string;
}

const secs = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;

/** The decision in words: one line per trigger, then what the loop did and what comes next. */
export function explainKeda(name: string, d: KedaDecision, now: number): string {
  const ago = `${secs(now - d.at)} ago`;
  if (d.failed) return `ScaledObject ${name}: not scaling. The operator's last check (${ago}) failed: ${d.failed}.`;
  const lines = [`ScaledObject ${name}, last poll ${ago} (target at ${d.current} replica${d.current === 1 ? '' : 's'}, min ${d.min}, max ${d.max}):`];
  for (const r of d.readings ?? []) {
    if (r.value === undefined) {
      lines.push(`  ${r.type} (${r.what}): measured by the HPA from pod metrics; it never activates a target at zero.`);
      continue;
    }
    const unit = r.type === 'cron' ? 'desired replicas' : 'messages';
    const state = r.active ? 'active' : 'not active';
    let hpa = '';
    if (r.metricType === 'AverageValue' && r.target > 0) {
      const want = Math.ceil(r.value / r.target);
      hpa = `; HPA target ${r.target}/pod → ${want} desired${want > (d.max ?? Infinity) ? `, max ${d.max}` : want < Math.max(d.min ?? 0, 1) ? `, min ${Math.max(d.min ?? 0, 1)}` : ''}`;
    } else if (r.metricType === 'Value') hpa = `; HPA target ${r.target} in total`;
    lines.push(`  ${r.what}: ${r.value} ${unit}, activation ${r.activation} → ${state}${hpa} (metric ${r.metric})`);
  }
  switch (d.action) {
    case 'activated':
      lines.push(`A trigger is active and the target was at 0: KEDA scaled it to ${d.to}; from there the HPA ${d.hpa} scales it on the metrics.`);
      break;
    case 'deactivated':
      lines.push(`No trigger active for the whole cooldownPeriod (${d.cooldown} s): KEDA scaled the target to 0.`);
      break;
    case 'cooldown':
      lines.push(`No trigger is active: cooling down, the target goes to 0 after cooldownPeriod ${d.cooldown} s, in ${secs((d.cooldownEndsAt ?? now) - now)} unless a trigger activates.`);
      break;
    case 'raised':
      lines.push(`The target was below minReplicaCount: KEDA set it to ${d.to}.`);
      break;
    case 'paused':
      lines.push('The ScaledObject is paused (autoscaling.keda.sh/paused): KEDA changes nothing.');
      break;
    default:
      lines.push(d.active ? `A trigger is active and the target is running: the HPA ${d.hpa} decides between ${Math.max(d.min ?? 0, 1)} and ${d.max}.` : d.current === 0 ? 'No trigger is active and the target is at 0: nothing to do.' : `No trigger is active; minReplicaCount ${d.min} keeps the target up and the HPA ${d.hpa} decides above it.`);
  }
  if (d.nextAt !== undefined) lines.push(`Next poll in ${secs(d.nextAt - now)} (pollingInterval).`);
  return lines.join('\n');
}
