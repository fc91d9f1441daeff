/**
 * metrics-server: while one of its pods runs (Ready) in kube-system, it
 * scrapes every kubelet's resource usage each 15 s (its --metric-resolution)
 * and keeps the latest PodMetrics and NodeMetrics (metrics.k8s.io/v1beta1).
 * Readers (kubectl top, the HPA controller) get them through `metricsApi()`,
 * which answers 503 ServiceUnavailable, as the aggregated API does, when no
 * metrics-server pod is available.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { KObject, Status, UserInfo } from '../api/types.js';
import type { Worker } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { eachContainerUsage } from './usage.js';
import { parseQuantity } from '../api/quantity.js';

export const METRICS_SERVER: UserInfo = { username: 'system:serviceaccount:kube-system:metrics-server', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };
export const SCRAPE_INTERVAL_MS = 15_000;
/** kubelet's own overhead on a node (system slices), added to its pods' use. */
const NODE_OVERHEAD = { cpuMilli: 60, memoryMi: 900 };

export interface PodMetrics {
  namespace: string;
  name: string;
  timestamp: number;
  labels: Record<string, string>;
  containers: { name: string; cpuMilli: number; memoryMi: number }[];
}

export interface NodeMetrics {
  name: string;
  timestamp: number;
  labels: Record<string, string>;
  cpuMilli: number;
  memoryMi: number;
  allocatableCpuMilli: number;
  allocatableMemoryMi: number;
}

export type MetricsResult<T> = { ok: true; items: T[] } | { ok: false; status: Status };

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

const unavailable = (): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server is currently unable to handle the request', reason: 'ServiceUnavailable', code: 503 });

export class MetricsServer implements Worker {
  readonly name = 'metrics-server';
  private due = false;
  private pods = new Map<string, PodMetrics>();
  private nodes = new Map<string, NodeMetrics>();
  lastScrape = -Infinity;
  /** Pods as metrics-server's own informer sees them (their labels go with their metrics). */
  private readonly podInformer: Informer<Pod & KObject>;

  constructor(private readonly cluster: Cluster) {
    servers.set(cluster, this);
    this.podInformer = cluster.informers(METRICS_SERVER).for<Pod & KObject>('pods');
    this.tick();
  }

  private tick(): void {
    this.due = true;
    this.cluster.clock.setTimeout(() => this.tick(), SCRAPE_INTERVAL_MS, 'metrics-server scrape');
  }

  /** The answer of available() and the store revision it was computed at (every HPA sync asks). */
  private availableAt = { revision: -1, value: false };
  /** Sorted pod metrics per namespace ('' = all) of the current scrape. */
  private podsByNamespace = new Map<string, PodMetrics[]>();

  /** The store key of the metrics-server pod last found serving (checked first: it usually still is). */
  private servingPod: string | undefined;

  /** A metrics-server pod is running and Ready. */
  available(): boolean {
    const store = this.cluster.store;
    const revision = store.revision;
    if (this.availableAt.revision === revision) return this.availableAt.value;
    const last = this.servingPod === undefined ? undefined : store.get(this.servingPod);
    let value = last !== undefined && serves(last.value as Pod);
    if (!value) {
      this.servingPod = undefined;
      for (const e of store.listDir('/registry/pods/kube-system')) {
        if (serves(e.value as Pod)) {
          this.servingPod = e.key;
          value = true;
          break;
        }
      }
    }
    this.availableAt = { revision, value };
    return value;
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    if (!this.available()) {
      this.pods.clear();
      this.podsByNamespace.clear();
      this.nodes.clear();
      return;
    }
    this.scrape();
  }

  scrape(): void {
    const now = this.cluster.clock.now();
    this.lastScrape = now;
    const pods = new Map<string, PodMetrics>();
    const perNode = new Map<string, { cpuMilli: number; memoryMi: number }>();
    // Containers come by node, and a pod's one after another.
    let pm: PodMetrics | undefined;
    let n: { cpuMilli: number; memoryMi: number } | undefined;
    let nodeName = '';
    const podOf = (key: string) => this.podInformer.get(key);
    eachContainerUsage(
      this.cluster,
      (u, key, node, cpuMilli, memoryMi) => {
        if (pm === undefined || pm.name !== u.pod || pm.namespace !== u.namespace) {
          pm = pods.get(key);
          if (!pm) {
            const pod = podOf(key);
            if (!pod) return;
            // The pod's own (stored, never modified) labels: readers copy them into what they serve.
            pm = { namespace: u.namespace, name: u.pod, timestamp: now, labels: pod.metadata?.labels ?? NO_LABELS, containers: [] };
            pods.set(key, pm);
          }
        }
        pm.containers.push({ name: u.container, cpuMilli, memoryMi });
        if (n === undefined || nodeName !== node) {
          nodeName = node;
          n = perNode.get(node);
          if (!n) perNode.set(node, (n = { cpuMilli: 0, memoryMi: 0 }));
        }
        n.cpuMilli += cpuMilli;
        n.memoryMi += memoryMi;
      },
      podOf,
    );
    const nodes = new Map<string, NodeMetrics>();
    for (const e of this.cluster.store.list('/registry/minions/')) {
      const node = e.value as Node;
      const name = node.metadata?.name ?? '';
      const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (!ready) continue;
      const use = perNode.get(name) ?? { cpuMilli: 0, memoryMi: 0 };
      const alloc = node.status?.allocatable ?? {};
      nodes.set(name, {
        name,
        timestamp: now,
        labels: { ...(node.metadata?.labels ?? {}) },
        cpuMilli: use.cpuMilli + NODE_OVERHEAD.cpuMilli,
        memoryMi: use.memoryMi + NODE_OVERHEAD.memoryMi,
        allocatableCpuMilli: (parseQuantity(alloc.cpu) ?? 0) * 1000,
        allocatableMemoryMi: (parseQuantity(alloc.memory) ?? 0) / (1024 * 1024),
      });
    }
    this.pods = pods;
    this.podsByNamespace.clear();
    this.nodes = nodes;
    this.cluster.trace.note('metrics-server', `scraped ${nodes.size} nodes, ${pods.size} pods`);
  }

  /** The current scrape's pod metrics, sorted; callers must not modify the list (it is shared until the next scrape). */
  podMetrics(namespace?: string): MetricsResult<PodMetrics> {
    if (!this.available()) return { ok: false, status: unavailable() };
    let items = this.podsByNamespace.get(namespace ?? '');
    if (!items) {
      items = [...this.pods.values()].filter((p) => namespace === undefined || p.namespace === namespace);
      items.sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
      this.podsByNamespace.set(namespace ?? '', items);
    }
    return { ok: true, items };
  }

  /** One pod's metrics from the current scrape (undefined: not scraped), for callers that checked available(). */
  podMetric(namespace: string, name: string): PodMetrics | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  nodeMetrics(): MetricsResult<NodeMetrics> {
    if (!this.available()) return { ok: false, status: unavailable() };
    return { ok: true, items: [...this.nodes.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) };
  }
}

/** A metrics-server pod that is running and Ready (so the aggregated API answers). */
function serves(p: Pod): boolean {
  if (p.metadata?.labels?.['k8s-app'] !== 'metrics-server' || p.metadata?.deletionTimestamp) return false;
  return p.status?.phase === 'Running' && (p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false);
}

const servers = new WeakMap<Cluster, MetricsServer>();

/** The metrics API of a cluster (undefined when metrics-server was never installed). */
export function metricsApi(cluster: Cluster): MetricsServer | undefined {
  return servers.get(cluster);
}
