/**
 * The HPA's External metrics (autoscaling/v2 `type: External`), read through
 * external.metrics.k8s.io (served here by KEDA's metrics adapter) and turned
 * into a replica proposal as upstream's replica calculator does:
 * AverageValue: ceil(total / target) unless within tolerance of current;
 * Value: ceil(value / target × ready pods).
 */
import type { ExternalMetricSource, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Cluster } from '../cluster.js';
import { parseQuantity } from '../api/quantity.js';
import { externalMetric } from './keda/metrics-adapter.js';
import { TOLERANCE } from './hpa-replicas.js';

/** A selector as Go's %+v prints a *LabelSelector (upstream puts it in reasons and messages). */
export function goSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`).join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** A milli-value as resource.Quantity prints it in DecimalSI (500 → "500", 166666.667 → "166667m", 2000 → "2k"). */
export function decimalQuantity(milli: number): string {
  let m = Math.ceil(milli);
  if (m % 1000 !== 0) return `${m}m`;
  m /= 1000;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (m !== 0 && m % 1000 === 0 && i < suffixes.length - 1) {
    m /= 1000;
    i++;
  }
  return `${m}${suffixes[i]}`;
}

export type ExternalProposal =
  | { replicas: number; reason: string; current: MetricStatus; usage: number; target: number; averageTarget: boolean }
  | { error: { reason: string; message: string } };

export function proposeExternal(cluster: Cluster, namespace: string, e: ExternalMetricSource, current: number, readyPods: number): ExternalProposal {
  const name = e.metric.name;
  const sel = goSelector(e.metric.selector);
  const r = externalMetric(cluster, namespace, name, e.metric.selector?.matchLabels);
  if (!r.ok) return { error: { reason: 'FailedGetExternalMetric', message: `unable to get external metric ${namespace}/${name}/${sel}: unable to fetch metrics from external metrics API: ${r.status.message}` } };
  const reason = `external metric ${name}(${sel})`;
  const metric = { name, ...(e.metric.selector ? { selector: e.metric.selector } : {}) };
  const usage = r.value;
  if (e.target.type === 'AverageValue') {
    const target = parseQuantity(e.target.averageValue) ?? 0;
    if (target <= 0) return { error: { reason: 'FailedGetExternalMetric', message: `invalid external metric target ${String(e.target.averageValue)}` } };
    const ratio = usage / (target * current);
    const replicas = Math.abs(1 - ratio) > TOLERANCE ? Math.ceil(usage / target) : current;
    return { replicas, reason, usage, target, averageTarget: true, current: { type: 'External', external: { metric, current: { averageValue: decimalQuantity((usage * 1000) / current) } } } };
  }
  const target = parseQuantity(e.target.value) ?? 0;
  if (target <= 0) return { error: { reason: 'FailedGetExternalMetric', message: `invalid external metric target ${String(e.target.value)}` } };
  const ratio = usage / target;
  const replicas = Math.abs(1 - ratio) > TOLERANCE ? Math.ceil(ratio * readyPods) : current;
  return { replicas, reason, usage, target, averageTarget: false, current: { type: 'External', external: { metric, current: { value: decimalQuantity(usage * 1000) } } } };
}
