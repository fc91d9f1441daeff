/**
 * metrics.k8s.io/v1beta1 (PodMetrics, NodeMetrics) as metrics-server serves it
 * behind the `v1beta1.metrics.k8s.io` APIService: read-only (get, list), CPU
 * in nanocores and memory in Ki, a `timestamp` of the scrape and the `window`
 * the rate was taken over, labels copied from the pod or node so label
 * selectors work. The objects are made on each request from what the source
 * (metrics-server) scraped last.
 */
import type { AggregatedBackend, ResourceDef } from '../resource.js';
import type { KObject, Status } from '../types.js';
import { isoTime } from '../lifecycle.js';
import { notFound } from '../status.js';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
export const METRICS_API_SERVICE = `${METRICS_VERSION}.${METRICS_GROUP}`;

export interface MetricsSource {
  now(): number;
  /** Scrape interval (the pods' window). */
  intervalMs: number;
  pods(namespace: string | undefined): { namespace: string; name: string; timestamp: number; labels: Record<string, string>; containers: { name: string; cpuMilli: number; memoryMi: number }[] }[] | Status;
  nodes(): { name: string; timestamp: number; labels: Record<string, string>; cpuMilli: number; memoryMi: number }[] | Status;
}

/** `123456789n`: nanocores, as metrics-server reports CPU. */
export function nanoCores(milli: number): string {
  return `${Math.max(0, Math.round(milli * 1e6))}n`;
}

/** `123456Ki`: memory working set in kibibytes. */
export function kibibytes(mi: number): string {
  return `${Math.max(0, Math.round(mi * 1024))}Ki`;
}

/** Go's metav1.Duration text for a window in ms (`15s`, `20.027s`). */
export function windowText(ms: number): string {
  const s = (Math.round(ms) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${s}s`;
}

/** The node window: the kubelet's node stats are sampled on their own cadence (≈20 s), a few ms off per node. */
function nodeWindowMs(name: string, timestamp: number): number {
  let h = 0;
  for (const ch of `${name}@${timestamp}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 20_000 + (h % 90);
}

function byName(a: KObject, b: KObject): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function podMetricsBackend(src: MetricsSource): AggregatedBackend {
  return {
    apiService: METRICS_API_SERVICE,
    objects(namespace) {
      const pods = src.pods(namespace);
      if (!Array.isArray(pods)) return pods;
      const created = isoTime(src.now());
      return pods
        .map(
          (p): KObject => ({
            kind: 'PodMetrics',
            apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
            metadata: { name: p.name, namespace: p.namespace, creationTimestamp: created, labels: { ...p.labels } },
            timestamp: isoTime(p.timestamp),
            window: windowText(src.intervalMs),
            containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: nanoCores(c.cpuMilli), memory: kibibytes(c.memoryMi) } })),
          }),
        )
        .sort(byName);
    },
    notFound: (namespace, name) => notFound('podmetrics', METRICS_GROUP, `${namespace ?? ''}/${name}`),
  };
}

export function nodeMetricsBackend(src: MetricsSource): AggregatedBackend {
  return {
    apiService: METRICS_API_SERVICE,
    objects() {
      const nodes = src.nodes();
      if (!Array.isArray(nodes)) return nodes;
      const created = isoTime(src.now());
      return nodes
        .map(
          (n): KObject => ({
            kind: 'NodeMetrics',
            apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
            metadata: { name: n.name, creationTimestamp: created, labels: { ...n.labels } },
            timestamp: isoTime(n.timestamp),
            window: windowText(nodeWindowMs(n.name, n.timestamp)),
            usage: { cpu: nanoCores(n.cpuMilli), memory: kibibytes(n.memoryMi) },
          }),
        )
        .sort(byName);
    },
    notFound: (_ns, name) => notFound('nodemetrics', METRICS_GROUP, name),
  };
}

/** The two kinds of the group, as discovery lists them on a cluster running metrics-server. */
export function metricsResources(src: MetricsSource): ResourceDef[] {
  return [
    { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'NodeMetrics', plural: 'nodes', singular: '', namespaced: false, verbs: ['get', 'list'], storagePrefix: '/registry/metrics.k8s.io/nodes', aggregated: nodeMetricsBackend(src) },
    { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'PodMetrics', plural: 'pods', singular: '', namespaced: true, verbs: ['get', 'list'], storagePrefix: '/registry/metrics.k8s.io/pods', aggregated: podMetricsBackend(src) },
  ];
}
