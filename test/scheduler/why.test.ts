import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx:1.27
${extra}`;

describe('kubedojo why', () => {
  it('explains a pending pod node by node', () => {
    const e = createEnvironment({ seed: 1 });
    expect(sh(e, 'kubectl apply -f -', pod('ssd-only', '  nodeSelector:\n    disk: ssd\n')).code).toBe(0);
    e.world.advance(2_000);
    const r = sh(e, 'why pod/ssd-only');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Unschedulable: 0\/\d+ nodes are available: \d+ node\(s\) didn't match Pod's node affinity\/selector\./);
    expect(r.out).toMatch(/NodeAffinity +node\(s\) didn't match Pod's node affinity\/selector/);
  });

  it('shows the weighted scores of a scheduled pod, and plain errors for bad input', () => {
    const e = createEnvironment({ seed: 1 });
    sh(e, 'kubectl apply -f -', pod('web'));
    e.world.advance(2_000);
    const r = sh(e, 'why web');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Scheduled to \S+/);
    expect(sh(e, 'why pod/missing').err).toBe('Error from server (NotFound): pods "missing" not found\n');
    expect(sh(e, 'why deployment/web').code).toBe(1);
    expect(sh(e, 'why').err).toContain('Usage: why pod/<name>');
  });

  it('says why a pod for another scheduler never moves', () => {
    const e = createEnvironment({ seed: 1 });
    sh(e, 'kubectl apply -f -', pod('custom', '  schedulerName: my-scheduler\n'));
    e.world.advance(2_000);
    expect(sh(e, 'why pod/custom').out).toContain('asks for scheduler "my-scheduler"');
  });
});
