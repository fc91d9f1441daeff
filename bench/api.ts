/** API throughput: creates/s, gets/s, a list of 10,000 pods, watch fan-out to 20 watchers. */
import { Cluster } from '../src/cluster/cluster.js';

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

export function apiBench(): void {
  const c = new Cluster({ seed: 1 });
  const pod = (i: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: i % 2 ? 'a' : 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  const N = 10_000;
  let t = performance.now();
  for (let i = 0; i < N; i++) c.admin.create('pods', 'default', pod(i));
  const createMs = performance.now() - t;
  console.log(`api/create-pod: ${rate(N, createMs)} (${N} pods in ${createMs.toFixed(0)} ms)`);
  t = performance.now();
  for (let i = 0; i < N; i++) c.admin.get('pods', 'default', `p-${i}`);
  const getMs = performance.now() - t;
  console.log(`api/get-pod: ${rate(N, getMs)}`);
  t = performance.now();
  const l = c.admin.list('pods', 'default');
  const listMs = performance.now() - t;
  console.log(`api/list-10000-pods: ${listMs.toFixed(1)} ms (${l.ok ? l.object.items.length : 0} items)`);
  t = performance.now();
  const sel = c.admin.list('pods', 'default', { labelSelector: 'app=a' });
  console.log(`api/list-10000-pods-selector: ${(performance.now() - t).toFixed(1)} ms (${sel.ok ? sel.object.items.length : 0} items)`);
  let received = 0;
  for (let w = 0; w < 20; w++) c.admin.watch('pods', 'default', () => received++, { resourceVersion: String(c.store.revision) });
  t = performance.now();
  for (let i = 0; i < 1000; i++) c.admin.patch('pods', 'default', `p-${i}`, { metadata: { labels: { touched: 'yes' } } });
  const fanMs = performance.now() - t;
  console.log(`api/watch-fanout-20: ${rate(1000, fanMs)} patches with ${received} events delivered (${rate(received, fanMs)} events)`);
  t = performance.now();
  for (let i = 0; i < 1000; i++) c.admin.create('pods', 'default', { ...pod(i), metadata: { name: `Bad_${i}` } });
  console.log(`api/rejected-create (422): ${rate(1000, performance.now() - t)}`);
  const deploy = (i: number, replicas: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `d-${i}` },
    spec: { replicas, selector: { matchLabels: { app: `d-${i}` } }, template: { metadata: { labels: { app: `d-${i}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }] }] } } },
  });
  t = performance.now();
  for (let i = 0; i < 500; i++) c.admin.patch('deployments.apps', 'default', `d-${i}`, deploy(i, 1), 'apply', undefined, { fieldManager: 'bench' });
  for (let i = 0; i < 500; i++) c.admin.patch('deployments.apps', 'default', `d-${i}`, deploy(i, 2), 'apply', undefined, { fieldManager: 'bench' });
  console.log(`api/server-side-apply-deployment: ${rate(1000, performance.now() - t)} (500 creates + 500 changes with managedFields)`);
  const mem = process.memoryUsage();
  console.log(`api/memory: heap ${(mem.heapUsed / 1048576).toFixed(0)} MiB for ${N} pods`);
}
