import { describe, expect, it } from 'vitest';
import { ca, env, ok, run, userPool } from './helpers.js';

const UPDATE = 'az aks update -g myResourceGroup -n myAKSCluster --cluster-autoscaler-profile';

describe('cluster autoscaler profile', () => {
  it('az aks show prints the AKS defaults once a pool autoscales, with the settings applied', () => {
    const e = env();
    const before = JSON.parse(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster')) as { autoScalerProfile: unknown };
    expect(before.autoScalerProfile).toBeNull();
    userPool(e, 1, 3);
    ok(e, `${UPDATE} scan-interval=20s scale-down-unneeded-time=5m,expander=least-waste -o none`);
    const p = (JSON.parse(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster')) as { autoScalerProfile: Record<string, unknown> }).autoScalerProfile;
    expect(p).toMatchObject({ scanInterval: '20s', scaleDownUnneededTime: '5m', expander: 'least-waste', scaleDownDelayAfterAdd: '10m', scaleDownUtilizationThreshold: '0.5', skipNodesWithSystemPods: 'true', maxEmptyBulkDelete: '10', daemonsetEvictionForOccupiedNodes: true });
    expect(ca(e).settings).toMatchObject({ scanIntervalMs: 20_000, scaleDownUnneededMs: 300_000, expander: 'least-waste' });
    const pool = JSON.parse(ok(e, 'az aks nodepool show -g myResourceGroup --cluster-name myAKSCluster -n userpool')) as Record<string, unknown>;
    expect(pool).toMatchObject({ enableAutoScaling: true, minCount: 1, maxCount: 3 });
  });

  it('rejects unknown keys (the CLI) and bad values (the service) without changing anything', () => {
    const e = env();
    const bad = run(e, `${UPDATE} scan-intervals=20s`);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("'scan-intervals' is an invalid key for cluster-autoscaler-profile. Valid keys are balance-similar-node-groups, daemonset-eviction-for-empty-nodes");
    expect(run(e, `${UPDATE} scan-interval=20s, expander=random`).err).toContain('Empty key specified for cluster-autoscaler-profile');
    for (const kv of ['scan-interval=1m', 'scale-down-delay-after-add=30s', 'expander=biggest', 'scale-down-utilization-threshold=1.5', 'skip-nodes-with-system-pods=yes']) {
      const r = run(e, `${UPDATE} ${kv}`);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(`Invalid value specified for the cluster-autoscaler parameter '${kv.split('=')[0]}'. Please refer to https://aka.ms/cluster-autoscaler for more details.`);
    }
    expect(ca(e).settings.scanIntervalMs).toBe(10_000);
    expect(ca(e).settings.expander).toBe('random');
  });

  it('az aks create takes --cluster-autoscaler-profile and checks it the same way', () => {
    const e = env();
    expect(run(e, 'az aks create -g myResourceGroup -n second -c 1 --enable-cluster-autoscaler --min-count 1 --max-count 3 --cluster-autoscaler-profile expander=cheapest').err).toContain("Invalid value specified for the cluster-autoscaler parameter 'expander'.");
    ok(e, 'az aks create -g myResourceGroup -n second -c 1 -s Standard_DS2_v2 --enable-cluster-autoscaler --min-count 1 --max-count 3 --cluster-autoscaler-profile scan-interval=30s -o none');
    expect(JSON.parse(ok(e, 'az aks show -g myResourceGroup -n second --query autoScalerProfile.scanInterval'))).toBe('30s');
  });
});
