/**
 * The oracle: real kubectl against `serve` and kubedojo's built-in kubectl
 * print the same objects the same way (tables, yaml, json, jsonpath,
 * custom-columns). The clock is stopped, so AGE can't drift between them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { harness, hasKubectl, type Harness } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;

d('built-in kubectl equals real kubectl against serve', () => {
  let h: Harness;
  const env = createEnvironment({ seed: 11 });
  beforeAll(async () => {
    for (const line of [
      'kubectl create namespace shop',
      'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80',
      'kubectl create configmap settings --from-literal=color=blue -n shop',
      'kubectl create service clusterip api --tcp=8080:80 -n shop',
      'kubectl label namespace shop team=blue',
    ]) {
      const r = sh(env, line);
      if (r.code !== 0) throw new Error(`${line}: ${r.err}`);
    }
    env.world.advance(45_000);
    h = await harness(env.world);
  });
  afterAll(async () => {
    await h.close();
  });

  const cases = [
    'get namespaces',
    'get namespaces --show-labels',
    'get nodes',
    'get nodes -o wide',
    'get deployments',
    'get deployments -o wide',
    'get replicasets',
    'get pods -A',
    'get services -A',
    'get configmaps -n shop',
    'get configmap settings -n shop -o yaml',
    'get deployment web -o json',
    'get configmaps -n shop -o name',
    'get namespaces -o jsonpath={.items[*].metadata.name}',
    'get deployment web -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image,REPLICAS:.spec.replicas',
    'get serviceaccounts -n shop',
    'get pods nope',
  ];
  for (const c of cases) {
    it(`kubectl ${c}`, async () => {
      const real = await h.kubectl(c.split(' '), { advanceMs: 0 });
      const mine = sh(env, `kubectl ${c}`);
      expect(mine.out.replace(/\n$/, '')).toBe(real.stdout.replace(/\n$/, ''));
      expect(mine.err.replace(/\n$/, '')).toBe(real.stderr.replace(/\n$/, ''));
    });
  }
});
