/** Affinity, spreading, preemption and validation, end to end through the API. */
import { describe, expect, it } from 'vitest';
import { addNode, addPod, eventsFor, nodeOf, pod, scheduledCondition, setup } from './helpers.js';

const antiAffinity = (app: string, key = 'kubernetes.io/hostname') => ({
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: key }] } },
});

describe('inter-pod affinity', () => {
  it('required anti-affinity spreads replicas one per node, and the extra one waits', () => {
    const { c } = setup();
    for (let i = 0; i < 3; i++) addNode(c, `n${i}`);
    for (let i = 0; i < 4; i++) addPod(c, `web-${i}`, { labels: { app: 'web' }, spec: antiAffinity('web') });
    c.runUntilIdle();
    const placed = [0, 1, 2].map((i) => nodeOf(c, `web-${i}`));
    expect(new Set(placed).size).toBe(3);
    expect(nodeOf(c, 'web-3')).toBeUndefined();
    expect(scheduledCondition(c, 'web-3')?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it("existing pods' anti-affinity keeps newcomers away", () => {
    const { c } = setup();
    addNode(c, 'n0');
    addNode(c, 'n1');
    addPod(c, 'loner', { labels: { app: 'loner' }, spec: antiAffinity('web') });
    c.runUntilIdle();
    const lonerNode = nodeOf(c, 'loner');
    for (let i = 0; i < 3; i++) addPod(c, `web-${i}`, { labels: { app: 'web' } });
    c.runUntilIdle();
    for (let i = 0; i < 3; i++) expect(nodeOf(c, `web-${i}`)).not.toBe(lonerNode);
  });

  it('required affinity follows the pods it names; the first of a self-affine group may go anywhere', () => {
    const { c } = setup();
    for (let i = 0; i < 4; i++) addNode(c, `n${i}`);
    addPod(c, 'db', { labels: { app: 'db' } });
    c.runUntilIdle();
    const dbNode = nodeOf(c, 'db');
    const affinity = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    for (let i = 0; i < 3; i++) addPod(c, `cache-${i}`, { spec: affinity });
    addPod(c, 'orphan', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nothing' } }, topologyKey: 'kubernetes.io/hostname' }] } } } });
    c.runUntilIdle();
    for (let i = 0; i < 3; i++) expect(nodeOf(c, `cache-${i}`)).toBe(dbNode);
    expect(scheduledCondition(c, 'orphan')?.message).toMatch(/^0\/4 nodes are available: 4 node\(s\) didn't match pod affinity rules\. preemption: 0\/4 nodes are available: 4 Preemption is not helpful for scheduling\.$/);
  });

  it('namespaceSelector picks the namespaces whose pods count', () => {
    const { c } = setup();
    addNode(c, 'n0');
    addNode(c, 'n1');
    c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } });
    addPod(c, 'a-web', { namespace: 'team-a', labels: { app: 'web' } });
    c.runUntilIdle();
    const taken = nodeOf(c, 'a-web', 'team-a');
    addPod(c, 'b', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'a' } }, topologyKey: 'kubernetes.io/hostname' }] } } } });
    c.runUntilIdle();
    expect(nodeOf(c, 'b')).toBeDefined();
    expect(nodeOf(c, 'b')).not.toBe(taken);
  });
});

describe('topology spread', () => {
  it('DoNotSchedule keeps zone skew within maxSkew', () => {
    const { c } = setup();
    addNode(c, 'a1', { zone: 'a', cpu: '8' });
    addNode(c, 'a2', { zone: 'a', cpu: '8' });
    addNode(c, 'b1', { zone: 'b', cpu: '8' });
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    for (let i = 0; i < 6; i++) addPod(c, `web-${i}`, { labels: { app: 'web' }, spec: spread });
    c.runUntilIdle();
    const zones = Array.from({ length: 6 }, (_, i) => nodeOf(c, `web-${i}`)![0]);
    expect(zones.filter((z) => z === 'a')).toHaveLength(3);
    expect(zones.filter((z) => z === 'b')).toHaveLength(3);
  });

  it('a node without the topology key is rejected as missing the label', () => {
    const { c } = setup();
    addNode(c, 'nozone');
    addPod(c, 'p', { labels: { app: 'web' }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] } });
    c.runUntilIdle();
    expect(scheduledCondition(c, 'p')?.message).toMatch(/^0\/1 nodes are available: 1 node\(s\) didn't match pod topology spread constraints \(missing required label\)\./);
  });

  it('default constraints spread pods of a Service across nodes', () => {
    const { c } = setup();
    for (let i = 0; i < 3; i++) addNode(c, `n${i}`, { zone: `z${i}` });
    c.admin.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    for (let i = 0; i < 6; i++) addPod(c, `web-${i}`, { labels: { app: 'web' } });
    c.runUntilIdle();
    const counts = new Map<string, number>();
    for (let i = 0; i < 6; i++) counts.set(nodeOf(c, `web-${i}`)!, (counts.get(nodeOf(c, `web-${i}`)!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([2, 2, 2]);
  });
});

describe('preemption', () => {
  it('evicts the lower-priority pod, nominates the node, and schedules the preemptor once the victim is gone', () => {
    const { c } = setup();
    c.admin.create('priorityclasses.scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    addNode(c, 'n1', { cpu: '1' });
    addPod(c, 'low', { cpu: '800m' });
    c.runUntilIdle();
    expect(nodeOf(c, 'low')).toBe('n1');
    addPod(c, 'high', { cpu: '800m', spec: { priorityClassName: 'high' } });
    c.runUntilIdle();
    const victim = pod(c, 'low');
    expect(victim.metadata?.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler' });
    const high = pod(c, 'high');
    expect(high.status?.nominatedNodeName).toBe('n1');
    expect(eventsFor(c, 'low').find((e) => e.reason === 'Preempted')?.message).toBe(`Preempted by pod ${high.metadata?.uid} on node n1`);
    expect(scheduledCondition(c, 'high')?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    // The kubelet would finish the victim; do it by hand.
    c.admin.delete('pods', 'default', 'low', { gracePeriodSeconds: 0 });
    c.advance(10_000);
    expect(nodeOf(c, 'high')).toBe('n1');
  });

  it('does not preempt pods of equal priority, nor with preemptionPolicy Never', () => {
    const { c } = setup();
    c.admin.create('priorityclasses.scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'polite' }, value: 1000, preemptionPolicy: 'Never' });
    addNode(c, 'n1', { cpu: '1' });
    addPod(c, 'low', { cpu: '800m' });
    c.runUntilIdle();
    addPod(c, 'same', { cpu: '800m' });
    addPod(c, 'polite', { cpu: '800m', spec: { priorityClassName: 'polite' } });
    c.runUntilIdle();
    expect(pod(c, 'low').metadata?.deletionTimestamp).toBeUndefined();
    expect(scheduledCondition(c, 'same')?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    expect(scheduledCondition(c, 'polite')?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});

describe('validation of scheduling fields', () => {
  it('rejects an unknown node affinity operator and a bad spread constraint, changing nothing', () => {
    const { c } = setup();
    const r = c.admin.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad' },
      spec: {
        containers: [{ name: 'c', image: 'nginx' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Like', values: ['ssd'] }] }] } } },
        topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Sometimes' }],
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status.reason).toBe('Invalid');
    expect(r.status.message).toContain('spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator');
    expect(r.status.message).toContain('spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero');
    expect(r.status.message).toContain('spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Sometimes"');
    expect(c.admin.get('pods', 'default', 'bad').ok).toBe(false);
  });
});
