/** The serve benchmark's server process: a cluster with 1,000 pods behind `serve`, clock stopped. */
import { createEnvironment } from '../src/commands/environment.js';
import { startServe } from '../src/server/index.js';

const env = createEnvironment({ seed: 1 });
const cluster = env.world.all()[0]!;
for (let i = 0; i < 1000; i++) {
  cluster.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
}
const h = await startServe({ world: env.world, port: 0, speed: 0 });
// A "rollout": once asked, patch every pod's labels so each watcher receives 1,000 events.
process.stdin.on('data', (d) => {
  if (d.toString().trim() !== 'rollout') return;
  for (let i = 0; i < 1000; i++) cluster.admin.patch('pods', 'default', `p-${i}`, { metadata: { labels: { rev: '2' } } });
  process.stdout.write('rolled\n');
});
process.stdout.write(`${JSON.stringify({ url: h.url, token: h.tokens.admin, ca: h.caPem })}\n`);
