/**
 * KEDA's scalers, as far as kubedojo's triggers go: each trigger of a
 * ScaledObject becomes a metric named as KEDA names it (`s0-azure-servicebus-orders`),
 * a target for the HPA, an activation threshold, and a way to read its value
 * now. Queue triggers read the world's simulated queues; cron reads the clock;
 * cpu/memory become Resource metrics on the HPA and never activate.
 */
import type { MetricSpec } from 'kubernetes-types/autoscaling/v2.js';
import type { Clock } from '../../clock.js';
import { queuesOf } from '../../cloud/queues.js';
import { cronActive } from './cron.js';

export interface Trigger {
  type?: string;
  name?: string;
  metricType?: string;
  metadata?: Record<string, string>;
  authenticationRef?: { name?: string; kind?: string };
}

export interface Scaler {
  index: number;
  type: string;
  /** The external metric's name (`s0-azure-servicebus-orders`); for cpu/memory, the resource. */
  metricName: string;
  metricType: 'AverageValue' | 'Value' | 'Utilization';
  target: number;
  activation: number;
  /** What it watches, for people: `queue orders`, `cron 0 8 * * * – 0 18 * * * (Europe/London)`. */
  what: string;
  /** The metric's value now (messages, desired replicas); undefined for cpu/memory (the HPA measures those). */
  read(clock: Clock): number | undefined;
}

/** KEDA's metric-name normalisation: characters Kubernetes names can't hold become `-`. */
function normalize(s: string): string {
  return s.replace(/[/.:%()"' ]/g, '-');
}

const num = (v: string | undefined, dflt: number): number | undefined => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

function metricTypeOf(t: Trigger, dflt: Scaler['metricType']): Scaler['metricType'] | { error: string } {
  const m = t.metricType ?? dflt;
  if (m !== 'AverageValue' && m !== 'Value' && m !== 'Utilization') return { error: `metricType must be one of AverageValue, Value or Utilization, got "${m}"` };
  return m;
}

export function buildScaler(t: Trigger, index: number): Scaler | { error: string } {
  const md = t.metadata ?? {};
  const type = t.type ?? '';
  const missing = (scaler: string, key: string) => ({ error: `error parsing ${scaler} metadata: missing required parameter "${key}" in [triggerMetadata]` });
  const bad = (scaler: string, key: string, v: string) => ({ error: `error parsing ${scaler} metadata: unable to set param "${key}" value "${v}": not a number` });
  switch (type) {
    case 'azure-servicebus':
    case 'azure-queue': {
      const sb = type === 'azure-servicebus';
      const label = sb ? 'azure service bus' : 'azure queue';
      const queue = md.queueName;
      if (!queue) return missing(label, 'queueName');
      const targetKey = sb ? 'messageCount' : 'queueLength';
      const actKey = sb ? 'activationMessageCount' : 'activationQueueLength';
      const target = num(md[targetKey] ?? (sb ? md.queueLength : undefined), 5);
      if (target === undefined) return bad(label, targetKey, md[targetKey]!);
      const activation = num(md[actKey], 0);
      if (activation === undefined) return bad(label, actKey, md[actKey]!);
      const mt = metricTypeOf(t, 'AverageValue');
      if (typeof mt !== 'string') return mt;
      return {
        index,
        type,
        metricName: `s${index}-${normalize(`${type}-${queue}`)}`,
        metricType: mt,
        target,
        activation,
        what: `queue ${queue}`,
        read: (clock) => queuesOf(clock).lengthOf(queue) ?? 0,
      };
    }
    case 'cron': {
      for (const k of ['timezone', 'start', 'end', 'desiredReplicas']) if (!md[k]) return missing('cron', k);
      const desired = num(md.desiredReplicas, 1);
      if (desired === undefined) return bad('cron', 'desiredReplicas', md.desiredReplicas!);
      const probe = cronActive(md.start!, md.end!, md.timezone!, 0);
      if ('error' in probe) return { error: `error parsing cron metadata: ${probe.error}` };
      const squash = (s: string) => s.replace(/ /g, '').replace(/\*/g, 'x').replace(/\//g, 'Sl').replace(/\?/g, 'Qm');
      return {
        index,
        type,
        metricName: `s${index}-${normalize(`cron-${md.timezone}-${squash(md.start!)}-${squash(md.end!)}`)}`,
        metricType: 'AverageValue',
        target: 1,
        activation: 0,
        what: `cron ${md.start} → ${md.end} (${md.timezone}), ${desired} replicas`,
        read: (clock) => {
          const r = cronActive(md.start!, md.end!, md.timezone!, clock.now());
          return 'error' in r ? 0 : r.active ? desired : 0;
        },
      };
    }
    case 'cpu':
    case 'memory': {
      const mt = metricTypeOf(t, 'Utilization');
      if (typeof mt !== 'string') return mt;
      if (mt === 'Value') return { error: `error parsing ${type} metadata: metricType Value is not supported for ${type} triggers` };
      if (!md.value) return missing(type, 'value');
      const v = mt === 'Utilization' ? num(md.value, 0) : 0;
      if (v === undefined) return bad(type, 'value', md.value);
      return { index, type, metricName: type, metricType: mt, target: mt === 'Utilization' ? v : 0, activation: 0, what: `${type} ${mt === 'Utilization' ? `${md.value}% of request` : md.value} per pod`, read: () => undefined };
    }
    default:
      return { error: `no scaler found for type: ${type}` };
  }
}

/** The HPA metric KEDA writes for a scaler. */
export function hpaMetric(s: Scaler, so: string, trigger: Trigger): MetricSpec {
  if (s.type === 'cpu' || s.type === 'memory') {
    const md = trigger.metadata ?? {};
    return {
      type: 'Resource',
      resource: { name: s.type, target: s.metricType === 'Utilization' ? { type: 'Utilization', averageUtilization: s.target } : { type: 'AverageValue', averageValue: md.value } },
    };
  }
  const q = String(s.target);
  return {
    type: 'External',
    external: {
      metric: { name: s.metricName, selector: { matchLabels: { 'scaledobject.keda.sh/name': so } } },
      target: s.metricType === 'Value' ? { type: 'Value', value: q } : { type: 'AverageValue', averageValue: q },
    },
  };
}
