/**
 * `kubectl exec POD -- sh -c "curl … | …"`: the shell runs in the container,
 * and the network tools it calls reach the simulated network (Services, DNS,
 * kube-proxy), for the built-in kubectl and for real kubectl through serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { harness, hasKubectl, type Harness } from './kubectl-harness.js';

describe('network tools inside shell scripts run by exec', () => {
  const env = createEnvironment({ seed: 17 });
  let pod = '';
  beforeAll(() => {
    for (const line of ['kubectl create deployment web --image=nginx:1.27 --replicas=1 --port=80', 'kubectl expose deployment web --port=80']) {
      const r = sh(env, line);
      if (r.code !== 0) throw new Error(`${line}: ${r.err}`);
    }
    env.world.advance(60_000);
    pod = sh(env, 'kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}').out.trim();
  });

  it('pipes curl through the shell', () => {
    const r = sh(env, `kubectl exec ${pod} -- sh -c "curl -s http://web | grep -c nginx"`);
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe('3');
  });

  it('keeps the shell for the rest: exit codes, &&, and a failed lookup', () => {
    const ok = sh(env, `kubectl exec ${pod} -- sh -c "curl -s -o /dev/null http://web.default.svc.cluster.local && echo reached"`);
    expect(ok.out.trim()).toBe('reached');
    const bad = sh(env, `kubectl exec ${pod} -- sh -c "curl -sS http://nope || echo failed with \\$?"`);
    expect(bad.out.trim()).toBe('failed with 6');
    expect(bad.err).toContain('curl: (6)');
  });

  const d = hasKubectl ? describe : describe.skip;
  d('through serve with real kubectl', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness(env.world);
    });
    afterAll(async () => {
      await h.close();
    });
    it('prints the same as the built-in exec', async () => {
      const args = ['exec', pod, '--', 'sh', '-c', 'curl -s http://web | head -4'];
      const real = await h.kubectl(args, { advanceMs: 0 });
      const mine = sh(env, `kubectl exec ${pod} -- sh -c "curl -s http://web | head -4"`);
      expect(real.stdout).toContain('<title>Welcome to nginx!</title>');
      expect(mine.out.replace(/\n$/, '')).toBe(real.stdout.replace(/\n$/, ''));
    });
  });
});
