/**
 * kubectl command latency (parse + API + print), through the same Shell the
 * TUI and `kubedojo run` use: `get pods` at 100 / 1,000 / 10,000 pods,
 * `get pods -A -o wide`, `get pods -o yaml`, `describe node` with the pods on it.
 */
import { createEnvironment } from '../src/commands/environment.js';

function time(label: string, runs: number, fn: () => void): void {
  fn();
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t) / runs;
  console.log(`kubectl/${label}: ${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
}

export function kubectlBench(): void {
  const env = createEnvironment({ seed: 1 });
  const cluster = env.session.cluster()!;
  const nodes = cluster.admin.items('nodes').map((n) => n.metadata?.name ?? '');
  let bytes = 0;
  const exec = (line: string) => env.shell.exec(line, { out: (s) => (bytes += s.length), err: (s) => (bytes += s.length) });
  let made = 0;
  const grow = (n: number) => {
    for (; made < n; made++) {
      cluster.admin.create('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${made}`, labels: { app: 'web' } },
        spec: { nodeName: nodes[made % Math.max(1, nodes.length)], containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      });
    }
  };
  for (const n of [100, 1000, 10_000]) {
    grow(n);
    time(`get-pods-${n}`, n >= 10_000 ? 3 : 10, () => exec('kubectl get pods'));
  }
  time('get-pods-A-o-wide-10000', 3, () => exec('kubectl get pods -A -o wide'));
  time('get-pods-o-name-10000', 3, () => exec('kubectl get pods -o name'));
  time('get-pod-o-yaml', 50, () => exec('kubectl get pod web-1 -o yaml'));
  time('get-pods-o-json-10000', 1, () => exec('kubectl get pods -o json'));
  if (nodes[0]) time(`describe-node-${Math.round(10_000 / Math.max(1, nodes.length))}-pods`, 5, () => exec(`kubectl describe node ${nodes[0]}`));
  time('describe-pod', 50, () => exec('kubectl describe pod web-1'));
  console.log(`kubectl/output: ${(bytes / 1048576).toFixed(1)} MiB printed in total`);
}
