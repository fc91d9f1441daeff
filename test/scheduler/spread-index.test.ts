import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { Random } from '../../src/cluster/random.js';
import { matchesLabels } from '../../src/cluster/api/selectors.js';
import type { Handle } from '../../src/cluster/scheduler/handle.js';
import type { SpreadCounts } from '../../src/cluster/scheduler/spread-index.js';
import { setPluginFactory } from '../../src/cluster/scheduler/registry.js';
import { podTopologySpread } from '../../src/cluster/scheduler/plugins/pod-topology-spread.js';
import { addNode, addPod, setup } from './helpers.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** The reference: every call recounts every node's pods from scratch (what PreFilter did before the index). */
function bruteForce(h: Handle): NonNullable<Handle['spreadCounts']> {
  return (ns, sel, key, keys): SpreadCounts => {
    const domains = new Map<string, number>();
    const perNode = new Map<string, number>();
    for (const n of h.nodes()) {
      let count = 0;
      for (const p of n.pods) if (sel && p.namespace === ns && !p.terminating && matchesLabels(sel, p.labels)) count++;
      if (count > 0) perNode.set(n.name, count);
      if (keys.every((k) => n.labels[k] !== undefined)) domains.set(n.labels[key]!, (domains.get(n.labels[key]!) ?? 0) + count);
    }
    return { domains, perNode, min: () => (domains.size === 0 ? 0 : Math.min(...domains.values())) };
  };
}

/**
 * A seeded churn: nodes in three zones (some without a zone label), pods with
 * zone and hostname constraints (hard and soft, some with a nodeSelector so
 * the per-node path is used, some owned by a ReplicaSet for the default
 * constraints), pods deleted, nodes relabelled, cordoned and removed.
 */
function workload(c: Cluster, seed: number): Map<string, string | undefined> {
  const rng = new Random(seed);
  const nodes: string[] = [];
  for (let i = 0; i < 12; i++) {
    const name = `n${i}`;
    nodes.push(name);
    addNode(c, name, { cpu: '4', pods: '12', zone: i % 5 === 4 ? undefined : `z${i % 3}`, labels: i % 2 === 0 ? { disk: 'ssd' } : {} });
  }
  c.admin.create('replicasets.apps', 'default', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs' },
    spec: { replicas: 0, selector: { matchLabels: { app: 'rs' } }, template: { metadata: { labels: { app: 'rs' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const pods: string[] = [];
  for (let step = 0; step < 160; step++) {
    const r = rng.int(20);
    if (r < 14) {
      const name = `p${step}`;
      const app = ['web', 'api', 'rs'][rng.int(3)]!;
      const kind = rng.int(6);
      const spec: Record<string, unknown> = {};
      const sel = { matchLabels: { app } };
      if (kind === 0) spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }];
      if (kind === 1) spec.topologySpreadConstraints = [{ maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel }, { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: sel }];
      if (kind === 2) spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, minDomains: 4 }];
      if (kind === 3) {
        spec.nodeSelector = { disk: 'ssd' };
        spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, nodeTaintsPolicy: 'Honor' }];
      }
      addPod(c, name, { cpu: '250m', labels: { app }, spec });
      pods.push(name);
    } else if (r < 17 && pods.length > 0) {
      const victim = pods.splice(rng.int(pods.length), 1)[0]!;
      c.admin.delete('pods', 'default', victim, { gracePeriodSeconds: 0 });
    } else if (r < 19) {
      const name = nodes[rng.int(nodes.length)]!;
      const n = c.admin.get('nodes', undefined, name);
      if (n.ok) {
        const labels = { ...(n.object.metadata?.labels ?? {}), [ZONE]: `z${rng.int(4)}` };
        const spec = { ...((n.object.spec as object) ?? {}), taints: rng.int(2) === 0 ? [{ key: 'busy', effect: 'NoSchedule' }] : undefined };
        c.admin.update('nodes', undefined, name, { ...n.object, metadata: { ...n.object.metadata, labels }, spec });
      }
    } else if (nodes.length > 6) {
      const name = nodes.splice(rng.int(nodes.length), 1)[0]!;
      c.admin.delete('nodes', undefined, name);
    }
    c.advance(500);
  }
  c.advance(30_000);
  const out = new Map<string, string | undefined>();
  for (const p of c.admin.items('pods', 'default')) out.set(p.metadata!.name!, (p.spec as { nodeName?: string }).nodeName);
  return out;
}

describe('PodTopologySpread counts kept by the cache', () => {
  afterEach(() => setPluginFactory('PodTopologySpread', podTopologySpread));

  it('place a seeded churn exactly as a full recount every cycle does', () => {
    for (const seed of [1, 2]) {
      const fast = workload(setup(seed).c, seed);
      setPluginFactory('PodTopologySpread', (h) => podTopologySpread({ ...h, spreadCounts: bruteForce(h) }));
      const slow = workload(setup(seed).c, seed);
      setPluginFactory('PodTopologySpread', podTopologySpread);
      expect(fast.size).toBeGreaterThan(40);
      expect([...fast.values()].filter((n) => n === undefined).length).toBeGreaterThan(0);
      expect([...fast]).toEqual([...slow]);
    }
  });

  it('hold the same counts as a recount after the churn', () => {
    const { c, s } = setup(4);
    workload(c, 4);
    const h = { nodes: () => s.cache.nodes() } as Handle;
    const sel = (app: string) => [{ key: 'app', op: '=' as const, value: app }];
    for (const app of ['web', 'api', 'rs', 'none']) {
      for (const [key, keys] of [[ZONE, [ZONE]], [HOST, [HOST, ZONE]], [ZONE, [HOST, ZONE]]] as const) {
        const got = s.cache.spread.get('default', sel(app), key, keys);
        const want = bruteForce(h)('default', sel(app), key, keys);
        expect({ app, key, domains: new Map([...got.domains].sort()), min: got.min() }).toEqual({ app, key, domains: new Map([...want.domains].sort()), min: want.min() });
        for (const n of s.cache.nodes()) expect(got.perNode.get(n.name) ?? 0).toBe(want.perNode.get(n.name) ?? 0);
      }
    }
  });
});
