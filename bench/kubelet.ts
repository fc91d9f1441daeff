/**
 * Kubelet cost: 1,000 pods bound directly to 10 nodes, from create to all
 * Running (simulated and wall time), an hour of steady state (leases, node
 * status, probes), a crash-looping fleet, and memory per 1,000 running pods.
 */
import { Cluster } from '../src/cluster/cluster.js';
import { startKubelet } from '../src/cluster/node/kubelet.js';
import { makeMachine } from '../src/cluster/node/test-machines.js';

/** Count Running pods from a watch (listing 1,000 pods after every timer would dominate the figures). */
function runningCounter(c: Cluster): () => number {
  const phase = new Map<string, string | undefined>();
  let n = 0;
  c.admin.watch('pods', 'default', (e) => {
    const name = e.object.metadata?.name ?? '';
    const before = phase.get(name) === 'Running';
    const now = e.type !== 'DELETED' && (e.object.status as { phase?: string } | undefined)?.phase === 'Running';
    phase.set(name, now ? 'Running' : undefined);
    n += (now ? 1 : 0) - (before ? 1 : 0);
  });
  return () => n;
}

export function kubeletBench(): void {
  const heap0 = process.memoryUsage().heapUsed;
  const c = new Cluster({ seed: 1 });
  c.admin.create('serviceaccounts', 'default', { metadata: { name: 'default' } });
  const NODES = 10;
  const N = 1000;
  for (let i = 0; i < NODES; i++) startKubelet(c, makeMachine(`node-${i}`, { index: i, capacity: { pods: '250' }, allocatable: { pods: '250' } }));
  c.runUntilIdle();
  const running = runningCounter(c);
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    c.admin.create('pods', 'default', {
      metadata: { name: `web-${i}`, labels: { app: 'web' } },
      spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] },
    });
  }
  const t0 = c.clock.now();
  c.advanceUntil(() => running() === N, 10 * 60_000);
  const wall = performance.now() - t;
  console.log(`kubelet/1000-pods-to-running: ${((c.clock.now() - t0) / 1000).toFixed(1)} s simulated, ${wall.toFixed(0)} ms wall (${running()} Running, ${c.steps} steps)`);
  const heap = process.memoryUsage().heapUsed;
  console.log(`kubelet/memory: ${((heap - heap0) / 1048576).toFixed(0)} MiB heap for ${N} running pods on ${NODES} nodes (incl. store and events)`);
  t = performance.now();
  const steps0 = c.steps;
  c.advance(60 * 60_000);
  console.log(`kubelet/1h-steady-state: ${(performance.now() - t).toFixed(0)} ms wall, ${c.steps - steps0} steps (leases, node status, readiness probes every 10 s)`);

  const d = new Cluster({ seed: 2 });
  d.admin.create('serviceaccounts', 'default', { metadata: { name: 'default' } });
  startKubelet(d, makeMachine('node-0'));
  for (let i = 0; i < 100; i++) d.admin.create('pods', 'default', { metadata: { name: `crash-${i}` }, spec: { nodeName: 'node-0', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo bye; exit 1'] }] } });
  t = performance.now();
  d.advance(60 * 60_000);
  console.log(`kubelet/100-crashloops-1h: ${(performance.now() - t).toFixed(0)} ms wall`);
}
