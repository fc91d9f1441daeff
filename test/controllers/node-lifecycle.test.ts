import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { isoTime } from '../../src/cluster/api/lifecycle.js';
import { FakeNodes } from './fake-node.js';

const NODES = ['node-a', 'node-b', 'node-c'];

/** Nodes with kubelets that renew their Lease every 10 s until told to stop. */
function setup(nodeNames = NODES) {
  const c = new Cluster({ seed: 11 });
  installControlPlane(c);
  const fake = new FakeNodes(c, { nodes: nodeNames, startMs: 1000, stopMs: 2000 });
  const stopped = new Set<string>();
  for (const name of nodeNames) {
    const kubelet = c.client({ username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });
    const now = isoTime(c.clock.now());
    kubelet.create('nodes', undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/region': 'eastus', 'topology.kubernetes.io/zone': '0' } },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }] },
    });
    kubelet.create('leases.coordination.k8s.io', 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: isoTime(c.clock.now()) } });
    const renew = () => {
      if (stopped.has(name)) return;
      kubelet.patch('leases.coordination.k8s.io', 'kube-node-lease', name, { spec: { renewTime: isoTime(c.clock.now()) } });
      c.clock.setTimeout(renew, 10_000, `lease:${name}`);
    };
    c.clock.setTimeout(renew, 10_000, `lease:${name}`);
  }
  const stop = (name: string) => {
    stopped.add(name);
    fake.dead.add(name);
  };
  return { c, stop };
}

const node = (c: Cluster, name: string) => {
  const r = c.admin.get<Node>('nodes', undefined, name);
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
};
const ready = (n: Node) => n.status?.conditions?.find((x) => x.type === 'Ready');

describe('node lifecycle and taint eviction', () => {
  it('a node that stops heartbeating goes Unknown after the grace period, is tainted, and its pods are evicted 300 s later and replaced', () => {
    const { c, stop } = setup();
    c.admin.create('deployments.apps', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    c.advance(30_000);
    const onB = c.admin.items<Pod>('pods', 'default').filter((p) => p.spec?.nodeName === 'node-b');
    expect(onB).toHaveLength(1);
    const victim = onB[0]!.metadata!.name!;
    const t0 = c.clock.now();
    stop('node-b');
    // The last renewal was at most 10 s before the stop; the grace period is 50 s, the monitor runs every 5 s.
    c.advance(35_000);
    expect(ready(node(c, 'node-b'))?.status).toBe('True');
    c.advanceUntil(() => ready(node(c, 'node-b'))?.status === 'Unknown', 60_000);
    const unknownAt = c.clock.now() - t0;
    expect(unknownAt).toBeGreaterThan(35_000);
    expect(unknownAt).toBeLessThanOrEqual(55_000);
    expect(ready(node(c, 'node-b'))).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    c.runUntilIdle();
    const taints = node(c, 'node-b').spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    const taintedAt = Date.parse(taints.find((t) => t.effect === 'NoExecute')!.timeAdded!);
    const p = c.admin.get<Pod>('pods', 'default', victim);
    expect(p.ok && p.object.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    c.advanceTo(taintedAt + 299_000);
    const still = c.admin.get<Pod>('pods', 'default', victim);
    expect(still.ok && still.object.metadata?.deletionTimestamp).toBeFalsy();
    c.advanceTo(taintedAt + 301_000);
    const gone = c.admin.get<Pod>('pods', 'default', victim);
    // The kubelet is gone, so the pod stays Terminating, as on a real cluster.
    expect(gone.ok && gone.object.metadata?.deletionTimestamp).toBeTruthy();
    expect(gone.ok && gone.object.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByTaintManager' });
    const ev = c.admin.items<Event>('events', 'default').find((e) => e.reason === 'TaintManagerEviction');
    expect(ev).toMatchObject({ message: `Marking for deletion Pod default/${victim}`, source: { component: 'taint-eviction-controller' } });
    c.advance(10_000);
    const live = c.admin.items<Pod>('pods', 'default').filter((x) => !x.metadata?.deletionTimestamp);
    expect(live).toHaveLength(3);
    expect(live.every((x) => x.spec?.nodeName !== 'node-b')).toBe(true);
  });

  it('pods that tolerate the taint forever stay; not-tolerated NoExecute evicts at once', () => {
    const { c, stop } = setup();
    const pod = (name: string, tolerations: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'node-a', tolerations, containers: [{ name: 'c', image: 'nginx' }] } });
    c.admin.create('pods', 'default', pod('forever', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]));
    c.admin.create('pods', 'default', pod('default-300', []));
    c.advance(5_000);
    stop('node-a');
    c.advance(70_000 + 301_000);
    expect(c.admin.get<Pod>('pods', 'default', 'forever').ok && c.admin.get<Pod>('pods', 'default', 'forever')).toMatchObject({ object: { metadata: { name: 'forever' } } });
    const f = c.admin.get<Pod>('pods', 'default', 'forever');
    expect(f.ok && f.object.metadata?.deletionTimestamp).toBeFalsy();
    const d = c.admin.get<Pod>('pods', 'default', 'default-300');
    expect(d.ok && d.object.metadata?.deletionTimestamp).toBeTruthy();
    c.admin.patch('nodes', undefined, 'node-c', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] } });
    c.admin.create('pods', 'default', { ...pod('intruder', []), spec: { nodeName: 'node-c', containers: [{ name: 'c', image: 'nginx' }] } });
    c.runUntilIdle();
    const i = c.admin.get<Pod>('pods', 'default', 'intruder');
    expect(!i.ok || !!i.object.metadata?.deletionTimestamp).toBe(true);
  });

  it('taints one node per 10 s in a zone, and stops evicting when every node is down', () => {
    const { c, stop } = setup(['n1', 'n2', 'n3', 'n4']);
    c.advance(5_000);
    for (const n of ['n1', 'n2']) stop(n);
    c.advanceUntil(() => ['n1', 'n2'].every((n) => ready(node(c, n))?.status === 'Unknown'), 120_000);
    c.advance(20_000);
    const times = ['n1', 'n2'].map((n) => Date.parse((node(c, n).spec?.taints ?? []).find((t) => t.effect === 'NoExecute')!.timeAdded!)).sort();
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(10_000);
    for (const n of ['n3', 'n4']) stop(n);
    c.advance(120_000);
    // Full disruption of every zone: NoExecute taints are lifted, nothing is evicted.
    for (const n of ['n1', 'n2', 'n3', 'n4']) expect((node(c, n).spec?.taints ?? []).some((t) => t.effect === 'NoExecute')).toBe(false);
  });
});
