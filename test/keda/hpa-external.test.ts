import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { decimalQuantity, goSelector } from '../../src/cluster/autoscaling/hpa-external.js';
import { cpuSampleReady } from '../../src/cluster/autoscaling/hpa-controller.js';
import { buildScaler } from '../../src/cluster/autoscaling/keda/scalers.js';
import { cronActive } from '../../src/cluster/autoscaling/keda/cron.js';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pod = (start: number, ready: 'True' | 'False', changed: number): Pod => ({ status: { startTime: iso(start), conditions: [{ type: 'Ready', status: ready, lastTransitionTime: iso(changed) }] } });

describe('HPA external metrics and CPU samples', () => {
  it('prints quantities and selectors as upstream does', () => {
    expect(decimalQuantity(500_000)).toBe('500');
    expect(decimalQuantity(500_000 / 3)).toBe('166667m');
    expect(decimalQuantity(2_000_000)).toBe('2k');
    expect(decimalQuantity(0)).toBe('0');
    expect(goSelector({ matchLabels: { 'scaledobject.keda.sh/name': 'orders' } })).toBe('&LabelSelector{MatchLabels:map[string]string{scaledobject.keda.sh/name: orders,},MatchExpressions:[]LabelSelectorRequirement{},}');
  });

  it('sets CPU samples aside during the 5-minute initialization period and the 30 s readiness delay', () => {
    // 1 min after start, Ready 10 s after start: a sample taken 15 s after readiness counts, one taken 5 s after does not
    const p = pod(T0, 'True', T0 + 10_000);
    expect(cpuSampleReady(p, T0 + 25_000, T0 + 60_000)).toBe(true);
    expect(cpuSampleReady(p, T0 + 15_000, T0 + 60_000)).toBe(false);
    expect(cpuSampleReady(pod(T0, 'False', T0 + 10_000), T0 + 60_000, T0 + 60_000)).toBe(false);
    // after 5 minutes: a pod that is not ready now but was ready once counts; one never ready (last change within 30 s of start) does not
    expect(cpuSampleReady(pod(T0, 'False', T0 + 200_000), T0 + 400_000, T0 + 400_000)).toBe(true);
    expect(cpuSampleReady(pod(T0, 'False', T0 + 20_000), T0 + 400_000, T0 + 400_000)).toBe(false);
    expect(cpuSampleReady({ status: {} }, T0, T0)).toBe(false);
  });
});

describe('KEDA scalers', () => {
  it('names metrics and applies defaults as KEDA does', () => {
    const sb = buildScaler({ type: 'azure-servicebus', metadata: { queueName: 'orders' } }, 0);
    expect(sb).toMatchObject({ metricName: 's0-azure-servicebus-orders', target: 5, activation: 0, metricType: 'AverageValue' });
    expect(buildScaler({ type: 'azure-queue', metadata: { queueName: 'jobs', queueLength: '10', activationQueueLength: '2' } }, 1)).toMatchObject({ metricName: 's1-azure-queue-jobs', target: 10, activation: 2 });
    expect(buildScaler({ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }, 0)).toMatchObject({ metricName: 'cpu', target: 60 });
    expect(buildScaler({ type: 'azure-servicebus', metadata: { queueName: 'orders', messageCount: 'lots' } }, 0)).toEqual({ error: 'error parsing azure service bus metadata: unable to set param "messageCount" value "lots": not a number' });
    expect(buildScaler({ type: 'kafka-ish', metadata: {} }, 0)).toEqual({ error: 'no scaler found for type: kafka-ish' });
  });

  it('opens a cron window from start until the next end, in its time zone', () => {
    const at = (h: number, m: number) => Date.UTC(2026, 0, 15, h, m, 0);
    const w = (t: number) => cronActive('0 8 * * *', '0 18 * * *', 'Europe/Berlin', t);
    // Berlin is UTC+1 in January: 08:00-18:00 local is 07:00-17:00 UTC
    expect(w(at(6, 59))).toMatchObject({ active: false });
    expect(w(at(7, 0))).toMatchObject({ active: true });
    expect(w(at(16, 59))).toMatchObject({ active: true });
    expect(w(at(17, 0))).toMatchObject({ active: false });
    expect(cronActive('0 8 * *', '0 18 * * *', 'Etc/UTC', T0)).toEqual({ error: 'error parsing start schedule: expected exactly 5 fields, found 4: [0 8 * *]' });
    expect(cronActive('0 8 * * *', '0 18 * * *', 'Mars/Olympus', T0)).toMatchObject({ error: expect.stringMatching(/unknown time zone Mars\/Olympus/) });
  });
});
