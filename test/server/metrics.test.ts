/**
 * metrics.k8s.io through serve: real kubectl's `top` equals the built-in
 * `top` byte for byte (both read the aggregated API), the objects have
 * metrics-server's shape, and the group leaves discovery when metrics-server
 * stops, so real kubectl says the Metrics API is not available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { harness, hasKubectl, type Harness } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;
if (!hasKubectl) console.warn('skipping metrics.k8s.io tests: no kubectl at /usr/bin/kubectl');

d('metrics.k8s.io served to real kubectl', () => {
  let h: Harness;
  const env = createEnvironment({ seed: 12 });
  beforeAll(async () => {
    for (const line of ['kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80', 'kubectl label node --all tier=general']) {
      const r = sh(env, line);
      if (r.code !== 0) throw new Error(`${line}: ${r.err}`);
    }
    env.world.advance(60_000);
    h = await harness(env.world);
  });
  afterAll(async () => {
    await h.close();
  });

  const same = ['top nodes', 'top nodes --sort-by=memory', 'top nodes -l tier=general', 'top pods', 'top pods -A', 'top pods -n kube-system --containers', 'top pods --sort-by=cpu --no-headers', 'top pods -n kube-system --sort-by=memory -l k8s-app=kube-proxy', 'top pods -l app=web --sum', 'top pods nope', 'top nodes nope'];
  for (const c of same) {
    it(`kubectl ${c}`, async () => {
      const real = await h.kubectl(c.split(' '), { advanceMs: 0 });
      const mine = sh(env, `kubectl ${c}`);
      expect(mine.out.replace(/\n$/, '')).toBe(real.stdout.replace(/\n$/, ''));
      expect(mine.err.replace(/\n$/, '')).toBe(real.stderr.replace(/\n$/, ''));
    });
  }

  it('serves NodeMetrics and PodMetrics as metrics-server shapes them', async () => {
    const nodes = JSON.parse((await h.kubectl(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes'], { advanceMs: 0 })).stdout) as { kind: string; items: { metadata: { name: string; labels: Record<string, string> }; timestamp: string; window: string; usage: { cpu: string; memory: string } }[] };
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items).toHaveLength(3);
    const n = nodes.items[0]!;
    expect(n.metadata.labels.tier).toBe('general');
    expect(n.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(n.window).toMatch(/^20(\.\d+)?s$/);
    expect(n.usage.cpu).toMatch(/^\d+n$/);
    expect(n.usage.memory).toMatch(/^\d+Ki$/);
    const pod = sh(env, 'kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}').out.trim();
    const pm = JSON.parse((await h.kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${pod}`], { advanceMs: 0 })).stdout) as { kind: string; window: string; containers: { name: string; usage: { cpu: string } }[] };
    expect(pm.kind).toBe('PodMetrics');
    expect(pm.window).toBe('15s');
    expect(pm.containers.map((c) => c.name)).toEqual(['nginx']);
    const sel = JSON.parse((await h.kubectl(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb'], { advanceMs: 0 })).stdout) as { items: unknown[] };
    expect(sel.items).toHaveLength(3);
    const groups = (await h.kubectl(['api-versions'], { advanceMs: 0 })).stdout.split('\n');
    expect(groups).toContain('metrics.k8s.io/v1beta1');
  });

  it('leaves discovery when metrics-server stops', async () => {
    expect(sh(env, 'kubectl -n kube-system scale deployment metrics-server --replicas=0').code).toBe(0);
    env.world.advance(60_000);
    const fresh = ['--cache-dir', join(h.dir, 'cache-after')];
    const real = await h.kubectl([...fresh, 'top', 'nodes'], { advanceMs: 0 });
    expect(real.stderr.trim()).toBe('error: Metrics API not available');
    expect(sh(env, 'kubectl top nodes').err.trim()).toBe(real.stderr.trim());
    const raw = await h.kubectl([...fresh, 'get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes'], { advanceMs: 0 });
    expect(raw.stderr).toContain('NotFound');
    expect((await h.kubectl([...fresh, 'api-versions'], { advanceMs: 0 })).stdout).not.toContain('metrics.k8s.io');
  });
});
