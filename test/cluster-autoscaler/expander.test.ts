import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/commands/environment.js';
import { advance, apply, deployment, env, ok, pool, userPool } from './helpers.js';

/** Two autoscaled pools both labelled pool=user: userpool (DS2_v2) and bigpool (DS3_v2); 2 pods of 700m pending. */
function twoPools(e: Environment, expander?: string): void {
  userPool(e, 1, 5);
  ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n bigpool -c 1 -s Standard_DS3_v2 --labels pool=user --enable-cluster-autoscaler --min-count 1 --max-count 5 -o none');
  if (expander) ok(e, `az aks update -g myResourceGroup -n myAKSCluster --cluster-autoscaler-profile expander=${expander} -o none`);
  // The two existing nodes take 2 + 4 pods of 700m; 2 more are left.
  apply(e, deployment('web', 8));
  advance(e, 15_000);
}

function grown(e: Environment): string[] {
  return ['userpool', 'bigpool'].filter((n) => pool(e, n).count > 1);
}

describe('cluster autoscaler: expanders', () => {
  it('least-waste picks the pool whose new node is least empty (DS2_v2 for 2 × 700m)', () => {
    const e = env();
    twoPools(e, 'least-waste');
    expect(grown(e)).toEqual(['userpool']);
    expect(pool(e, 'userpool').count).toBe(2);
  });

  it('priority follows the cluster-autoscaler-priority-expander ConfigMap', () => {
    const e = env();
    apply(e, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-autoscaler-priority-expander', namespace: 'kube-system' }, data: { priorities: '10:\n  - .*userpool.*\n50:\n  - .*bigpool.*\n' } }));
    twoPools(e, 'priority');
    expect(grown(e)).toEqual(['bigpool']);
  });

  it('random is the default and the same seed makes the same choice', () => {
    const a = env(7);
    twoPools(a);
    const b = env(7);
    twoPools(b);
    expect(grown(a)).toHaveLength(1);
    expect(grown(a)).toEqual(grown(b));
    expect(JSON.parse(ok(a, 'az aks show -g myResourceGroup -n myAKSCluster --query autoScalerProfile.expander'))).toBe('random');
  });
});
