/**
 * Workload controllers at scale: a 1,000-replica Deployment from create to
 * all pods created and to all Running (simulated and wall time), a rolling
 * update of it, and heap per 1,000 pods. Runs on an AKS-shaped cluster of 5
 * nodes (3 × 250 max pods could not hold 1,000). When no scheduler is
 * installed, a stand-in binder (round-robin through pods/binding) plays its
 * part and the output says so.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { World } from '../src/cluster/world.js';
import { DEFAULT_EPOCH, SimClock } from '../src/cluster/clock.js';
import { cloudOf } from '../src/cluster/cloud/cloud.js';
import { createManagedCluster } from '../src/cluster/cloud/create-cluster.js';
import type { Cluster } from '../src/cluster/cluster.js';

const N = Number(process.env.BENCH_REPLICAS ?? 1000);

function makeCluster(nodes: number): { world: World; cluster: Cluster } {
  const world = new World({ seed: 1, clock: new SimClock(DEFAULT_EPOCH - 15 * 60_000) });
  const cloud = cloudOf(world);
  cloud.ensureGroup('myResourceGroup', 'eastus');
  const r = createManagedCluster(cloud, { name: 'myAKSCluster', resourceGroup: 'myResourceGroup', pool: { name: 'nodepool1', count: nodes, vmSize: 'Standard_DS2_v2' }, instant: true });
  if (!r.ok) throw new Error(r.error.message);
  world.advance(DEFAULT_EPOCH - world.clock.now());
  return { world, cluster: r.value.mc.cluster };
}

/** Binds pending pods round-robin when no scheduler does. */
function standInBinder(cluster: Cluster): void {
  const client = cluster.client({ username: 'system:kube-scheduler', groups: ['system:authenticated'] });
  const nodes = client.items('nodes').map((n) => n.metadata!.name!);
  const pending: { ns: string; name: string }[] = [];
  let rr = 0;
  client.watch('pods', undefined, (e) => {
    const p = e.object as Pod;
    if (e.type === 'ADDED' && !p.spec?.nodeName) pending.push({ ns: p.metadata!.namespace!, name: p.metadata!.name! });
  });
  cluster.addWorker({
    name: 'bench-binder',
    hasWork: () => pending.length > 0,
    work: () => {
      const { ns, name } = pending.shift()!;
      const pod = client.get<Pod>('pods', ns, name);
      if (!pod.ok || pod.object.spec?.nodeName) return;
      // Daemon pods are pinned to their node by affinity; the rest go round-robin.
      const pinned = pod.object.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      client.subresource('create', 'pods', ns, name, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: pinned ?? nodes[rr++ % nodes.length] } });
    },
  });
}

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

export function workloadsBench(): void {
  const { world, cluster } = makeCluster(5);
  const c = cluster.admin;
  const count = (pred: (p: Pod) => boolean) => cluster.store.listDir('/registry/pods/default').filter((e) => pred(e.value as Pod)).length;
  const running = (p: Pod) => p.status?.phase === 'Running' && !!p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') && !p.metadata?.deletionTimestamp;
  // Counters kept by a watch, so checking progress after every timer stays cheap.
  const live = new Set<string>();
  const up = new Set<string>();
  c.watch('pods', 'default', (e) => {
    const p = e.object as Pod;
    const k = p.metadata!.name!;
    if (e.type === 'DELETED') {
      live.delete(k);
      up.delete(k);
      return;
    }
    live.add(k);
    if (running(p)) up.add(k);
    else up.delete(k);
  });
  const h0 = heap();
  const sim0 = world.clock.now();
  let t = performance.now();
  c.create('deployments.apps', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: N, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  world.advanceUntil(() => live.size >= N, 600_000);
  console.log(`workloads/deployment-${N}-pods-created: ${count(() => true)} pods, ${((world.clock.now() - sim0) / 1000).toFixed(1)} s simulated, ${(performance.now() - t).toFixed(0)} ms wall`);
  world.advance(2_000);
  const bound = count((p) => !!p.spec?.nodeName);
  const stand = bound === 0;
  if (stand) standInBinder(cluster);
  world.advanceUntil(() => up.size >= N, 1_800_000);
  const note = stand ? ' (stand-in binder: no scheduler installed)' : '';
  console.log(`workloads/deployment-${N}-all-running: ${count(running)}/${N} Running+Ready, ${((world.clock.now() - sim0) / 1000).toFixed(1)} s simulated, ${(performance.now() - t).toFixed(0)} ms wall${note}`);
  const h1 = heap();
  console.log(`workloads/memory: ${((h1 - h0) / 1048576).toFixed(1)} MiB heap for ${N} pods and their controllers' state (${(((h1 - h0) / N) / 1024).toFixed(1)} KiB per pod)`);
  // Rolling update.
  const sim1 = world.clock.now();
  t = performance.now();
  c.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }, 'strategic');
  const done = () => {
    const d = c.get<Deployment>('deployments.apps', 'default', 'web');
    const s = d.ok ? d.object.status : undefined;
    return !!s && s.updatedReplicas === N && s.availableReplicas === N && s.replicas === N && (s.observedGeneration ?? 0) >= 2;
  };
  const ok = world.advanceUntil(done, 3_600_000);
  console.log(`workloads/rolling-update-${N}: ${ok ? 'complete' : 'NOT complete'} in ${((world.clock.now() - sim1) / 1000).toFixed(1)} s simulated, ${(performance.now() - t).toFixed(0)} ms wall, ${cluster.steps.toLocaleString('en-US')} worker steps so far${note}`);
}
