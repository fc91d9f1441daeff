/**
 * `kubectl autoscale` flags: the newer `--cpu`/`--memory` (a percentage is a
 * utilization target, a quantity an average value) and the deprecated
 * `--cpu-percent`, which still works but says so.
 */
import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { CPU_PERCENT_DEPRECATED } from '../../src/commands/kubectl/autoscale.js';

function env(): Environment {
  const e = createEnvironment({ seed: 1 });
  expect(sh(e, 'kubectl create deployment web --image=nginx').code).toBe(0);
  return e;
}

const hpa = (e: Environment) => e.session.cluster()!.admin.get('horizontalpodautoscalers.autoscaling', 'default', 'web');

describe('kubectl autoscale', () => {
  it('--cpu=50% targets utilization and --memory=512Mi an average value', () => {
    const e = env();
    const r = sh(e, 'kubectl autoscale deployment web --cpu=50% --memory=512Mi --min=2 --max=10');
    expect(r).toMatchObject({ code: 0, out: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', err: '' });
    const got = hpa(e);
    expect(got.ok).toBe(true);
    const spec = (got.ok ? (got.object as HorizontalPodAutoscaler) : undefined)!.spec!;
    expect(spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
    ]);
    expect(spec.minReplicas).toBe(2);
  });

  it('--cpu=500m targets an average value; --dry-run=client prints autoscaling/v2', () => {
    const e = env();
    const r = sh(e, 'kubectl autoscale deployment web --cpu=500m --max=4 --dry-run=client -o yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('apiVersion: autoscaling/v2\n');
    expect(r.out).toContain('averageValue: 500m');
    expect(hpa(e).ok).toBe(false);
  });

  it('--cpu-percent still works and prints the deprecation', () => {
    const e = env();
    const r = sh(e, 'kubectl autoscale deployment web --cpu-percent=50 --max=4');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${CPU_PERCENT_DEPRECATED}\n`);
    const got = hpa(e);
    expect(got.ok && (got.object as HorizontalPodAutoscaler).spec?.metrics?.[0]?.resource?.target.averageUtilization).toBe(50);
  });

  it('rejects a value that is neither a percentage nor a quantity, creating nothing', () => {
    const e = env();
    const rev = e.session.cluster()!.store.revision;
    const r = sh(e, 'kubectl autoscale deployment web --cpu=fifty --max=4');
    expect(r.code).toBe(1);
    expect(r.err).toContain('invalid argument "fifty" for "--cpu" flag');
    expect(e.session.cluster()!.store.revision).toBe(rev);
  });
});
