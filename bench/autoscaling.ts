/**
 * Autoscaling: one simulated hour of a 100-node AKS cluster — nodepool1 (10,
 * fixed) and two autoscaled pools (45 + 45, min 5, max 80) — running 50
 * Deployments behind Services, each with an HPA (50 % CPU, 2–20), under a
 * daily load curve compressed into the hour, with the cluster autoscaler
 * adding and removing nodes. Wall seconds (target ≤ 2 s) and memory.
 */
import { createEnvironment } from '../src/commands/environment.js';
import { cloudOf } from '../src/cluster/cloud/cloud.js';
import { loadOf } from '../src/cluster/autoscaling/load.js';
import { clusterAutoscalerOf } from '../src/cluster/autoscaling/cluster-autoscaler/index.js';
import type { KObject } from '../src/cluster/api/types.js';

const APPS = 50;

function sh(env: ReturnType<typeof createEnvironment>, line: string): void {
  let err = '';
  const code = env.shell.exec(line, { out: () => {}, err: (t) => (err += t) });
  if (code !== 0) throw new Error(`${line}: ${err}`);
}

/** Requests per second to app i at minute m: a day (night trough, morning ramp, evening peak) squeezed into 60 minutes. */
function rps(i: number, m: number): number {
  const day = (1 - Math.cos((2 * Math.PI * m) / 60)) / 2;
  const peak = 1500 + 500 * (i % 5);
  return Math.round(60 + peak * day);
}

export function autoscalingBench(): void {
  const env = createEnvironment({ seed: 1 });
  const setup0 = performance.now();
  sh(env, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 -c 10 -o none');
  sh(env, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n apool -c 45 --enable-cluster-autoscaler --min-count 5 --max-count 80 -o none');
  sh(env, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n bpool -c 45 -s Standard_DS3_v2 --enable-cluster-autoscaler --min-count 5 --max-count 80 -o none');
  for (let i = 0; i < APPS; i++) {
    sh(env, `kubectl create deployment app-${i} --image=nginx --replicas=2`);
    sh(env, `kubectl set resources deployment app-${i} --requests=cpu=250m,memory=64Mi`);
    sh(env, `kubectl expose deployment app-${i} --port=80`);
    sh(env, `kubectl autoscale deployment app-${i} --cpu=50% --min=2 --max=20`);
  }
  env.world.advance(60_000);
  const mc = cloudOf(env.world).cluster('myResourceGroup', 'myAKSCluster')!;
  const cluster = mc.cluster;
  const ca = clusterAutoscalerOf(cluster)!;
  const nodes = () => cluster.admin.items('nodes').length;
  const setupMs = performance.now() - setup0;
  const gen = loadOf(cluster);
  const heap0 = process.memoryUsage().heapUsed;
  let minNodes = Infinity;
  let maxNodes = 0;
  let maxPods = 0;
  const loops0 = ca.loops;
  // How much of the wall time the cluster autoscaler's own loop takes.
  let caMs = 0;
  const work = ca.work.bind(ca);
  ca.work = () => {
    const t = performance.now();
    work();
    caMs += performance.now() - t;
  };
  const t0 = performance.now();
  for (let m = 0; m < 60; m++) {
    for (let i = 0; i < APPS; i++) gen.start('default', `app-${i}`, rps(i, m));
    env.world.advance(60_000);
    const n = nodes();
    minNodes = Math.min(minNodes, n);
    maxNodes = Math.max(maxNodes, n);
    maxPods = Math.max(maxPods, cluster.admin.items('pods', 'default').length);
  }
  const wall = performance.now() - t0;
  const heap = process.memoryUsage();
  const events = cluster.admin.items<KObject & { reason: string; count?: number }>('events');
  const count = (r: string) => events.filter((e) => e.reason === r).reduce((a, e) => a + (e.count ?? 1), 0);
  console.log(`autoscaling/setup: ${(setupMs / 1000).toFixed(1)} s wall (100 nodes, ${APPS} deployments + services + HPAs)`);
  console.log(`autoscaling/hour: ${(wall / 1000).toFixed(2)} s wall for 3600 s simulated (${Math.round(3_600_000 / wall)}× real time; target ≤ 2 s), of which the cluster autoscaler ${(caMs / 1000).toFixed(2)} s`);
  console.log(`autoscaling/memory: heap ${(heap.heapUsed / 2 ** 20).toFixed(0)} MiB (+${((heap.heapUsed - heap0) / 2 ** 20).toFixed(0)} MiB over the hour), rss ${(heap.rss / 2 ** 20).toFixed(0)} MiB`);
  console.log(`autoscaling/cluster: nodes ${minNodes}–${maxNodes} (now ${nodes()}), up to ${maxPods} app pods; CA loops ${ca.loops - loops0}, ScaledUpGroup ${count('ScaledUpGroup')}, ScaleDownEmpty ${count('ScaleDownEmpty')}, ScaleDown ${count('ScaleDown')}, HPA SuccessfulRescale ${count('SuccessfulRescale')}`);
}
