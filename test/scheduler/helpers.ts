/** Small builders for scheduler tests: nodes and pods created through the API, events read back. */
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installScheduler, type Scheduler } from '../../src/cluster/scheduler/index.js';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  zone?: string;
}

export function setup(seed = 1): { c: Cluster; s: Scheduler } {
  const c = new Cluster({ seed });
  const s = installScheduler(c);
  return { c, s };
}

export function addNode(c: Cluster, name: string, o: NodeOpts = {}): void {
  const labels = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}), ...(o.labels ?? {}) };
  const alloc = { cpu: o.cpu ?? '2', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', 'ephemeral-storage': '100Gi' };
  const r = c.admin.create('nodes', undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: alloc, allocatable: alloc, conditions: [{ type: 'Ready', status: 'True' }], ...(o.images ? { images: o.images } : {}) },
  });
  if (!r.ok) throw new Error(r.status.message);
}

export interface PodOpts {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  namespace?: string;
  spec?: Record<string, unknown>;
  image?: string;
}

export function addPod(c: Cluster, name: string, o: PodOpts = {}): void {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const r = c.admin.create('pods', o.namespace ?? 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: o.labels ?? {} },
    spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1.27', resources: Object.keys(requests).length ? { requests } : {} }], ...(o.spec ?? {}) },
  });
  if (!r.ok) throw new Error(r.status.message);
}

export function pod(c: Cluster, name: string, ns = 'default'): Pod {
  const r = c.admin.get<Pod>('pods', ns, name);
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
}

export function nodeOf(c: Cluster, name: string, ns = 'default'): string | undefined {
  return pod(c, name, ns).spec?.nodeName;
}

export function eventsFor(c: Cluster, name: string, ns = 'default'): Event[] {
  return c.admin.items<Event>('events', ns).filter((e) => e.involvedObject.name === name);
}

export function scheduledCondition(c: Cluster, name: string, ns = 'default') {
  return pod(c, name, ns).status?.conditions?.find((x) => x.type === 'PodScheduled');
}
