/**
 * The data plane of the simulated queues: every second, each pod running the
 * queue-consumer image that is Running and Ready takes up to its rate
 * (MESSAGES_PER_SECOND, default 10) from its queue (QUEUE_NAME). What a pod
 * took is its work: usage.ts turns it into CPU, so the HPA and KEDA's cpu
 * trigger see busy consumers. Nothing here writes to the API.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { KObject, UserInfo } from '../api/types.js';
import type { Worker } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { TimerId } from '../clock.js';
import { queuesOf } from '../cloud/queues.js';

export const CONSUMER_IMAGE = 'docker.io/kubedojo/queue-consumer';
export const CONSUMER_TICK_MS = 1000;
export const DEFAULT_MESSAGES_PER_SECOND = 10;
/** CPU (millicores) one message per second costs a consumer. */
export const CPU_PER_MESSAGE_PER_SECOND = 10;

type KPod = Pod & KObject;
const DATA_PLANE: UserInfo = { username: 'kubedojo:queue-consumers', groups: ['system:masters', 'system:authenticated'] };

/** The consumer container of a pod: its queue and rate, from literal env values. */
export function consumerOf(pod: Pod): { container: string; queue: string; rate: number } | undefined {
  for (const c of pod.spec?.containers ?? []) {
    const repo = (c.image ?? '').split('@')[0]!.replace(/:[^/:]*$/, '');
    if (repo !== CONSUMER_IMAGE && repo !== 'kubedojo/queue-consumer') continue;
    const env = new Map((c.env ?? []).map((e) => [e.name, e.value]));
    const queue = env.get('QUEUE_NAME');
    if (!queue) return undefined;
    const r = Number(env.get('MESSAGES_PER_SECOND') ?? DEFAULT_MESSAGES_PER_SECOND);
    return { container: c.name, queue, rate: Number.isFinite(r) && r >= 0 ? r : DEFAULT_MESSAGES_PER_SECOND };
  }
  return undefined;
}

const ready = (p: Pod) => !p.metadata?.deletionTimestamp && p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export class QueueConsumers implements Worker {
  readonly name = 'queue-consumers';
  private due = false;
  private timer: TimerId | undefined;
  private pods: Informer<KPod> | undefined;
  private last: number;
  /** Messages per second each pod worked at in the last tick, by `namespace/pod`. */
  readonly working = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {
    consumers.set(cluster, this);
    this.last = cluster.clock.now();
    const store = queuesOf(cluster.clock);
    store.onSend(() => this.wake());
    if (store.busy()) this.wake();
  }

  /** Start ticking (messages arrived); the ticks stop once every queue is empty. */
  private wake(): void {
    if (this.timer !== undefined) return;
    this.last = this.cluster.clock.now();
    this.tick();
  }

  private tick(): void {
    this.due = true;
    this.timer = this.cluster.clock.setTimeout(() => this.tick(), CONSUMER_TICK_MS, 'queue consumers');
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    const now = this.cluster.clock.now();
    const dt = (now - this.last) / 1000;
    this.last = now;
    const store = queuesOf(this.cluster.clock);
    if (!this.pods) {
      this.pods = this.cluster.informers(DATA_PLANE).for<KPod>('pods');
      this.pods.addIndex('queue', (p) => {
        const c = consumerOf(p);
        return c ? [c.queue] : [];
      });
    }
    this.working.clear();
    for (const q of store.all()) q.consumers = q.consumers.filter((c) => c.cluster !== this.cluster.name);
    for (const q of store.all()) {
      const pods = this.pods.byIndex('queue', q.name).filter(ready);
      pods.sort((a, b) => (`${a.metadata?.namespace}/${a.metadata?.name}` < `${b.metadata?.namespace}/${b.metadata?.name}` ? -1 : 1));
      for (const p of pods) {
        const c = consumerOf(p)!;
        const key = `${p.metadata!.namespace}/${p.metadata!.name}`;
        const got = dt > 0 ? store.take(q.name, c.rate * dt) : 0;
        this.working.set(key, dt > 0 ? got / dt : 0);
        q.consumers.push({ cluster: this.cluster.name, pod: key, rate: c.rate });
      }
    }
    // Every queue empty: sleep until the next send (the last tick's work, if any, stays visible until then).
    if (!store.busy() && this.timer !== undefined && dt > 0) {
      this.cluster.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.working.clear();
    }
  }
}

const consumers = new WeakMap<Cluster, QueueConsumers>();

/** Messages per second a pod is working through now (0 when idle or not a consumer). */
export function consumerWork(cluster: Cluster, podKey: string): number {
  return consumers.get(cluster)?.working.get(podKey) ?? 0;
}
