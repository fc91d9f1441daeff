import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/commands/environment.js';
import { advance, apply, deployment, env, events, ok, pool, userNodes, userPool } from './helpers.js';

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
