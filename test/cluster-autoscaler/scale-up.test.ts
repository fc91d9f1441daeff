import { describe, expect, it } from 'vitest';
import { advance, apply, deployment, env, events, ok, pods, pool, userNodes, userPool, run } from './helpers.js';

describe('cluster autoscaler: scale-up', () => {
  it('adds exactly enough nodes for the Pending pods (2 × 700m per DS2_v2 node: 1900m allocatable, 310m of DaemonSets), and they run', () => {
    const e = env();
    userPool(e, 1, 5);
    expect(userNodes(e)).toHaveLength(1);
    // 6 pods of 700m: the existing node takes 2, 4 are left → +2 nodes.
    apply(e, deployment('web', 6));
    advance(e, 15_000);
    expect(pool(e).count).toBe(3);
    const up = events(e, 'TriggeredScaleUp');
    expect(up).toHaveLength(4);
    expect(up[0]!.message).toBe(`pod triggered scale-up: [{aks-userpool-${pool(e).vmssId}-vmss 1->3 (max: 5)}]`);
    expect(events(e, 'ScaledUpGroup')[0]!.message).toBe(`Scale-up: setting group aks-userpool-${pool(e).vmssId}-vmss size to 3 instead of 1 (max: 5)`);
    advance(e, 4 * 60_000);
    expect(userNodes(e)).toHaveLength(3);
    expect(pods(e, 'app=web').every((p) => p.status.phase === 'Running')).toBe(true);
    // No second scale-up while the new VMs booted.
    expect(pool(e).count).toBe(3);
  });

  it('never goes above max: NotTriggerScaleUp once the pool is at max', () => {
    const e = env();
    userPool(e, 1, 2);
    apply(e, deployment('web', 6));
    advance(e, 5 * 60_000);
    expect(pool(e).count).toBe(2);
    expect(userNodes(e)).toHaveLength(2);
    const not = events(e, 'NotTriggerScaleUp');
    expect(not.length).toBeGreaterThan(0);
    expect(not[0]!.message).toBe("pod didn't trigger scale-up: 1 max node group size reached");
  });

  it('NotTriggerScaleUp when no pool template matches the node selector', () => {
    const e = env();
    userPool(e, 1, 3);
    apply(e, deployment('gpu', 1, '100m', { podSpec: { nodeSelector: { pool: 'gpu' } } }));
    advance(e, 30_000);
    expect(pool(e).count).toBe(1);
    expect(events(e, 'NotTriggerScaleUp')[0]!.message).toBe("pod didn't trigger scale-up: 1 node(s) didn't match Pod's node affinity/selector");
  });

  it('az aks nodepool scale on an autoscaled pool fails with Azure\'s message', () => {
    const e = env();
    userPool(e, 1, 3);
    const r = run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n userpool -c 4');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Cannot scale cluster autoscaler enabled node pool.');
    ok(e, 'az aks nodepool update -g myResourceGroup --cluster-name myAKSCluster -n userpool --disable-cluster-autoscaler -o none');
    ok(e, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n userpool -c 2 -o none');
    expect(userNodes(e)).toHaveLength(2);
  });
});
