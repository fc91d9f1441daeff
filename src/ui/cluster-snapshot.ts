/**
 * What the map draws, built from the cluster's stored objects (read-only, the
 * same data the API serves): node pools → nodes with requests vs allocatable
 * → pods by state, unscheduled pods, services with their endpoints.
 * Immutable; a new one only when the cluster changed.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster/cluster.js';
import type { KObject } from '../cluster/api/types.js';
import { storagePrefixOf } from '../cluster/api/resource.js';
import { podState, type PodState } from './pod-state.js';
import { milliCpu, quantityValue } from './quantity.js';

export interface PodCell {
  namespace: string;
  name: string;
  state: PodState;
}

export interface NodeView {
  name: string;
  pool: string;
  ready: 'Ready' | 'NotReady' | 'Unknown';
  cordoned: boolean;
  cpuRequested: number;
  cpuAllocatable: number;
  memRequested: number;
  memAllocatable: number;
  maxPods: number;
  pods: PodCell[];
}

export interface PoolView {
  name: string;
  nodes: NodeView[];
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  ports: string;
  endpoints: number;
}

export interface ClusterSnapshot {
  version: number;
  clusterName: string;
  pools: PoolView[];
  nodeCount: number;
  podCount: number;
  unscheduled: PodCell[];
  namespaces: string[];
  services: ServiceView[];
}

export const EMPTY_SNAPSHOT: ClusterSnapshot = { version: 0, clusterName: '', pools: [], nodeCount: 0, podCount: 0, unscheduled: [], namespaces: [], services: [] };

export function listStored<T = KObject>(cluster: Cluster, group: string, plural: string): T[] {
  const def = cluster.registry.get(group, plural);
  if (!def) return [];
  return cluster.store.list(storagePrefixOf(def)).map((e) => e.value as T);
}

export function poolOf(node: Node): string {
  const l = node.metadata?.labels ?? {};
  return l['kubernetes.azure.com/agentpool'] ?? l.agentpool ?? '(no pool)';
}

function podRequests(pod: Pod): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += milliCpu(c.resources?.requests?.cpu);
    mem += quantityValue(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, milliCpu(c.resources?.requests?.cpu));
    mem = Math.max(mem, quantityValue(c.resources?.requests?.memory));
  }
  return { cpu, mem };
}

function nodeReady(node: Node): NodeView['ready'] {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  return c?.status === 'True' ? 'Ready' : c?.status === 'False' ? 'NotReady' : 'Unknown';
}

function endpointCounts(cluster: Cluster): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of listStored<KObject & { endpoints?: { conditions?: { ready?: boolean } }[] }>(cluster, 'discovery.k8s.io', 'endpointslices')) {
    const svc = s.metadata?.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${s.metadata?.namespace}/${svc}`;
    out.set(key, (out.get(key) ?? 0) + (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length);
  }
  if (out.size > 0) return out;
  for (const e of listStored<KObject & { subsets?: { addresses?: unknown[] }[] }>(cluster, '', 'endpoints')) {
    const n = (e.subsets ?? []).reduce((a, s) => a + (s.addresses?.length ?? 0), 0);
    out.set(`${e.metadata?.namespace}/${e.metadata?.name}`, n);
  }
  return out;
}

export function buildSnapshot(cluster: Cluster, version: number): ClusterSnapshot {
  const nodes = listStored<Node>(cluster, '', 'nodes');
  const pods = listStored<Pod>(cluster, '', 'pods');
  const views = new Map<string, NodeView>();
  for (const n of nodes) {
    const name = n.metadata?.name ?? '';
    const alloc = n.status?.allocatable ?? {};
    views.set(name, {
      name,
      pool: poolOf(n),
      ready: nodeReady(n),
      cordoned: !!n.spec?.unschedulable,
      cpuRequested: 0,
      cpuAllocatable: milliCpu(alloc.cpu),
      memRequested: 0,
      memAllocatable: quantityValue(alloc.memory),
      maxPods: quantityValue(alloc.pods),
      pods: [],
    });
  }
  const unscheduled: PodCell[] = [];
  const namespaces = new Set<string>();
  for (const p of pods) {
    const cell: PodCell = { namespace: p.metadata?.namespace ?? 'default', name: p.metadata?.name ?? '', state: podState(p) };
    namespaces.add(cell.namespace);
    const node = p.spec?.nodeName ? views.get(p.spec.nodeName) : undefined;
    if (!node) {
      unscheduled.push(cell);
      continue;
    }
    node.pods.push(cell);
    if (cell.state !== 'Completed' && cell.state !== 'Failed') {
      const r = podRequests(p);
      node.cpuRequested += r.cpu;
      node.memRequested += r.mem;
    }
  }
  const pools = new Map<string, NodeView[]>();
  for (const v of views.values()) {
    if (!pools.has(v.pool)) pools.set(v.pool, []);
    pools.get(v.pool)!.push(v);
  }
  const eps = endpointCounts(cluster);
  const services: ServiceView[] = listStored<Service>(cluster, '', 'services').map((s) => ({
    namespace: s.metadata?.namespace ?? 'default',
    name: s.metadata?.name ?? '',
    type: s.spec?.type ?? 'ClusterIP',
    clusterIP: s.spec?.clusterIP ?? '',
    ports: (s.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(','),
    endpoints: eps.get(`${s.metadata?.namespace}/${s.metadata?.name}`) ?? 0,
  }));
  return {
    version,
    clusterName: cluster.name,
    pools: [...pools].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, ns]) => ({ name, nodes: ns })),
    nodeCount: nodes.length,
    podCount: pods.length,
    unscheduled,
    namespaces: [...namespaces].sort(),
    services,
  };
}
