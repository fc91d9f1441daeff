/**
 * The describe oracle: real kubectl's `describe` against serve (it formats on
 * its side from the objects and events kubedojo serves) equals the built-in
 * `describe` byte for byte. Real kubectl measures ages against this machine's
 * clock, so the world starts at the wall clock's "now" less the setup's
 * length, and the clock stays stopped while both run: every age is minutes
 * old, mid-minute, so the seconds the test takes don't change a printed age.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { harness, hasKubectl, type Harness } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;
if (!hasKubectl) console.warn('skipping the describe oracle: no kubectl at /usr/bin/kubectl');

const SETUP_MS = 20 * 60_000 + 40_000;

d('built-in describe equals real kubectl describe against serve', () => {
  let h: Harness;
  // Aligning simulated time with real kubectl's clock is the one use of wall time here.
  const env = createEnvironment({ seed: 14, epoch: Math.floor(Date.now() / 1000) * 1000 - SETUP_MS });
  let node = '';
  beforeAll(async () => {
    for (const line of [
      'kubectl create namespace shop',
      'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80',
      'kubectl expose deployment web --port=80 --target-port=80',
      'kubectl expose deployment web --name=web-lb --type=LoadBalancer --port=80',
      'kubectl create deployment api --image=nginx:1.27 --replicas=1',
      'kubectl set env deployment/api COLOR=blue',
      // One key: kubectl prints a ConfigMap's data in Go map order, which is random.
      'kubectl create configmap settings --from-literal=color=blue -n shop',
      'kubectl label namespace shop team=blue',
    ]) {
      const r = sh(env, line);
      if (r.code !== 0) throw new Error(`${line}: ${r.err}`);
    }
    env.world.advance(SETUP_MS);
    node = sh(env, 'kubectl get pods -l app=web -o jsonpath={.items[0].spec.nodeName}').out.trim();
    h = await harness(env.world);
  });
  afterAll(async () => {
    await h.close();
  });

  const cases = () => [
    'describe deployment web',
    'describe deployment api',
    'describe replicasets',
    'describe pods -l app=web',
    'describe pods -l app=api',
    'describe service web',
    'describe service web-lb',
    `describe node ${node}`,
    'describe configmap settings -n shop',
    'describe namespace shop',
    'describe namespace default',
  ];
  const labels = ['deployment web', 'deployment api (rolled out)', 'replicasets', 'pods of web', 'pods of api', 'service web', 'service web-lb (LoadBalancer)', "a web pod's node", 'configmap', 'namespace shop', 'namespace default'];
  labels.forEach((label, i) => {
    it(`kubectl describe ${label}`, async () => {
      const c = cases()[i]!;
      const real = await h.kubectl(c.split(' '), { advanceMs: 0 });
      const mine = sh(env, `kubectl ${c}`);
      expect(`${c}\n${mine.out.replace(/\n$/, '')}`).toBe(`${c}\n${real.stdout.replace(/\n$/, '')}`);
      expect(mine.err.replace(/\n$/, '')).toBe(real.stderr.replace(/\n$/, ''));
    });
  });
});
