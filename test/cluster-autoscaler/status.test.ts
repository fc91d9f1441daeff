import { describe, expect, it } from 'vitest';
import { advance, apply, deployment, env, ok, pool, userPool } from './helpers.js';
import { sh } from '../helpers.js';

describe('cluster-autoscaler-status ConfigMap and why', () => {
  it('describes each autoscaled pool in the 1.30+ YAML format and follows a scale-up', () => {
    const e = env();
    userPool(e, 1, 3);
    advance(e, 10_000);
    const g = `aks-userpool-${pool(e).vmssId}-vmss`;
    let out = ok(e, 'kubectl describe configmap cluster-autoscaler-status -n kube-system');
    expect(out).toContain('Name:         cluster-autoscaler-status');
    expect(out).toContain('autoscalerStatus: Running');
    expect(out).toMatch(new RegExp(`- name: ${g}\\n  health:\\n    status: Healthy\\n    nodeCounts:\\n      registered:\\n        total: 1\\n        ready: 1\\n`));
    expect(out).toContain('    cloudProviderTarget: 1\n    minSize: 1\n    maxSize: 3\n');
    apply(e, deployment('web', 4));
    advance(e, 15_000);
    out = ok(e, 'kubectl get configmap cluster-autoscaler-status -n kube-system -o jsonpath={.data.status}');
    expect(out).toMatch(/clusterWide:\n {2}health:\n {4}status: Healthy\n[\s\S]* {2}scaleUp:\n {4}status: InProgress\n/);
    expect(out).toContain('    cloudProviderTarget: 2\n');
    const why = sh(e, 'why cluster-autoscaler').out;
    expect(why).toContain('scale-up: 2 pod(s) unschedulable (Insufficient cpu, node(s) didn\'t match Pod\'s node affinity/selector)');
    expect(why).toContain('pool userpool can fit 2 of them with +1 node(s) (template Standard_DS2_v2: 1900m cpu');
    expect(why).toContain(`expander random chose userpool (the only option): ${g} 1->2 (max: 3).`);
    advance(e, 4 * 60_000);
    out = ok(e, 'kubectl get configmap cluster-autoscaler-status -n kube-system -o jsonpath={.data.status}');
    expect(out).toMatch(/ {2}scaleUp:\n {4}status: NoActivity\n/);
  });

  it('why cluster-autoscaler with no autoscaled pool says so', () => {
    const e = env();
    expect(sh(e, 'why cluster-autoscaler').out).toContain('The cluster autoscaler is off');
  });
});
