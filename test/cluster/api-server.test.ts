import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KObject, UserInfo } from '../../src/cluster/api/types.js';
import type { WatchEvent } from '../../src/cluster/api/server.js';

const cm = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const pod = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...extra } });
const get = (c: Cluster, res: string, name: string, ns: string | undefined = 'default') => c.admin.get(res, ns, name) as { ok: boolean; object: KObject };

describe('optimistic concurrency', () => {
  it('refuses an update with a stale resourceVersion (409, upstream text) and changes nothing', () => {
    const c = new Cluster({ seed: 1 });
    const made = c.admin.create('configmaps', 'default', cm('cfg', { a: '1' }));
    const stale = (made as { object: KObject }).object;
    expect(c.admin.update('configmaps', 'default', 'cfg', { ...stale, data: { a: '2' } }).ok).toBe(true);
    const before = c.store.revision;
    const r = c.admin.update('configmaps', 'default', 'cfg', { ...stale, data: { a: '3' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status.code).toBe(409);
    expect(r.status.message).toBe('Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again');
    expect(c.store.revision).toBe(before);
    expect(get(c, 'configmaps', 'cfg').object.data).toEqual({ a: '2' });
  });
});

describe('rejected requests', () => {
  it('change nothing, and the trace names the stage that stopped them', () => {
    const c = new Cluster({ seed: 1 });
    const jane = c.client({ username: 'jane', groups: ['system:authenticated'] });
    const cases: [() => { ok: boolean }, string][] = [
      [() => jane.create('configmaps', 'default', cm('x')), 'authorization'],
      [() => c.admin.create('configmaps', 'default', cm('Bad')), 'validation'],
      [() => c.admin.create('configmaps', 'nowhere', cm('x')), 'validating-admission'],
      [() => c.admin.create('pods', 'default', pod('p', { serviceAccountName: 'ghost' })), 'mutating-admission'],
      [() => c.admin.get('configmaps', 'default', 'missing'), 'storage'],
    ];
    for (const [send, stage] of cases) {
      const before = c.store.revision;
      expect(send().ok).toBe(false);
      expect(c.store.revision).toBe(before);
      const last = c.trace.since().at(-1)!;
      expect(last.type === 'request' && last.stage).toBe(stage);
    }
  });
});

describe('RBAC', () => {
  const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };
  const setup = () => {
    const c = new Cluster({ seed: 1 });
    c.admin.create('rolebindings.rbac.authorization.k8s.io', 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'jane-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'bot', namespace: 'default' }],
    });
    return c;
  };

  it.each([
    ['jane lists pods in default', jane, 'list', 'pods', 'default', true],
    ['jane may not list pods in kube-system', jane, 'list', 'pods', 'kube-system', false],
    ['jane may not create pods', jane, 'create', 'pods', 'default', false],
    ['jane may not read secrets', jane, 'get', 'secrets', 'default', false],
    ['the bound service account reads', { username: 'system:serviceaccount:default:bot', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] }, 'list', 'pods', 'default', true],
    ['another service account does not', { username: 'system:serviceaccount:default:other', groups: ['system:serviceaccounts', 'system:authenticated'] }, 'list', 'pods', 'default', false],
  ] as [string, UserInfo, 'list' | 'create' | 'get', string, string, boolean][])('%s', (_what, user, verb, resource, ns, allowed) => {
    const c = setup();
    const client = c.client(user);
    const r = verb === 'list' ? client.list(resource, ns) : verb === 'get' ? client.get(resource, ns, 'x') : client.create(resource, ns, pod('p'));
    if (allowed) expect(r.ok).toBe(true);
    else expect(!r.ok && r.status.code).toBe(403);
  });

  it('words the 403 as upstream does', () => {
    const c = setup();
    const r = c.client(jane).list('pods', 'kube-system');
    expect(!r.ok && r.status.message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    const g = c.client(jane).get('deployments.apps', 'kube-system', 'coredns');
    expect(!g.ok && g.status.message).toBe('deployments.apps "coredns" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "kube-system"');
    const n = c.client(jane).list('nodes', undefined);
    expect(!n.ok && n.status.message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it('impersonates with --as only when allowed to', () => {
    const c = setup();
    const asJane = c.api.request({ verb: 'create', group: '', resource: 'configmaps', namespace: 'default', body: cm('x'), user: c.admin.user, impersonate: { user: 'jane' } });
    expect(!asJane.ok && asJane.status.message).toBe('configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "default"');
    const byJane = c.api.request({ verb: 'list', group: '', resource: 'pods', namespace: 'default', user: jane, impersonate: { user: 'admin' } });
    expect(!byJane.ok && byJane.status.message).toBe('users "admin" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
  });
});

describe('deletion', () => {
  it('Orphan and Foreground keep the object with a deletionTimestamp until its finalizers are removed', () => {
    const c = new Cluster({ seed: 1 });
    for (const [name, policy, finalizer] of [
      ['o', 'Orphan', 'orphan'],
      ['f', 'Foreground', 'foregroundDeletion'],
    ] as const) {
      c.admin.create('configmaps', 'default', cm(name));
      const r = c.admin.delete('configmaps', 'default', name, { propagationPolicy: policy });
      expect(r.ok).toBe(true);
      const o = get(c, 'configmaps', name).object;
      expect(o.metadata!.finalizers).toEqual([finalizer]);
      expect(o.metadata!.deletionTimestamp).toBeDefined();
      const done = c.admin.patch('configmaps', 'default', name, { metadata: { finalizers: null } }, 'merge');
      expect(done.ok).toBe(true);
      expect(get(c, 'configmaps', name).ok).toBe(false);
    }
  });

  it('a finalizer holds any delete; Background deletes at once', () => {
    const c = new Cluster({ seed: 1 });
    c.admin.create('configmaps', 'default', { ...cm('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    c.admin.delete('configmaps', 'default', 'held');
    expect(get(c, 'configmaps', 'held').object.metadata!.deletionTimestamp).toBeDefined();
    c.admin.create('configmaps', 'default', cm('gone'));
    expect(c.admin.delete('configmaps', 'default', 'gone', { propagationPolicy: 'Background' }).ok).toBe(true);
    expect(get(c, 'configmaps', 'gone').ok).toBe(false);
  });

  it('a pod on a node terminates gracefully: deletionTimestamp = now + grace, gone on the final grace-0 delete', () => {
    const c = new Cluster({ seed: 1 });
    c.admin.create('pods', 'default', pod('p', { nodeName: 'node-1', terminationGracePeriodSeconds: 20 }));
    const t0 = c.clock.now();
    c.admin.delete('pods', 'default', 'p');
    const p = get(c, 'pods', 'p').object;
    expect(p.metadata!.deletionGracePeriodSeconds).toBe(20);
    expect(Date.parse(p.metadata!.deletionTimestamp!)).toBe(Math.floor((t0 + 20_000) / 1000) * 1000);
    expect(c.admin.patch('pods', 'default', 'p', { metadata: { labels: { x: 'y' } } }, 'merge').ok).toBe(true);
    expect(get(c, 'pods', 'p').ok).toBe(true);
    c.admin.delete('pods', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(get(c, 'pods', 'p').ok).toBe(false);
  });
});

describe('watch and determinism', () => {
  it('resumes a watch from a resourceVersion through the API', () => {
    const c = new Cluster({ seed: 1 });
    c.admin.create('configmaps', 'default', cm('a'));
    const rv = String(c.store.revision);
    c.admin.create('configmaps', 'default', cm('b'));
    c.admin.patch('configmaps', 'default', 'a', { data: { k: 'v' } }, 'merge');
    const seen: WatchEvent[] = [];
    const w = c.admin.watch('configmaps', 'default', (e) => seen.push(e), { resourceVersion: rv });
    expect(w.ok).toBe(true);
    c.admin.delete('configmaps', 'default', 'b');
    expect(seen.map((e) => `${e.type} ${e.object.metadata!.name}`)).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
  });

  it('the same seed gives the same names and uids', () => {
    const run = (seed: number) => {
      const c = new Cluster({ seed });
      const r = c.admin.create('pods', 'default', { ...pod(''), metadata: { generateName: 'web-' } });
      return (r as { object: KObject }).object.metadata!;
    };
    const a = run(7);
    const b = run(7);
    expect([a.name, a.uid]).toEqual([b.name, b.uid]);
    expect(a.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(run(8).uid).not.toBe(a.uid);
  });
});
