import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import type { Pod } from 'kubernetes-types/core/v1.js';

const GATED = `apiVersion: v1
kind: Pod
metadata:
  name: gated
spec:
  schedulingGates:
  - name: example.com/foo
  - name: example.com/bar
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.10
`;

describe('scheduling gates', () => {
  it('a gated pod reads PodScheduled=False/SchedulingGated, shows SchedulingGated, may only lose gates, and is scheduled once they are gone', () => {
    const e = createEnvironment({ seed: 1 });
    expect(sh(e, 'kubectl apply -f -', GATED).code).toBe(0);
    e.world.advance(30_000);
    const get = () => JSON.parse(sh(e, 'kubectl get pod gated -o json').out) as Pod;
    expect(get().status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }]);
    expect(get().spec?.nodeName).toBeUndefined();
    expect(sh(e, 'kubectl get pod gated').out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\ngated +0\/1 +SchedulingGated +0 +30s\n$/);
    expect(sh(e, 'kubectl get events --field-selector involvedObject.name=gated').out).not.toContain('FailedScheduling');

    const added = sh(e, `kubectl patch pod gated --type=json -p '[{"op":"add","path":"/spec/schedulingGates/-","value":{"name":"example.com/another"}}]'`);
    expect(added.code).toBe(1);
    expect(added.err).toBe(`The Pod "gated" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/another'\n`);

    expect(sh(e, `kubectl patch pod gated --type=json -p '[{"op":"remove","path":"/spec/schedulingGates/0"}]'`).code).toBe(0);
    e.world.advance(10_000);
    expect(get().spec?.nodeName).toBeUndefined();
    expect(sh(e, 'kubectl get pod gated').out).toContain('SchedulingGated');

    expect(sh(e, `kubectl patch pod gated --type=json -p '[{"op":"remove","path":"/spec/schedulingGates"}]'`).code).toBe(0);
    e.world.advance(10_000);
    const p = get();
    expect(p.spec?.nodeName).toMatch(/^aks-nodepool1-/);
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    expect(sh(e, 'kubectl get pod gated').out).not.toContain('SchedulingGated');
  });
});
