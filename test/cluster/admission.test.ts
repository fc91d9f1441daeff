import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/cluster/api/types.js';

const pod = (name: string, resources?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }], ...extra },
});

function ns(c: Cluster, name: string): void {
  c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

describe('ResourceQuota admission', () => {
  it('refuses the pod past the limit with upstream wording, and keeps status.used current', () => {
    const c = new Cluster({ seed: 1 });
    ns(c, 'team');
    const q = c.admin.create('resourcequotas', 'team', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'small' }, spec: { hard: { pods: '2', 'requests.cpu': '1', 'requests.memory': '1Gi' } } });
    expect(q.ok).toBe(true);
    const status = () => (c.admin.get('resourcequotas', 'team', 'small') as { ok: true; object: KObject }).object.status as { used: Record<string, string> } | undefined;
    expect(status()).toEqual({ hard: { pods: '2', 'requests.cpu': '1', 'requests.memory': '1Gi' }, used: { pods: '0', 'requests.cpu': '0', 'requests.memory': '0' } });
    const bare = c.admin.create('pods', 'team', pod('bare'));
    expect(!bare.ok && bare.status.message).toBe('pods "bare" is forbidden: failed quota: small: must specify requests.cpu for: app; requests.memory for: app');
    expect(c.admin.create('pods', 'team', pod('a', { requests: { cpu: '500m', memory: '512Mi' } })).ok).toBe(true);
    expect(status()!.used).toEqual({ pods: '1', 'requests.cpu': '500m', 'requests.memory': '512Mi' });
    const big = c.admin.create('pods', 'team', pod('b', { requests: { cpu: '600m', memory: '100Mi' } }));
    expect(big.ok).toBe(false);
    if (big.ok) return;
    expect(big.status.code).toBe(403);
    expect(big.status.reason).toBe('Forbidden');
    expect(big.status.message).toBe('pods "b" is forbidden: exceeded quota: small, requested: requests.cpu=600m, used: requests.cpu=500m, limited: requests.cpu=1');
    const trace = c.trace.since().filter((e) => e.type === 'request' && e.name === 'b');
    expect(trace.at(-1)).toMatchObject({ code: 403, stage: 'validating-admission' });
    expect(c.admin.create('pods', 'team', pod('b', { requests: { cpu: '500m', memory: '100Mi' } })).ok).toBe(true);
    const third = c.admin.create('pods', 'team', pod('c', { requests: { cpu: '0', memory: '1Mi' } }));
    expect(!third.ok && third.status.message).toBe('pods "c" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2');
    c.admin.delete('pods', 'team', 'a', { gracePeriodSeconds: 0 });
    expect(status()!.used).toEqual({ pods: '1', 'requests.cpu': '500m', 'requests.memory': '100Mi' });
  });

  it('counts objects with count/<resource>', () => {
    const c = new Cluster({ seed: 1 });
    c.admin.create('resourcequotas', 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'objs' }, spec: { hard: { 'count/configmaps': '1' } } });
    expect(c.admin.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }).ok).toBe(true);
    const r = c.admin.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    expect(!r.ok && r.status.message).toBe('configmaps "b" is forbidden: exceeded quota: objs, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1');
  });
});

describe('LimitRanger', () => {
  it('fills default requests and limits, annotates, and enforces min/max', () => {
    const c = new Cluster({ seed: 1 });
    const lr = c.admin.create('limitranges', 'default', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, max: { cpu: '1' }, min: { cpu: '100m' } }] },
    });
    expect(lr.ok && lr.object.spec).toEqual({ limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '500m' }, max: { cpu: '1' }, min: { cpu: '100m' } }] });
    const p = c.admin.create('pods', 'default', pod('web'));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const spec = p.object.spec as { containers: { resources: unknown }[] };
    expect(spec.containers[0]!.resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '500m' } });
    expect(p.object.metadata!.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu request for container app; cpu limit for container app' });
    expect((p.object.status as { qosClass: string }).qosClass).toBe('Burstable');
    const tooBig = c.admin.create('pods', 'default', pod('big', { limits: { cpu: '2' } }));
    expect(!tooBig.ok && tooBig.status.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    const tooSmall = c.admin.create('pods', 'default', pod('small', { requests: { cpu: '50m' } }));
    expect(!tooSmall.ok && tooSmall.status.message).toBe('pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
  });
});

describe('ServiceAccount and Priority admission', () => {
  it('refuses a pod whose service account does not exist', () => {
    const c = new Cluster({ seed: 1 });
    const r = c.admin.create('pods', 'default', pod('p', undefined, { serviceAccountName: 'robot' }));
    expect(!r.ok && r.status.message).toBe('pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    c.admin.create('serviceaccounts', 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    const ok = c.admin.create('pods', 'default', pod('p', undefined, { serviceAccountName: 'robot' }));
    expect(ok.ok && (ok.object.spec as { serviceAccount: string }).serviceAccount).toBe('robot');
  });

  it('allows only one global default PriorityClass', () => {
    const c = new Cluster({ seed: 1 });
    const mk = (name: string) => c.admin.create('priorityclasses.scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 10, globalDefault: true });
    expect(mk('one').ok).toBe(true);
    const two = mk('two');
    expect(!two.ok && two.status.message).toBe('priorityclasses.scheduling.k8s.io "two" is forbidden: PriorityClass one is marked as default. Only one default can exist');
  });
});
