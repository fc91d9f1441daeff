import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { Random } from '../../src/cluster/random.js';
import type { Handle } from '../../src/cluster/scheduler/handle.js';
import type { AffinityIndexes } from '../../src/cluster/scheduler/affinity-index.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../../src/cluster/scheduler/pod-info.js';
import { setPluginFactory } from '../../src/cluster/scheduler/registry.js';
import { interPodAffinity } from '../../src/cluster/scheduler/plugins/inter-pod-affinity.js';
import { addNode, addPod, setup } from './helpers.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** The reference: every call walks every pod of every node (what PreFilter did before the index). */
function bruteForce(h: Handle): AffinityIndexes {
  const ns = (n: string) => h.nsLabels(n);
  const add = (m: Map<string, number>, v: string) => m.set(v, (m.get(v) ?? 0) + 1);
  return {
    matchingCounts(terms: readonly AffinityTerm[], key: string) {
      const m = new Map<string, number>();
      for (const n of h.nodes()) {
        const v = n.labels[key];
        if (v === undefined) continue;
        for (const p of n.pods) if (terms.every((t) => termMatches(t, p, ns))) add(m, v);
      }
      return m;
    },
    existingAntiAgainst(pod: PodInfo) {
      const out: { key: string; counts: Map<string, number> }[] = [];
      for (const n of h.nodes()) {
        for (const p of n.pods) {
          for (const t of p.requiredAntiAffinity) {
            const v = n.labels[t.topologyKey];
            if (v !== undefined && termMatches(t, pod, ns)) out.push({ key: t.topologyKey, counts: new Map([[v, 1]]) });
          }
        }
      }
      return out;
    },
  } as unknown as AffinityIndexes;
}

function term(app: string, key: string, namespaces?: string[]) {
  return { labelSelector: { matchLabels: { app } }, topologyKey: key, ...(namespaces ? { namespaces } : {}) };
}

/** Seeded churn: pods with required affinity / anti-affinity (own and existing pods'), deletions, relabelled and removed nodes. */
function workload(c: Cluster, seed: number): Map<string, string | undefined> {
  const rng = new Random(seed);
  const nodes: string[] = [];
  for (let i = 0; i < 10; i++) {
    nodes.push(`n${i}`);
    addNode(c, `n${i}`, { pods: '8', zone: i % 4 === 3 ? undefined : `z${i % 3}` });
  }
  c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other', labels: { team: 'a' } } });
  const pods: [string, string][] = [];
  for (let step = 0; step < 140; step++) {
    const r = rng.int(20);
    if (r < 14) {
      const name = `p${step}`;
      const app = ['web', 'db', 'cache'][rng.int(3)]!;
      const namespace = rng.int(4) === 0 ? 'other' : 'default';
      const kind = rng.int(6);
      let affinity: Record<string, unknown> | undefined;
      if (kind === 0) affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app, HOST)] } };
      if (kind === 1) affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE, ['default', 'other'])] } };
      if (kind === 2) affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', ZONE), term(app, ZONE)] } };
      if (kind === 3) affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: HOST, namespaceSelector: { matchLabels: { team: 'a' } } }] } };
      addPod(c, name, { namespace, labels: { app }, spec: affinity ? { affinity } : {} });
      pods.push([namespace, name]);
    } else if (r < 17 && pods.length > 0) {
      const [ns, victim] = pods.splice(rng.int(pods.length), 1)[0]!;
      c.admin.delete('pods', ns, victim, { gracePeriodSeconds: 0 });
    } else if (r < 19) {
      const name = nodes[rng.int(nodes.length)]!;
      const n = c.admin.get('nodes', undefined, name);
      if (n.ok) c.admin.update('nodes', undefined, name, { ...n.object, metadata: { ...n.object.metadata, labels: { ...n.object.metadata?.labels, [ZONE]: `z${rng.int(4)}` } } });
    } else if (nodes.length > 5) {
      c.admin.delete('nodes', undefined, nodes.splice(rng.int(nodes.length), 1)[0]!);
    }
    c.advance(500);
  }
  c.advance(30_000);
  const out = new Map<string, string | undefined>();
  for (const ns of ['default', 'other']) for (const p of c.admin.items('pods', ns)) out.set(`${ns}/${p.metadata!.name!}`, (p.spec as { nodeName?: string }).nodeName);
  return out;
}

describe('InterPodAffinity counts kept by the cache', () => {
  afterEach(() => setPluginFactory('InterPodAffinity', interPodAffinity));

  it('place a seeded churn exactly as walking every pod each cycle does', () => {
    for (const seed of [1, 2]) {
      const fast = workload(setup(seed).c, seed);
      setPluginFactory('InterPodAffinity', (h) => interPodAffinity({ ...h, affinityCounts: () => bruteForce(h) }));
      const slow = workload(setup(seed).c, seed);
      setPluginFactory('InterPodAffinity', interPodAffinity);
      expect(fast.size).toBeGreaterThan(40);
      expect([...fast.values()].filter((n) => n === undefined).length).toBeGreaterThan(0);
      expect([...fast]).toEqual([...slow]);
    }
  });
});
