import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { DEMO, playPlain } from '../../src/lessons/demo.js';

describe('kubedojo demo (plain)', () => {
  it('plays every step without a failing command, with replaced pods, a reachable load balancer and an HPA adding pods under load', () => {
    let text = '';
    const failed = playPlain(createEnvironment({ seed: 1 }), (t) => (text += t));
    expect(failed).toBe(0);
    expect(text.match(/^\$ /gm)).toHaveLength(DEMO.filter((s) => s.type).length);
    expect(text).toContain('<title>Welcome to nginx!</title>');
    expect(text).toMatch(/aks-nodepool1-\d{8}-vmss000000\s+NotReady/);
    const hpa = /^web\s+Deployment\/web\s+cpu: \d+%\/50%\s+3\s+10\s+(\d+)/m.exec(text);
    expect(Number(hpa?.[1])).toBeGreaterThan(3);
    expect(text).toMatch(/^web\s+LoadBalancer\s+10\.0\.\d+\.\d+\s+\d+\.\d+\.\d+\.\d+\s+80:3\d{4}\/TCP/m);
  });
});
