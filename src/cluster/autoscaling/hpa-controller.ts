/**
 * The horizontal-pod-autoscaler controller (kube-controller-manager): every
 * 15 s, for each autoscaling/v2 HPA, reads the target's /scale, the pods its
 * selector picks and their metrics from metrics-server, proposes a replica
 * count per Resource metric (the largest wins), applies behavior and the
 * min/max clamp, scales through /scale and writes status, conditions and events.
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, MetricSpec } from 'kubernetes-types/autoscaling/v2.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import { CONTROLLER_MANAGER } from '../cluster.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import type { Worker } from '../runtime/controller.js';
import { EventRecorder } from '../runtime/events.js';
import { deepEqual } from '../api/paths.js';
import { parseQuantity } from '../api/quantity.js';
import { timeOf } from '../controllers/pod-util.js';
import { metricsApi, SCRAPE_INTERVAL_MS, type MetricsServer } from './metrics-server.js';
import { HpaPodLister } from './hpa-pods.js';
import { proposeExternal } from './hpa-external.js';
import type { HpaDecision, HpaMetricRecord } from './hpa-decision.js';
import { TOLERANCE, DEFAULT_BEHAVIOR, proposeReplicas, scaleDownLimit, scaleUpLimit, stabilize, type Behavior, type PodSample, type ScaleEvent } from './hpa-replicas.js';

export const HPA_SYNC_MS = 15_000;
/** --horizontal-pod-autoscaler-cpu-initialization-period and --horizontal-pod-autoscaler-initial-readiness-delay. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

/**
 * Upstream's rule for a pod's CPU sample: within the initialization period it
 * counts only when Ready and measured a full metrics window after it became
 * Ready; after it, a not-ready pod is set aside only if it never was Ready
 * (its readiness last changed within the initial readiness delay of its start).
 */
export function cpuSampleReady(p: Pod, metricAt: number | undefined, now: number): boolean {
  const cond = p.status?.conditions?.find((c) => c.type === 'Ready');
  const start = p.status?.startTime ? timeOf(p.status.startTime) : NaN;
  if (!cond || Number.isNaN(start)) return false;
  const changed = cond.lastTransitionTime ? timeOf(cond.lastTransitionTime) : start;
  if (start + CPU_INITIALIZATION_PERIOD_MS > now) return cond.status !== 'False' && !(metricAt !== undefined && metricAt < changed + SCRAPE_INTERVAL_MS);
  return !(cond.status === 'False' && start + INITIAL_READINESS_DELAY_MS > changed);
}
type Hpa = HorizontalPodAutoscaler & KObject;
type Cond = HorizontalPodAutoscalerCondition;

const GR: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' };

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Requests every sync reads again for each pod: a handful of distinct texts, parsed once. */
const quantities = new Map<string, number>();

function quantity(q: unknown): number {
  if (typeof q !== 'string') return parseQuantity(q) ?? 0;
  let v = quantities.get(q);
  if (v === undefined) {
    if (quantities.size >= 1000) quantities.clear();
    quantities.set(q, (v = parseQuantity(q) ?? 0));
  }
  return v;
}

export class HpaController implements Worker {
  readonly name = 'horizontal-pod-autoscaler';
  private due = false;
  private readonly client: Client;
  private readonly events: EventRecorder;
  private readonly pods: HpaPodLister;
  private readonly history = new Map<string, { t: number; replicas: number }[]>();
  private readonly scaleEvents = new Map<string, ScaleEvent[]>();
  /** The latest sync's inputs and decision per HPA (`why hpa/<name>`). */
  readonly decisions = new Map<string, HpaDecision>();

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client(CONTROLLER_MANAGER);
    this.events = new EventRecorder(this.client, cluster.clock, 'horizontal-pod-autoscaler');
    this.pods = new HpaPodLister(cluster);
    controllers.set(cluster, this);
    this.tick();
  }

  private tick(): void {
    this.due = true;
    this.cluster.clock.setTimeout(() => this.tick(), HPA_SYNC_MS, 'hpa sync');
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    const hpas = this.client.items<Hpa>('horizontalpodautoscalers.autoscaling');
    hpas.sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
    for (const h of hpas) this.reconcile(h);
  }

  private reconcile(h: Hpa): void {
    const now = this.cluster.clock.now();
    const ns = h.metadata?.namespace ?? 'default';
    const key = `${ns}/${h.metadata?.name}`;
    const ref = h.spec?.scaleTargetRef;
    const gr = GR[ref?.kind ?? ''] ?? `${(ref?.kind ?? '').toLowerCase()}s`;
    // Every field the sync sets is replaced whole, so a shallow copy keeps the stored status untouched.
    const status = { ...(h.status ?? {}) } as NonNullable<Hpa['status']>;
    const conds: Cond[] = [];
    const at = iso(now);
    const setCond = (type: string, s: 'True' | 'False', reason: string, message: string) => conds.push({ type, status: s, reason, message, lastTransitionTime: at });
    const write = () => {
      const old = h.status?.conditions ?? [];
      status.conditions = conds.map((c) => {
        const prev = old.find((o) => o.type === c.type);
        return prev && prev.status === c.status ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
      });
      // As upstream's updateStatusIfNeeded: no write when the status is what is stored.
      if (!deepEqual(h.status ?? {}, status)) this.client.updateStatus('horizontalpodautoscalers.autoscaling', ns, h.metadata!.name!, { ...h, status });
    };
    const decision: HpaDecision = { at: now, nextAt: now + HPA_SYNC_MS, current: 0, min: h.spec?.minReplicas ?? 1, max: h.spec?.maxReplicas ?? 1, metrics: [] };
    this.decisions.set(key, decision);
    const scale = this.client.subresource('get', gr, ns, ref?.name ?? '', 'scale');
    if (!scale.ok) {
      const msg = `the HPA controller was unable to get the target's current scale: ${scale.status.message}`;
      this.events.event(h, 'Warning', 'FailedGetScale', scale.status.message ?? '');
      setCond('AbleToScale', 'False', 'FailedGetScale', msg);
      decision.stopped = msg;
      return write();
    }
    const sc = scale.object as { spec?: { replicas?: number }; status?: { selector?: string } };
    const current = sc.spec?.replicas ?? 0;
    const min = h.spec?.minReplicas ?? 1;
    const max = h.spec?.maxReplicas ?? 1;
    status.currentReplicas = current;
    decision.current = current;
    setCond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
    if (current === 0 && min !== 0) {
      status.desiredReplicas = 0;
      conds.push({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero', lastTransitionTime: at });
      // Upstream records no metrics while scaling is disabled (kubectl shows <unknown>).
      delete status.currentMetrics;
      decision.stopped = 'The target is at 0 replicas: scaling is disabled until something (KEDA, or kubectl scale) brings it back above 0.';
      return write();
    }
    const pods = this.pods.select(ns, sc.status?.selector ?? '').filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    const api = metricsApi(this.cluster);
    const pm = api?.available() ? api : undefined;
    let best: { replicas: number; reason: string } | undefined;
    const currentMetrics: NonNullable<Hpa['status']>['currentMetrics'] = [];
    let failure: { reason: string; message: string } | undefined;
    for (const m of h.spec?.metrics ?? []) {
      const r = this.evalMetric(m, ns, current, pods, pm);
      if ('record' in r && r.record) decision.metrics.push(r.record);
      if ('error' in r) {
        failure ??= r.error;
        if (!('record' in r && r.record)) decision.metrics.push({ what: m.type === 'External' ? `external metric ${m.external?.metric.name}` : `${m.resource?.name ?? m.type}`, arithmetic: '', error: r.error.message });
        continue;
      }
      currentMetrics.push(r.current);
      if (!best || r.replicas > best.replicas) best = { replicas: r.replicas, reason: r.reason };
    }
    if (!best) {
      const f = failure ?? { reason: 'FailedGetResourceMetric', message: 'no metrics to calculate a replica count from' };
      this.events.event(h, 'Warning', f.reason, f.message);
      setCond('ScalingActive', 'False', f.reason, `the HPA was unable to compute the replica count: ${f.message}`);
      decision.stopped = `No metric gave a value, so the HPA keeps ${current} replicas: ${f.message}`;
      status.currentMetrics = currentMetrics.length ? currentMetrics : null!;
      if (!currentMetrics.length) delete status.currentMetrics;
      return write();
    }
    setCond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${best.reason}`);
    status.currentMetrics = currentMetrics;
    // behavior: stabilization, then the rate limits, then min/max
    const b: Behavior = { scaleUp: { ...DEFAULT_BEHAVIOR.scaleUp, ...(h.spec?.behavior?.scaleUp ?? {}) }, scaleDown: { ...DEFAULT_BEHAVIOR.scaleDown, ...(h.spec?.behavior?.scaleDown ?? {}) } };
    const hist = (this.history.get(key) ?? []).filter((r) => r.t > now - Math.max(b.scaleUp.stabilizationWindowSeconds ?? 0, b.scaleDown.stabilizationWindowSeconds ?? 300) * 1000);
    const stabilized = stabilize(now, current, best.replicas, hist, b);
    hist.push({ t: now, replicas: best.replicas });
    this.history.set(key, hist);
    const events = (this.scaleEvents.get(key) ?? []).filter((e) => e.t > now - 30 * 60_000);
    const upLimit = scaleUpLimit(now, current, events, b.scaleUp);
    const downLimit = scaleDownLimit(now, current, events, b.scaleDown);
    let desired = stabilized;
    let limited: [string, string] = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
    const maxAllowed = Math.min(max, upLimit);
    const minAllowed = Math.max(min, downLimit);
    if (desired > maxAllowed) {
      limited = maxAllowed === max ? ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'] : ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'];
      desired = maxAllowed;
    } else if (desired < minAllowed) {
      limited = minAllowed === min ? ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'] : ['ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'];
      desired = minAllowed;
    }
    if (desired !== current) {
      const r = this.client.subresource('patch', gr, ns, ref!.name, 'scale', { spec: { replicas: desired } });
      if (!r.ok) {
        this.events.event(h, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${best.reason}; error: ${r.status.message}`);
        conds[0] = { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${r.status.message}`, lastTransitionTime: at };
      } else {
        const dir = desired > current ? 'above' : 'below';
        this.events.event(h, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${dir === 'below' ? 'All metrics below target' : `${best.reason} above target`}`);
        conds[0] = { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}`, lastTransitionTime: at };
        events.push({ t: now, change: desired - current });
        status.lastScaleTime = at;
        this.cluster.trace.note('hpa', `${key}: ${current} → ${desired} (${best.reason})`);
      }
    } else if (stabilized !== best.replicas && best.replicas < current) {
      conds[0] = { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation', lastTransitionTime: at };
    } else {
      conds[0] = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size', lastTransitionTime: at };
    }
    this.scaleEvents.set(key, events);
    Object.assign(decision, { proposal: best.replicas, stabilized, stabilizationWindow: stabilized > best.replicas ? (b.scaleDown.stabilizationWindowSeconds ?? 300) : (b.scaleUp.stabilizationWindowSeconds ?? 0), upLimit, downLimit, desired, limitedBy: limited[0] === 'DesiredWithinRange' ? undefined : `${limited[0]}: ${limited[1]} (${desired})` });
    setCond('ScalingLimited', limited[0] === 'DesiredWithinRange' ? 'False' : 'True', limited[0], limited[1]);
    status.desiredReplicas = desired;
    write();
  }

  private evalMetric(m: MetricSpec, ns: string, current: number, pods: Pod[], pm: MetricsServer | undefined):
    | { replicas: number; reason: string; current: NonNullable<NonNullable<Hpa['status']>['currentMetrics']>[number]; record?: HpaMetricRecord }
    | { error: { reason: string; message: string }; record?: HpaMetricRecord } {
    if (m.type === 'External' && m.external) {
      const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      const r = proposeExternal(this.cluster, ns, m.external, current, ready);
      if ('error' in r) return r;
      const arithmetic = r.averageTarget
        ? `${r.usage} in total, target ${r.target} per pod → ${r.replicas === current && Math.abs(1 - r.usage / (r.target * current)) <= 0.1 ? `within 10% of ${current} pods, stays ${current}` : `ceil(${r.usage} / ${r.target}) = ${r.replicas}`}`
        : `${r.usage}, target ${r.target} → ${r.replicas === current ? `stays ${current}` : `ceil(${r.usage}/${r.target} × ${ready} ready pods) = ${r.replicas}`}`;
      return { replicas: r.replicas, reason: r.reason, current: r.current, record: { what: `external metric ${m.external.metric.name}`, arithmetic, replicas: r.replicas } };
    }
    if (m.type !== 'Resource' || !m.resource) return { error: { reason: 'FailedGetExternalMetric', message: `unsupported metric source type "${m.type}"` } };
    const res = m.resource.name;
    const t = m.resource.target;
    const util = t.type === 'Utilization';
    const what = util ? `${res} utilization` : `${res} usage`;
    if (!pm) return { error: { reason: 'FailedGetResourceMetric', message: `failed to get ${what}: unable to get metrics for resource ${res}: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)` } };
    const toUnit = (q: unknown) => quantity(q) * (res === 'cpu' ? 1000 : 1 / (1024 * 1024));
    const samples: PodSample[] = [];
    for (const p of pods) {
      const metrics = pm.podMetric(ns, p.metadata!.name!);
      let request = 0;
      if (util) {
        for (const c of p.spec?.containers ?? []) {
          const rq = c.resources?.requests?.[res];
          if (rq === undefined) return { error: { reason: 'FailedGetResourceMetric', message: `failed to get ${what}: missing request for ${res} in container ${c.name} of Pod ${p.metadata?.name}` } };
          request += toUnit(rq);
        }
      }
      const usage = metrics ? metrics.containers.reduce((a, c) => a + (res === 'cpu' ? c.cpuMilli : c.memoryMi), 0) : undefined;
      // Only CPU sets pods aside while they start (cpu-initialization-period, initial-readiness-delay); memory counts them as they are.
      const ready = res === 'cpu' ? cpuSampleReady(p, metrics?.timestamp, this.cluster.clock.now()) : true;
      samples.push({ name: p.metadata!.name!, ready, usage, request });
    }
    if (!samples.some((s) => s.usage !== undefined)) return { error: { reason: 'FailedGetResourceMetric', message: `failed to get ${what}: unable to get metrics for resource ${res}: no metrics returned from resource metrics API` } };
    const target = util ? (t.averageUtilization ?? 0) : toUnit(t.averageValue ?? 0);
    const r = proposeReplicas(current, samples, target, util);
    const avg = res === 'cpu' ? `${Math.round(r.averageValue)}m` : `${Math.round(r.averageValue * 1024 * 1024)}`;
    const n = samples.filter((s) => s.usage !== undefined && s.ready).length;
    const measured = util ? `${r.utilization ?? 0}% of request` : avg;
    const shown = util ? `${target}%` : String(t.averageValue);
    const exact = util ? `ceil(${n} × ${r.utilization ?? 0}/${target})` : `ceil(${n} × ${avg}/${shown})`;
    const record: HpaMetricRecord = {
      what: `${res} (${util ? 'utilization' : 'average value'})`,
      arithmetic: `${n} pod${n === 1 ? '' : 's'} at ${measured}, target ${shown} → ${arithmeticOf(util ? (r.utilization ?? 0) / target : r.averageValue / target, n, exact, r.replicas, current)}`,
      replicas: r.replicas,
    };
    return {
      record,
      replicas: r.replicas,
      reason: util ? `${res} resource utilization (percentage of request)` : `${res} resource`,
      current: { type: 'Resource', resource: { name: res, current: { ...(util ? { averageUtilization: r.utilization ?? 0 } : {}), averageValue: avg } } },
    };
  }
}

/** `ceil(3 × 87/50) = 6`, or why the proposal is not the plain formula (tolerance, pods set aside). */
function arithmeticOf(ratio: number, n: number, formula: string, proposal: number, current: number): string {
  if (Math.abs(1 - ratio) <= TOLERANCE) return `ratio ${ratio.toFixed(2)} is within the ${TOLERANCE} tolerance → stays ${current}`;
  const plain = Math.ceil(ratio * n);
  if (plain === proposal) return `${formula} = ${proposal}`;
  return `${formula} = ${plain}, but pods not ready or without metrics are counted as upstream does → ${proposal}`;
}

const controllers = new WeakMap<Cluster, HpaController>();

/** The HPA controller's latest decision for an HPA (`why hpa/<name>`). */
export function hpaDecision(cluster: Cluster, namespace: string, name: string): HpaDecision | undefined {
  return controllers.get(cluster)?.decisions.get(`${namespace}/${name}`);
}
