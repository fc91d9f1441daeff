/**
 * keda-operator: while one of its pods runs (Running and Ready) in
 * kube-system, it watches ScaledObjects and, for each, checks the target,
 * builds its scalers, keeps the owned HPA `keda-hpa-<name>` in step, and runs
 * the scale loop every pollingInterval: activation 0 → 1 when any trigger is
 * active, back to 0 once no trigger has been active for cooldownPeriod;
 * between 1 and max the HPA scales on the external metrics (metrics-adapter.ts).
 * It writes status conditions and events as KEDA does, acting as its own
 * service account, and keeps each loop's inputs for `why scaledobject/<name>`.
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Cluster } from '../../cluster.js';
import type { Client } from '../../api/client.js';
import type { KObject, UserInfo } from '../../api/types.js';
import type { Worker } from '../../runtime/controller.js';
import type { TimerId } from '../../clock.js';
import { EventRecorder } from '../../runtime/events.js';
import { clone, deepEqual } from '../../api/paths.js';
import { buildScaler, hpaMetric, type Scaler, type Trigger } from './scalers.js';
import { kubeSystemAppReady, SO_LABEL } from './metrics-adapter.js';
import type { KedaDecision } from './decision.js';

export const KEDA_OPERATOR: UserInfo = { username: 'system:serviceaccount:kube-system:keda-operator', groups: ['system:masters', 'system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
export const DEFAULTS = { pollingInterval: 30, cooldownPeriod: 300, initialCooldownPeriod: 0, minReplicaCount: 0, maxReplicaCount: 100 };
const SO = 'scaledobjects.keda.sh';
const HPA = 'horizontalpodautoscalers.autoscaling';
const READY_MESSAGE = 'ScaledObject is defined correctly and is ready for scaling';

interface Cond {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export interface ScaledObject extends KObject {
  spec?: {
    scaleTargetRef?: { name?: string; kind?: string; apiVersion?: string };
    pollingInterval?: number;
    cooldownPeriod?: number;
    initialCooldownPeriod?: number;
    minReplicaCount?: number;
    maxReplicaCount?: number;
    idleReplicaCount?: number;
    advanced?: { horizontalPodAutoscalerConfig?: { name?: string; behavior?: NonNullable<HorizontalPodAutoscaler['spec']>['behavior'] } };
    fallback?: { failureThreshold: number; replicas: number };
    triggers?: Trigger[];
  };
  status?: Record<string, unknown> & { conditions?: Cond[]; lastActiveTime?: string };
}

interface LoopState {
  generation: number;
  ready: boolean;
  timer?: TimerId;
  gr?: string;
  kind?: string;
  scalers: Scaler[];
  /** The last reconcile failure (events are not repeated for the same one on every retry). */
  failure?: string;
}

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function hpaNameOf(so: ScaledObject): string {
  return so.spec?.advanced?.horizontalPodAutoscalerConfig?.name || `keda-hpa-${so.metadata?.name}`;
}

export class KedaOperator implements Worker {
  readonly name = 'keda-operator';
  private readonly client: Client;
  private readonly events: EventRecorder;
  private readonly dirty = new Set<string>();
  private readonly due = new Set<string>();
  private readonly loops = new Map<string, LoopState>();
  readonly decisions = new Map<string, KedaDecision>();
  private cancelWatch: (() => void) | undefined;
  private registryChanged = true;
  private wasAvailable = false;
  private checkDue = false;

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client(KEDA_OPERATOR);
    this.events = new EventRecorder(this.client, cluster.clock, 'keda-operator');
    cluster.registry.onChange(() => {
      this.registryChanged = true;
    });
    operators.set(cluster, this);
    this.check();
  }

  /** Every 10 s: is the operator pod up (it may have started, or been deleted)? */
  private check(): void {
    this.checkDue = true;
    this.cluster.clock.setTimeout(() => this.check(), 10_000, 'keda-operator health');
  }

  hasWork(): boolean {
    return this.registryChanged || this.checkDue || ((this.dirty.size > 0 || this.due.size > 0) && this.wasAvailable);
  }

  work(): void {
    if (this.registryChanged) {
      this.registryChanged = false;
      const served = !!this.cluster.registry.get('keda.sh', 'scaledobjects');
      if (!served && this.cancelWatch) this.stopAll();
      if (served && !this.cancelWatch) {
        const w = this.client.watch(SO, undefined, (e) => {
          if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED') this.dirty.add(`${e.object.metadata?.namespace}/${e.object.metadata?.name}`);
        });
        if (w.ok) this.cancelWatch = w.cancel;
      }
      return;
    }
    if (this.checkDue) {
      this.checkDue = false;
      const up = !!this.cancelWatch && kubeSystemAppReady(this.cluster, 'keda-operator');
      if (up && !this.wasAvailable) for (const k of this.loops.keys()) this.dirty.add(k);
      this.wasAvailable = up;
      if (!up) for (const l of this.loops.values()) l.generation = -1;
      return;
    }
    const next = [...this.dirty].sort()[0];
    if (next !== undefined) {
      this.dirty.delete(next);
      this.reconcile(next);
      return;
    }
    const poll = [...this.due].sort()[0];
    if (poll !== undefined) {
      this.due.delete(poll);
      this.poll(poll);
    }
  }

  private stopAll(): void {
    this.cancelWatch?.();
    this.cancelWatch = undefined;
    for (const l of this.loops.values()) if (l.timer !== undefined) this.cluster.clock.clearTimeout(l.timer);
    this.loops.clear();
    this.dirty.clear();
    this.due.clear();
    this.decisions.clear();
  }

  private schedule(key: string, st: LoopState, seconds: number): void {
    if (st.timer !== undefined) this.cluster.clock.clearTimeout(st.timer);
    st.timer = this.cluster.clock.setTimeout(() => {
      st.timer = undefined;
      this.due.add(key);
    }, seconds * 1000, `keda scale loop ${key}`);
  }

  private get(key: string): ScaledObject | undefined {
    const [ns, name] = key.split('/') as [string, string];
    const r = this.client.get<ScaledObject>(SO, ns, name);
    return r.ok ? r.object : undefined;
  }

  private writeStatus(so: ScaledObject, status: NonNullable<ScaledObject['status']>): ScaledObject {
    if (deepEqual(so.status ?? {}, status)) return so;
    const r = this.client.updateStatus<ScaledObject>(SO, so.metadata!.namespace, so.metadata!.name!, { ...clone(so), status });
    return r.ok ? r.object : so;
  }

  private conditions(so: ScaledObject): Cond[] {
    const have = (so.status?.conditions ?? []).map((c) => ({ ...c }));
    for (const type of ['Ready', 'Active', 'Fallback', 'Paused']) if (!have.some((c) => c.type === type)) have.push({ type, status: 'Unknown', reason: '', message: '' });
    return have;
  }

  private reconcile(key: string): void {
    let so = this.get(key);
    const prev = this.loops.get(key);
    if (!so || so.metadata?.deletionTimestamp) {
      if (prev?.timer !== undefined) this.cluster.clock.clearTimeout(prev.timer);
      this.loops.delete(key);
      this.decisions.delete(key);
      return;
    }
    const generation = so.metadata?.generation ?? 1;
    if (prev && prev.generation === generation) return;
    const [ns, name] = key.split('/') as [string, string];
    // The label the metrics adapter finds ScaledObjects by.
    if (so.metadata?.labels?.[SO_LABEL] !== name) {
      const r = this.client.patch<ScaledObject>(SO, ns, name, { metadata: { labels: { [SO_LABEL]: name } } });
      if (r.ok) so = r.object;
    }
    const st: LoopState = { generation, ready: false, scalers: [], failure: prev?.failure };
    if (prev?.timer !== undefined) this.cluster.clock.clearTimeout(prev.timer);
    this.loops.set(key, st);
    const conds = this.conditions(so);
    const set = (type: string, status: Cond['status'], reason: string, message: string) => {
      const c = conds.find((x) => x.type === type)!;
      Object.assign(c, { status, reason, message });
    };
    const status = { ...clone(so.status ?? {}) } as NonNullable<ScaledObject['status']>;
    const before = so;
    const fail = (message: string, extra?: { reason: string; message: string }) => {
      const text = message + (extra ? `: ${extra.message}` : '');
      const wasFailing = prev?.failure === text && (before.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'False' && c.message === message);
      st.failure = text;
      set('Ready', 'False', 'ScaledObjectCheckFailed', message);
      set('Active', 'Unknown', 'UnkownState', 'ScaledObject check failed');
      if (!wasFailing) {
        if (extra) this.events.event(so!, 'Warning', extra.reason, extra.message);
        this.events.event(so!, 'Warning', 'ScaledObjectCheckFailed', message);
      }
      status.conditions = conds;
      this.writeStatus(so!, status);
      this.decisions.set(key, { at: this.cluster.clock.now(), failed: text });
      // controller-runtime retries a failed reconcile; kubedojo retries each polling interval.
      st.generation = -1;
      this.schedule(key, st, so!.spec?.pollingInterval ?? DEFAULTS.pollingInterval);
    };
    const ref = so.spec?.scaleTargetRef ?? {};
    const kind = ref.kind || 'Deployment';
    const apiVersion = ref.apiVersion || 'apps/v1';
    if (!ref.name) return fail("ScaledObject doesn't have correct scaleTargetRef specification");
    const def = this.cluster.registry.forKind(apiVersion, kind);
    const gr = def ? (def.group ? `${def.plural}.${def.group}` : def.plural) : undefined;
    const scale = gr ? this.client.subresource('get', gr, ns, ref.name, 'scale') : undefined;
    if (!gr || !scale?.ok) return fail("ScaledObject doesn't have correct scaleTargetRef specification");
    const min = so.spec?.minReplicaCount ?? DEFAULTS.minReplicaCount;
    const max = so.spec?.maxReplicaCount ?? DEFAULTS.maxReplicaCount;
    if (Math.max(min, so.spec?.minReplicaCount === undefined ? 0 : 1) > max) return fail("ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification");
    const scalers: Scaler[] = [];
    const triggers = so.spec?.triggers ?? [];
    for (let i = 0; i < triggers.length; i++) {
      const s = buildScaler(triggers[i]!, i);
      if ('error' in s) return fail('Failed to ensure HPA is correctly created for ScaledObject', { reason: 'KEDAScalerFailed', message: s.error });
      scalers.push(s);
    }
    // The owned HPA.
    const hpaName = hpaNameOf(so);
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: hpaName,
        namespace: ns,
        labels: { 'app.kubernetes.io/managed-by': 'keda-operator', 'app.kubernetes.io/name': hpaName, 'app.kubernetes.io/part-of': name, 'app.kubernetes.io/version': '2.17.2', [SO_LABEL]: name },
        ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name, uid: so.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        scaleTargetRef: { apiVersion, kind, name: ref.name },
        minReplicas: Math.max(min, 1),
        maxReplicas: max,
        metrics: scalers.map((s, i) => hpaMetric(s, name, triggers[i]!)),
        ...(so.spec?.advanced?.horizontalPodAutoscalerConfig?.behavior ? { behavior: so.spec.advanced.horizontalPodAutoscalerConfig.behavior } : {}),
      },
    };
    const existing = this.client.get<HorizontalPodAutoscaler & KObject>(HPA, ns, hpaName);
    if (!existing.ok) {
      const r = this.client.create(HPA, ns, hpa);
      if (!r.ok) return fail('Failed to ensure HPA is correctly created for ScaledObject', { reason: 'KEDAScalerFailed', message: r.status.message });
    } else if (!deepEqual(existing.object.spec, hpa.spec) || !deepEqual(existing.object.metadata?.labels, hpa.metadata.labels)) {
      const upd = { ...clone(existing.object), spec: hpa.spec, metadata: { ...clone(existing.object.metadata!), labels: hpa.metadata.labels } };
      const r = this.client.update(HPA, ns, hpaName, upd);
      if (!r.ok) return fail('Failed to ensure HPA is correctly created for ScaledObject', { reason: 'KEDAScalerFailed', message: r.status.message });
    }
    const wasReady = (so.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    const targetKind = `${apiVersion}.${kind}`;
    status.scaleTargetKind = targetKind;
    status.scaleTargetGVKR = { group: def!.group, version: def!.version, kind, resource: def!.plural };
    status.originalReplicaCount ??= (scale.object as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
    const ext = scalers.filter((s) => s.type !== 'cpu' && s.type !== 'memory').map((s) => s.metricName);
    const res = scalers.filter((s) => s.type === 'cpu' || s.type === 'memory').map((s) => s.metricName);
    if (ext.length) status.externalMetricNames = ext;
    else delete status.externalMetricNames;
    if (res.length) status.resourceMetricNames = res;
    else delete status.resourceMetricNames;
    status.hpaName = hpaName;
    status.triggersTypes = [...new Set(scalers.map((s) => s.type))].join(',');
    const auths = [...new Set(triggers.map((t) => t.authenticationRef?.name).filter((n): n is string => !!n))];
    if (auths.length) status.authenticationsTypes = auths.join(',');
    else delete status.authenticationsTypes;
    set('Ready', 'True', 'ScaledObjectReady', READY_MESSAGE);
    const fb = conds.find((c) => c.type === 'Fallback')!;
    if (fb.status === 'Unknown') set('Fallback', 'False', 'NoFallbackFound', 'No fallbacks are active on this scaled object');
    status.conditions = conds;
    so = this.writeStatus(so, status);
    if (!wasReady) this.events.event(so, 'Normal', 'ScaledObjectReady', 'ScaledObject is ready for scaling');
    this.events.event(so, 'Normal', 'KEDAScalersStarted', 'Started scalers watch');
    Object.assign(st, { ready: true, gr, kind: targetKind, scalers });
    // A new scale loop polls at once, then every pollingInterval.
    this.due.add(key);
  }

  private poll(key: string): void {
    const st = this.loops.get(key);
    if (!st) return;
    if (!st.ready) {
      this.dirty.add(key);
      return;
    }
    const so = this.get(key);
    if (!so) return;
    const now = this.cluster.clock.now();
    const [ns, name] = key.split('/') as [string, string];
    const interval = so.spec?.pollingInterval ?? DEFAULTS.pollingInterval;
    this.schedule(key, st, interval);
    const ref = so.spec!.scaleTargetRef!;
    const scale = this.client.subresource('get', st.gr!, ns, ref.name!, 'scale');
    if (!scale.ok) return;
    const current = (scale.object as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
    const min = so.spec?.minReplicaCount ?? DEFAULTS.minReplicaCount;
    const max = so.spec?.maxReplicaCount ?? DEFAULTS.maxReplicaCount;
    const cooldown = so.spec?.cooldownPeriod ?? DEFAULTS.cooldownPeriod;
    const initialCooldown = so.spec?.initialCooldownPeriod ?? DEFAULTS.initialCooldownPeriod;
    const readings = st.scalers.map((s) => {
      const value = s.read(this.cluster.clock);
      return { scaler: s, value, active: value !== undefined && value > s.activation };
    });
    const active = readings.some((r) => r.active);
    const conds = this.conditions(so);
    const set = (type: string, status: Cond['status'], reason: string, message: string) => Object.assign(conds.find((x) => x.type === type)!, { status, reason, message });
    const status = { ...clone(so.status ?? {}) } as NonNullable<ScaledObject['status']>;
    const paused = ['true', ''].includes(String(so.metadata?.annotations?.['autoscaling.keda.sh/paused'] ?? 'no').toLowerCase()) ;
    const decision: KedaDecision = { at: now, nextAt: now + interval * 1000, current, min, max, cooldown, readings: readings.map((r) => ({ what: r.scaler.what, type: r.scaler.type, metric: r.scaler.metricName, value: r.value, activation: r.scaler.activation, target: r.scaler.target, metricType: r.scaler.metricType, active: r.active })), active, action: 'none', hpa: hpaNameOf(so) };
    const target = `${st.kind} ${ns}/${ref.name}`;
    const scaleTo = (n: number) => this.client.subresource('patch', st.gr!, ns, ref.name!, 'scale', { spec: { replicas: n } });
    const lastActive = status.lastActiveTime ? Date.parse(status.lastActiveTime) : undefined;
    if (paused) {
      set('Paused', 'True', 'ScaledObjectPaused', 'ScaledObject is paused');
      decision.action = 'paused';
    } else if (active) {
      if (current === 0) {
        const to = Math.max(min, 1);
        if (scaleTo(to).ok) {
          this.events.event(so, 'Normal', 'KEDAScaleTargetActivated', `Scaled ${target} from 0 to ${to}, triggered by ${readings.filter((r) => r.active).map((r) => r.scaler.type).join(';')}`);
          decision.action = 'activated';
          decision.to = to;
        }
      }
      status.lastActiveTime = iso(now);
      set('Active', 'True', 'ScalerActive', 'Scaling is performed because triggers are active');
    } else if (current > 0 && min === 0) {
      const created = Date.parse(so.metadata?.creationTimestamp ?? iso(now));
      const expired = lastActive === undefined ? created + initialCooldown * 1000 < now : lastActive + cooldown * 1000 < now;
      if (expired) {
        if (scaleTo(0).ok) {
          this.events.event(so, 'Normal', 'KEDAScaleTargetDeactivated', `Deactivated ${target} from ${current} to 0`);
          set('Active', 'False', 'ScalerNotActive', 'Scaling is not performed because triggers are not active');
          decision.action = 'deactivated';
          decision.to = 0;
        }
      } else {
        set('Active', 'False', 'ScalerCooldown', 'Scaler cooling down because triggers are not active');
        decision.action = 'cooldown';
        decision.cooldownEndsAt = (lastActive ?? created) + cooldown * 1000;
      }
    } else {
      if (current < min && scaleTo(min).ok) {
        decision.action = 'raised';
        decision.to = min;
      }
      const a = conds.find((c) => c.type === 'Active')!;
      if (a.status !== 'False' || a.reason === 'ScalerCooldown' || a.reason === 'UnkownState' || a.reason === '') set('Active', 'False', 'ScalerNotActive', 'Scaling is not performed because triggers are not active');
    }
    if (!paused) {
      const p = conds.find((c) => c.type === 'Paused')!;
      if (p.status === 'True') set('Paused', 'False', 'ScaledObjectUnpaused', 'pause annotation removed for ScaledObject');
    }
    status.conditions = conds;
    this.writeStatus(so, status);
    decision.lastActiveAt = status.lastActiveTime ? Date.parse(status.lastActiveTime) : undefined;
    this.decisions.set(key, decision);
    void name;
  }
}

const operators = new WeakMap<Cluster, KedaOperator>();

/** The latest scale-loop decision for a ScaledObject (`why scaledobject/<name>`). */
export function kedaDecision(cluster: Cluster, namespace: string, name: string): KedaDecision | undefined {
  return operators.get(cluster)?.decisions.get(`${namespace}/${name}`);
}
