/**
 * scheduler_perf-like workloads, in process: nodes registered through the API
 * (no kubelets), init pods scheduled first, then the measured pods are created
 * and the clock is stepped until the scheduler has bound them all through
 * pods/binding. Throughput = measured pods / time to bind them (creation not
 * counted, as scheduler_perf measures the scheduler's rate, not the client's).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Cluster } from '../src/cluster/cluster.js';
import { installScheduler, type Scheduler } from '../src/cluster/scheduler/index.js';

interface Workload {
  name: string;
  nodes: number;
  initPods: number;
  pods: number;
  floor: number;
  floorNote?: string;
  nodeLabels?: (i: number) => Record<string, string>;
  namespaces?: [string, string];
  pod: (i: number) => Record<string, unknown>;
}

const container = { name: 'pause', image: 'registry.k8s.io/pause:3.10', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '100m', memory: '500Mi' }, requests: { cpu: '100m', memory: '500Mi' } } };
const basic = () => ({ metadata: { generateName: 'pod-' }, spec: { containers: [container] } });

const WORKLOADS: Workload[] = [
  { name: 'basic-5000n-10000p', nodes: 5000, initPods: 1000, pods: 10_000, floor: 680, pod: basic },
  { name: 'basic-5000n-50000p', nodes: 5000, initPods: 5000, pods: 50_000, floor: 810, pod: basic },
  {
    name: 'anti-affinity-5000n-2000p',
    nodes: 5000,
    initPods: 1000,
    pods: 2000,
    floor: 60,
    namespaces: ['sched-0', 'sched-1'],
    pod: () => ({
      metadata: { generateName: 'anti-affinity-pod-', labels: { color: 'green', name: 'test' } },
      spec: {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: 'kubernetes.io/hostname', namespaces: ['sched-1', 'sched-0'] }] } },
        containers: [container],
      },
    }),
  },
  {
    name: 'node-affinity-5000n-10000p',
    nodes: 5000,
    initPods: 5000,
    pods: 10_000,
    floor: 220,
    nodeLabels: () => ({ 'topology.kubernetes.io/zone': 'zone1' }),
    pod: () => ({
      metadata: { generateName: 'node-affinity-' },
      spec: {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone1', 'zone2'] }] }] } } },
        containers: [container],
      },
    }),
  },
  {
    name: 'topology-spread-5000n-10000p',
    nodes: 5000,
    initPods: 1000,
    pods: 10_000,
    floor: 220,
    floorNote: 'no topology-spreading floor in the facts table; using SchedulingNodeAffinity 5000/10000, the closest label-domain workload',
    nodeLabels: (i) => ({ 'topology.kubernetes.io/zone': `moon-${i % 3}` }),
    pod: () => ({
      metadata: { generateName: 'spreading-pod-', labels: { color: 'blue' } },
      spec: {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } }],
        containers: [container],
      },
    }),
  },
];

function setup(w: Workload): { c: Cluster; s: Scheduler } {
  const c = new Cluster({ seed: 1, historyLimit: 1000 });
  const s = installScheduler(c);
  const alloc = { cpu: '4', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  for (let i = 0; i < w.nodes; i++) {
    const name = `scheduler-perf-${String(i).padStart(5, '0')}`;
    c.admin.create('nodes', undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(w.nodeLabels?.(i) ?? {}) } },
      status: { capacity: alloc, allocatable: alloc, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (const ns of w.namespaces ?? []) c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  return { c, s };
}

function createPods(c: Cluster, w: Workload, n: number, ns: string, prefix: string): void {
  for (let i = 0; i < n; i++) {
    const p = w.pod(i) as { metadata: { generateName?: string; name?: string } };
    const body = { apiVersion: 'v1', kind: 'Pod', ...p, metadata: { ...p.metadata, generateName: undefined, name: `${p.metadata.generateName ?? 'pod-'}${prefix}${i}` } };
    const r = c.admin.create('pods', ns, body);
    if (!r.ok) throw new Error(r.status.message);
  }
}

function run(w: Workload): void {
  const { c, s } = setup(w);
  const [initNs, ns] = w.namespaces ?? ['default', 'default'];
  createPods(c, w, w.initPods, initNs, 'init-');
  c.runUntilIdle();
  const before = s.scheduledCount;
  createPods(c, w, w.pods, ns, '');
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  c.runUntilIdle();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t;
  // CPU time of this process, not wall time: the figure stays meaningful on a shared machine.
  const ms = (cpu.user + cpu.system) / 1000;
  const bound = s.scheduledCount - before;
  const rate = Math.round((bound / ms) * 1000);
  const note = (bound === w.pods ? '' : ` [only ${bound}/${w.pods} bound]`) + (process.env.SCHEDULER_BENCH_WALL ? ` [wall ${Math.round((bound / wallMs) * 1000)} pods/s]` : '');
  console.log(`scheduler/${w.name}: ${rate} pods/s (upstream floor ${w.floor}, ${(rate / w.floor).toFixed(1)}x)${note}`);
  if (w.floorNote) console.log(`  (floor: ${w.floorNote})`);
}

/** A pod that can never fit, one simulated hour: retries at the upstream cadence, one aggregated event, little wall time. */
function neverFits(): void {
  const c = new Cluster({ seed: 1 });
  installScheduler(c);
  const alloc = { cpu: '1', memory: '4Gi', pods: '110' };
  c.admin.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } }, status: { capacity: alloc, allocatable: alloc, conditions: [{ type: 'Ready', status: 'True' }] } });
  c.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '2' } } }] } });
  const t = performance.now();
  c.advance(3_600_000);
  const wall = performance.now() - t;
  const events = c.admin.items<{ reason?: string; count?: number }>('events', 'default').filter((e) => e.reason === 'FailedScheduling');
  console.log(`  (a pod that never fits, 1 h simulated: ${events[0]?.count ?? 0} attempts, ${events.length} FailedScheduling Event object(s), ${wall.toFixed(1)} ms wall)`);
}

/** A full garbage collection, so the memory line can tell retained from not-yet-collected. */
function fullGc(): boolean {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return false;
  gc();
  return true;
}

export function schedulerBench(): void {
  const only = process.env.SCHEDULER_BENCH;
  for (const w of WORKLOADS) if (!only || w.name.includes(only)) run(w);
  if (!only || 'never-fits'.includes(only)) neverFits();
  console.log('  (pods/s over the process CPU time of the scheduling phase, one thread; set SCHEDULER_BENCH_WALL=1 to also see wall-clock rates)');
  const mem = process.memoryUsage();
  const retained = fullGc() ? ` (${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB retained after a full GC)` : '';
  console.log(`scheduler/memory: heap ${(mem.heapUsed / 1048576).toFixed(0)} MiB${retained}, rss ${(mem.rss / 1048576).toFixed(0)} MiB after the last workload`);
}
