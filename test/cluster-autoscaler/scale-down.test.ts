import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/commands/environment.js';
import { advance, apply, ca, deployment, env, events, ok, pool, userNodes, userPool } from './helpers.js';

/** 1 → 3 user nodes for 6 web pods, all Running; then web scaled to 1 so two nodes are unneeded. */
function grownThenIdle(e: Environment, extra: Record<string, unknown> = {}): void {
  userPool(e, 1, 5);
  apply(e, deployment('web', 6, '700m', extra));
  advance(e, 4 * 60_000);
  expect(userNodes(e)).toHaveLength(3);
  ok(e, 'kubectl scale deployment web --replicas=1');
  advance(e, 20_000);
}

describe('cluster autoscaler: scale-down', () => {
  it('removes unneeded nodes after 10 minutes unneeded (not 9), never below min', () => {
    const e = env();
    grownThenIdle(e);
    // scale-down-delay-after-add (10m from the scale-up) and 10m unneeded overlap; count from the scale-down.
    const start = e.world.clock.now();
    e.world.advanceUntil(() => userNodes(e).length < 3, 30 * 60_000);
    const took = e.world.clock.now() - start;
    expect(took).toBeGreaterThanOrEqual(9 * 60_000);
    // Leave time for the rest: the pool ends at its min of 1 and stays there.
    advance(e, 40 * 60_000);
    expect(pool(e).count).toBe(1);
    expect(userNodes(e)).toHaveLength(1);
    expect(events(e, 'ScaleDown').some((x) => x.message === 'marked the node as toBeDeleted/unschedulable')).toBe(true);
  });

  it('an unneeded node is removed only once unneeded for scale-down-unneeded-time', () => {
    const e = env();
    userPool(e, 1, 3, 2);
    advance(e, 30_000);
    // Both nodes are empty (DaemonSets only); min 1 → one of them goes.
    advance(e, 9 * 60_000);
    expect(userNodes(e)).toHaveLength(2);
    advance(e, 2 * 60_000);
    expect(userNodes(e).length).toBe(1);
    expect(events(e, 'ScaleDownEmpty').map((x) => x.message)[0]).toMatch(/^Scale-down: removing empty node "aks-userpool-\d+-vmss00000[01]"$/);
  });
});

describe('cluster autoscaler: delays and bounds', () => {
  it('scale-down-delay-after-add holds scale-down for 10 minutes after a scale-up, however short the unneeded time', () => {
    const e = env();
    userPool(e, 1, 5);
    ok(e, 'az aks update -g myResourceGroup -n myAKSCluster --cluster-autoscaler-profile scale-down-unneeded-time=1m -o none');
    apply(e, deployment('web', 6));
    advance(e, 15_000);
    expect(pool(e).count).toBe(3);
    const scaledUp = e.world.clock.now();
    ok(e, 'kubectl scale deployment web --replicas=0');
    e.world.advanceUntil(() => pool(e).count < 3, 20 * 60_000);
    expect(e.world.clock.now() - scaledUp).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('--update-cluster-autoscaler with a min above the current count: the autoscaler brings the pool up to min', () => {
    const e = env();
    userPool(e, 1, 3);
    ok(e, 'az aks nodepool update -g myResourceGroup --cluster-name myAKSCluster -n userpool --update-cluster-autoscaler --min-count 2 --max-count 4 -o none');
    advance(e, 4 * 60_000);
    expect(pool(e)).toMatchObject({ count: 2, minCount: 2, maxCount: 4 });
    expect(userNodes(e)).toHaveLength(2);
  });

  it('max-empty-bulk-delete bounds how many empty nodes are being deleted at once', () => {
    const e = env();
    userPool(e, 1, 6, 5);
    ok(e, 'az aks update -g myResourceGroup -n myAKSCluster --cluster-autoscaler-profile max-empty-bulk-delete=2 -o none');
    let most = 0;
    for (let t = 0; t < 20 * 60; t += 5) {
      advance(e, 5000);
      most = Math.max(most, ca(e).deleter.inProgress().size);
    }
    expect(most).toBe(2);
    expect(userNodes(e)).toHaveLength(1);
  });
});
