/**
 * Services at scale: 1,000 Services × 10 pods on a bare cluster (the bench
 * plays the kubelet, writing pod IPs and readiness): wall time to create
 * them and for the EndpointSlice controller to publish every slice; then
 * the simulated latency and wall cost of one EndpointSlice update after a
 * pod turns unready (and of 100 at once); then requests per second of
 * simulated traffic through a Service's ClusterIP (DNS name → kube-proxy
 * rule → pod answer).
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { createEnvironment } from '../src/commands/environment.js';
import { request } from '../src/cluster/services/traffic.js';
import type { Cluster } from '../src/cluster/cluster.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const PODS = Number(process.env.BENCH_PODS_PER_SERVICE ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20000);

const ms = (t: number) => `${t.toFixed(0)} ms`;

function setPod(c: Cluster, ns: string, name: string, ip: string, ready: boolean, image: string): void {
  const cur = c.admin.get('pods', ns, name);
  if (!cur.ok) return;
  c.admin.updateStatus('pods', ns, name, {
    ...cur.object,
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'app', ready, restartCount: 0, image, imageID: '', state: { running: { startedAt: '2026-01-15T09:00:00Z' } } }] },
  } as never);
}

function readyIn(c: Cluster, svc: string): number {
  return c.admin.items<EndpointSlice>('endpointslices.discovery.k8s.io', 'default', { labelSelector: `kubernetes.io/service-name=${svc}` }).reduce((n, s) => n + (s.endpoints ?? []).filter((e) => e.conditions?.ready).length, 0);
}

export function servicesBench(): void {
  const env = createEnvironment({ seed: 1, profile: 'bare' });
  const c = env.session.cluster()!;
  const nodes = Array.from({ length: 20 }, (_, i) => `node-${i}`);
  nodes.forEach((name, i) => c.admin.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { addresses: [{ type: 'InternalIP', address: `10.224.0.${4 + i}` }], conditions: [{ type: 'Ready', status: 'True' }] } }));
  const image = 'nginx:1.27';
  let t0 = performance.now();
  for (let s = 0; s < SERVICES; s++) {
    c.admin.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}` }, spec: { selector: { app: `app-${s}` }, ports: [{ port: 80 }] } });
    for (let p = 0; p < PODS; p++) {
      const name = `app-${s}-${p}`;
      c.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: `app-${s}` } }, spec: { nodeName: nodes[(s * PODS + p) % nodes.length], containers: [{ name: 'app', image }] } });
      setPod(c, 'default', name, `10.${244 + Math.floor(s / 256) % 8}.${s % 256}.${p + 2}`, true, image);
    }
  }
  const createWall = performance.now() - t0;
  const simStart = c.clock.now();
  t0 = performance.now();
  c.runUntilIdle();
  const settleWall = performance.now() - t0;
  const published = Array.from({ length: Math.min(SERVICES, 50) }, (_, i) => readyIn(c, `svc-${i}`)).every((n) => n === PODS);
  console.log(`services: ${SERVICES} Services × ${PODS} pods on ${nodes.length} nodes (bare cluster, bench plays the kubelet)`);
  console.log(`  create Services + pods (API writes):        ${ms(createWall)} wall`);
  console.log(`  EndpointSlice controller catches up:        ${ms(settleWall)} wall, ${c.clock.now() - simStart} ms simulated; slices full: ${published}`);

  // One pod turns unready: how long until its slice says so (simulated), and what it costs (wall).
  const target = `svc-${Math.floor(SERVICES / 2)}`;
  const pod = `app-${Math.floor(SERVICES / 2)}-0`;
  const ip = (c.admin.get('pods', 'default', pod) as { ok: true; object: { status: { podIP: string } } }).object.status.podIP;
  let simT = c.clock.now();
  t0 = performance.now();
  setPod(c, 'default', pod, ip, false, image);
  c.advanceUntil(() => readyIn(c, target) === PODS - 1, 60_000);
  console.log(`  1 pod unready → its slice updated:          ${c.clock.now() - simT} ms simulated, ${ms(performance.now() - t0)} wall`);
  simT = c.clock.now();
  t0 = performance.now();
  for (let s = 0; s < Math.min(100, SERVICES); s++) {
    const name = `app-${s}-1`;
    const cur = c.admin.get('pods', 'default', name) as { ok: true; object: { status: { podIP: string } } };
    setPod(c, 'default', name, cur.object.status.podIP, false, image);
  }
  c.advanceUntil(() => readyIn(c, `svc-${Math.min(100, SERVICES) - 1}`) === PODS - 1, 60_000);
  console.log(`  100 pods unready → 100 slices updated:      ${c.clock.now() - simT} ms simulated, ${ms(performance.now() - t0)} wall`);

  // Traffic through a ClusterIP: kube-proxy rules as last synced (≥1 s after the last change).
  c.advance(2_000);
  const svcIp = (c.admin.get('services', 'default', 'svc-7') as { ok: true; object: { spec: { clusterIP: string } } }).object.spec.clusterIP;
  const client = { kind: 'node' as const, ip: '10.224.0.4', node: 'node-0', namespace: 'default' };
  let ok = 0;
  t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) if (request(c, client, `http://${svcIp}/`, {}, { quiet: true }).ok) ok++;
  const wall = performance.now() - t0;
  console.log(`  simulated requests through a ClusterIP:     ${REQUESTS} in ${ms(wall)} wall = ${Math.round(REQUESTS / (wall / 1000))} req/s (${ok} answered)`);
}
