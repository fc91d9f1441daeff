import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { FakeNodes } from './fake-node.js';

function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } }, ...extra },
  };
}

function setup(opts: ConstructorParameters<typeof FakeNodes>[1] = {}) {
  const c = new Cluster({ seed: 7 });
  installControlPlane(c);
  const nodes = new FakeNodes(c, { startMs: 2000, stopMs: 1000, ...opts });
  return { c, nodes };
}

const pods = (c: Cluster) => c.admin.items<Pod>('pods', 'default');
const rss = (c: Cluster) => c.admin.items<ReplicaSet>('replicasets.apps', 'default');
const dep = (c: Cluster, name = 'web') => {
  const r = c.admin.get<Deployment>('deployments.apps', 'default', name);
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
};
const events = (c: Cluster) => c.admin.items<Event>('events', 'default');

describe('deployment controller', () => {
  it('creates a hashed ReplicaSet and its pods, and reports availability', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 3));
    c.advance(10_000);
    const [rs] = rss(c);
    expect(rs?.metadata?.name).toMatch(/^web-[bcdf4-9]{6,10}$/);
    const hash = rs!.metadata!.labels!['pod-template-hash'];
    expect(rs!.metadata!.name).toBe(`web-${hash}`);
    expect(rs!.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs!.metadata!.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    const ps = pods(c);
    expect(ps).toHaveLength(3);
    for (const p of ps) expect(p.metadata?.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    const d = dep(c);
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    const conds = d.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message]);
    expect(conds).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs!.metadata!.name}" has successfully progressed.`],
    ]);
    const ev = events(c).filter((e) => e.reason === 'ScalingReplicaSet');
    expect(ev.map((e) => e.message)).toEqual([`Scaled up replica set ${rs!.metadata!.name} from 0 to 3`]);
    expect(ev[0]?.source?.component).toBe('deployment-controller');
    const created = events(c).filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'ReplicaSet');
    expect(created).toHaveLength(3);
    expect(created[0]?.message).toMatch(/^Created pod: web-/);
  });

  it('ReplicaSets follow pod changes that matter: a relabelled pod is released and replaced, a readiness flip is counted, container churn is not', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 2));
    c.advance(10_000);
    const [rs] = rss(c);
    const rsStatus = () => rss(c).find((x) => x.metadata?.uid === rs!.metadata?.uid)!.status;
    expect(rsStatus()).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const [p1, p2] = pods(c);
    // Container churn only (a restart count): nothing to count, the ReplicaSet is not rewritten.
    const rv = rss(c)[0]!.metadata!.resourceVersion;
    c.admin.updateStatus('pods', 'default', p2!.metadata!.name!, { ...p2!, status: { ...p2!.status, containerStatuses: [{ name: 'c', ready: true, restartCount: 3, image: 'nginx:1.27', imageID: '' }] } });
    c.advance(1_000);
    expect(rss(c)[0]!.metadata!.resourceVersion).toBe(rv);
    // Not Ready any more: counted at once.
    const conds = (p2!.status?.conditions ?? []).map((x) => (x.type === 'Ready' ? { ...x, status: 'False', lastTransitionTime: '2030-01-01T00:00:00Z' } : x));
    const cur = c.admin.get<Pod>('pods', 'default', p2!.metadata!.name!);
    if (!cur.ok) throw new Error(cur.status.message);
    c.admin.updateStatus('pods', 'default', p2!.metadata!.name!, { ...cur.object, status: { ...cur.object.status, conditions: conds } });
    c.advance(100);
    expect(rsStatus()).toMatchObject({ replicas: 2, readyReplicas: 1, availableReplicas: 1 });
    // Relabelled out of the selector: released (no owner any more) and replaced.
    const p = c.admin.get<Pod>('pods', 'default', p1!.metadata!.name!);
    if (!p.ok) throw new Error(p.status.message);
    c.admin.update('pods', 'default', p1!.metadata!.name!, { ...p.object, metadata: { ...p.object.metadata, labels: { app: 'debug' } } });
    c.advance(10_000);
    const released = c.admin.get<Pod>('pods', 'default', p1!.metadata!.name!);
    expect(released.ok && released.object.metadata?.ownerReferences).toBeFalsy();
    expect(pods(c).filter((x) => x.metadata?.ownerReferences?.[0]?.uid === rs!.metadata?.uid)).toHaveLength(2);
  });

  it('rolls out within maxSurge and maxUnavailable at every step', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 4));
    c.advance(10_000);
    const before = rss(c)[0]!.metadata!.name!;
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } }, 'strategic');
    let maxPods = 0;
    let minAvailable = Infinity;
    const unsub = c.onChange(() => {
      const live = c.store.listDir('/registry/pods/default').map((e) => e.value as Pod);
      maxPods = Math.max(maxPods, live.filter((p) => !p.metadata?.deletionTimestamp).length);
      const ready = live.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length;
      minAvailable = Math.min(minAvailable, ready);
    });
    c.advance(60_000);
    unsub();
    // 4 replicas, 25 %: surge 1 (rounded up), unavailable 1 (rounded down).
    expect(maxPods).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const all = rss(c);
    expect(all).toHaveLength(2);
    const newRS = all.find((r) => r.metadata!.name !== before)!;
    expect(newRS.spec?.replicas).toBe(4);
    expect(newRS.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(all.find((r) => r.metadata!.name === before)!.spec?.replicas).toBe(0);
    expect(pods(c).every((p) => p.spec?.containers[0]?.image === 'nginx:1.28')).toBe(true);
    const d = dep(c);
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
    const msgs = events(c).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(msgs[1]).toBe(`Scaled up replica set ${newRS.metadata!.name} from 0 to 1`);
    expect(msgs).toContain(`Scaled down replica set ${before} from 4 to 3`);
  });

  it('rolls back to the old template by reusing its ReplicaSet with a new revision', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 2));
    c.advance(10_000);
    const first = rss(c)[0]!;
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } }, 'strategic');
    c.advance(30_000);
    // What `kubectl rollout undo` does: the old ReplicaSet's template without the hash label.
    const tmpl = structuredClone(first.spec!.template!);
    delete tmpl.metadata!.labels!['pod-template-hash'];
    c.admin.patch('deployments.apps', 'default', 'web', [{ op: 'replace', path: '/spec/template', value: tmpl }], 'json');
    c.advance(30_000);
    const all = rss(c);
    expect(all).toHaveLength(2);
    const back = all.find((r) => r.metadata!.name === first.metadata!.name)!;
    expect(back.spec?.replicas).toBe(2);
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(dep(c).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(pods(c).map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.27', 'nginx:1.27']);
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 3, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    c.advance(10_000);
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } }, 'strategic');
    let mixed = false;
    const unsub = c.onChange(() => {
      const images = new Set(c.store.listDir('/registry/pods/default').map((e) => (e.value as Pod).spec?.containers[0]?.image));
      if (images.size > 1) mixed = true;
    });
    c.advance(30_000);
    unsub();
    expect(mixed).toBe(false);
    expect(pods(c).map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
  });

  it('times out with ProgressDeadlineExceeded when pods never become ready', () => {
    const { c } = setup({ neverReady: (p) => p.spec?.containers[0]?.image === 'nginx:broken' });
    c.admin.create('deployments.apps', 'default', deployment('web', 2, 'nginx:broken', { progressDeadlineSeconds: 60 }));
    c.advance(30_000);
    expect(dep(c).status?.conditions?.find((x) => x.type === 'Progressing')?.reason).not.toBe('ProgressDeadlineExceeded');
    c.advance(60_000);
    const p = dep(c).status?.conditions?.find((x) => x.type === 'Progressing');
    expect(p).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(p?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(dep(c).status?.conditions?.find((x) => x.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('scales proportionally while a rollout is stuck, and honours pause', () => {
    const { c } = setup({ neverReady: (p) => p.spec?.containers[0]?.image === 'nginx:broken' });
    c.admin.create('deployments.apps', 'default', deployment('web', 10));
    c.advance(10_000);
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:broken' }] } } } }, 'strategic');
    c.advance(10_000);
    // Stuck: old 8, new 5 (surge 3, unavailable 2).
    const sizes = () => rss(c).map((r): [string, number] => [r.spec?.template?.spec?.containers[0]?.image ?? '', r.spec?.replicas ?? 0]).sort();
    expect(sizes()).toEqual([
      ['nginx:1.27', 8],
      ['nginx:broken', 5],
    ]);
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { replicas: 20 } });
    c.advance(5_000);
    // 10 more allowed pods (20 + 5 surge - 13 existing = 12) split 8:5 → old 16, new 9 (rounded, leftover to the largest).
    const after = sizes();
    expect(after[0]![1]! + after[1]![1]!).toBe(25);
    expect(after[0]![1]).toBeGreaterThan(after[1]![1]!);
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { paused: true } });
    c.advance(1_000);
    expect(dep(c).status?.conditions?.find((x) => x.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.29' }] } } } }, 'strategic');
    c.advance(5_000);
    expect(rss(c)).toHaveLength(2);
    c.admin.patch('deployments.apps', 'default', 'web', { spec: { paused: false } });
    c.advance(1_000);
    expect(rss(c)).toHaveLength(3);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const { c } = setup();
    c.admin.create('deployments.apps', 'default', deployment('web', 1, 'nginx:1.0', { revisionHistoryLimit: 2 }));
    c.advance(10_000);
    for (let i = 1; i <= 4; i++) {
      c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'c', image: `nginx:1.${i}` }] } } } }, 'strategic');
      c.advance(20_000);
    }
    const revs = rss(c)
      .map((r) => Number(r.metadata?.annotations?.['deployment.kubernetes.io/revision']))
      .sort();
    expect(revs).toEqual([3, 4, 5]);
  });
});
