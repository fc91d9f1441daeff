import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1.js';
import { createWorld } from '../../src/cluster/profiles/index.js';

describe('controllers on the default cluster', () => {
  it('nodes stay Ready and untainted while their kubelets heartbeat', () => {
    const { world, cluster } = createWorld({ seed: 1 });
    world.advance(10 * 60_000);
    const nodes = cluster.admin.items<Node>('nodes');
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect((n.spec?.taints ?? []).filter((t) => t.key.startsWith('node.kubernetes.io/'))).toEqual([]);
    }
    for (const ns of ['default', 'kube-system']) expect(cluster.admin.get('serviceaccounts', ns, 'default').ok).toBe(true);
  });
});
