import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { isoTime } from '../../src/cluster/api/lifecycle.js';
import { FakeNodes } from './fake-node.js';

function setup() {
  const c = new Cluster({ seed: 13 });
  installControlPlane(c, { disable: ['node-lifecycle-controller'] });
  new FakeNodes(c, { startMs: 1000, stopMs: 2000 });
  for (const [name, extra] of [
    ['n1', {}],
    ['n2', {}],
    ['n3', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }],
  ] as const) {
    const now = isoTime(c.clock.now());
    c.admin.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': name } }, spec: { ...extra }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now }] } });
  }
  return c;
}

const ds = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'a', image }] } } },
});
const pods = (c: Cluster) => c.admin.items<Pod>('pods', 'kube-system').filter((p) => !p.metadata?.deletionTimestamp);
const status = (c: Cluster) => {
  const r = c.admin.get<DaemonSet>('daemonsets.apps', 'kube-system', 'agent');
  if (!r.ok) throw new Error(r.status.message);
  return r.object.status;
};

describe('daemonset controller', () => {
  it('runs one pod per eligible node, pinned by node affinity, with daemon tolerations', () => {
    const c = setup();
    c.admin.create('daemonsets.apps', 'kube-system', ds('agent:1'));
    c.advance(10_000);
    const ps = pods(c);
    expect(ps.map((p) => p.spec?.nodeName).sort()).toEqual(['n1', 'n2']);
    const p = ps[0]!;
    expect(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec?.nodeName] }] }]);
    const tol = (p.spec?.tolerations ?? []).map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? ''}`);
    expect(tol).toEqual(expect.arrayContaining(['node.kubernetes.io/not-ready:NoExecute:', 'node.kubernetes.io/unreachable:NoExecute:', 'node.kubernetes.io/disk-pressure:NoSchedule:', 'node.kubernetes.io/memory-pressure:NoSchedule:', 'node.kubernetes.io/pid-pressure:NoSchedule:', 'node.kubernetes.io/unschedulable:NoSchedule:']));
    expect(p.metadata?.labels?.['controller-revision-hash']).toBeDefined();
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
    // A new eligible node gets a pod.
    const now = isoTime(c.clock.now());
    c.admin.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n4', labels: { 'kubernetes.io/os': 'linux' } }, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now }] } });
    c.advance(5_000);
    expect(pods(c).map((x) => x.spec?.nodeName).sort()).toEqual(['n1', 'n2', 'n4']);
  });

  it('follows node label changes into and out of its nodeSelector, and counts readiness changes', () => {
    const c = setup();
    c.admin.create('daemonsets.apps', 'kube-system', ds('agent:1'));
    c.advance(10_000);
    expect(pods(c).map((p) => p.spec?.nodeName).sort()).toEqual(['n1', 'n2']);
    const relabel = (name: string, labels: Record<string, string>) => {
      const n = c.admin.get('nodes', undefined, name);
      if (!n.ok) throw new Error(n.status.message);
      c.admin.update('nodes', undefined, name, { ...n.object, metadata: { ...n.object.metadata, labels } });
    };
    relabel('n2', { 'kubernetes.io/os': 'windows' });
    c.advance(5_000);
    expect(pods(c).map((p) => p.spec?.nodeName).sort()).toEqual(['n1']);
    relabel('n2', { 'kubernetes.io/os': 'linux' });
    c.advance(5_000);
    expect(pods(c).map((p) => p.spec?.nodeName).sort()).toEqual(['n1', 'n2']);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2 });
    // A daemon pod turning not Ready shows in the status.
    const p = pods(c).find((x) => x.spec?.nodeName === 'n1')!;
    const cur = c.admin.get<Pod>('pods', 'kube-system', p.metadata!.name!);
    if (!cur.ok) throw new Error(cur.status.message);
    const conds = (cur.object.status?.conditions ?? []).map((x) => (x.type === 'Ready' ? { ...x, status: 'False', lastTransitionTime: isoTime(c.clock.now()) } : x));
    c.admin.updateStatus('pods', 'kube-system', p.metadata!.name!, { ...cur.object, status: { ...cur.object.status, conditions: conds } });
    c.advance(100);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, numberReady: 1, numberUnavailable: 1 });
  });

  it('rolls an update one node at a time', () => {
    const c = setup();
    c.admin.create('daemonsets.apps', 'kube-system', ds('agent:1'));
    c.advance(10_000);
    c.admin.patch('daemonsets.apps', 'kube-system', 'agent', { spec: { template: { spec: { containers: [{ name: 'a', image: 'agent:2' }] } } } }, 'strategic');
    let minReady = Infinity;
    const unsub = c.onChange(() => {
      const ready = c.store.listDir('/registry/pods/kube-system').filter((e) => {
        const p = e.value as Pod;
        return !p.metadata?.deletionTimestamp && p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
      }).length;
      minReady = Math.min(minReady, ready);
    });
    c.advance(30_000);
    unsub();
    expect(minReady).toBe(1);
    expect(pods(c).map((p) => p.spec?.containers[0]?.image)).toEqual(['agent:2', 'agent:2']);
    expect(c.admin.items('controllerrevisions.apps', 'kube-system')).toHaveLength(2);
  });
});
