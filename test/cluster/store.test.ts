import { describe, expect, it } from 'vitest';
import { Store, type StoreEvent } from '../../src/cluster/store/store.js';

describe('store (etcd role)', () => {
  it('bumps one global revision on every write and stamps resourceVersion', () => {
    const s = new Store();
    const a = s.create('/registry/pods/default/a', { metadata: { name: 'a' } });
    const b = s.create('/registry/configmaps/default/b', { metadata: { name: 'b' } });
    expect(a.ok && b.ok).toBe(true);
    expect(s.revision).toBe(2);
    expect(s.get('/registry/configmaps/default/b')!.value.metadata!.resourceVersion).toBe('2');
    s.update('/registry/pods/default/a', { metadata: { name: 'a' }, spec: { x: 1 } });
    expect(s.get('/registry/pods/default/a')!.modRevision).toBe(3);
    expect(s.get('/registry/pods/default/a')!.createRevision).toBe(1);
  });

  it('refuses a stale compare-and-swap', () => {
    const s = new Store();
    s.create('/registry/pods/default/a', { metadata: { name: 'a' } });
    s.update('/registry/pods/default/a', { metadata: { name: 'a' }, spec: 1 });
    const r = s.update('/registry/pods/default/a', { metadata: { name: 'a' }, spec: 2 }, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('conflict');
  });

  it('lists keys by prefix in key order, as etcdctl get --prefix --keys-only', () => {
    const s = new Store();
    s.create('/registry/pods/kube-system/b', {});
    s.create('/registry/pods/default/z', {});
    s.create('/registry/minions/node-1', {});
    expect(s.keys('/registry/pods')).toEqual(['/registry/pods/default/z', '/registry/pods/kube-system/b']);
    expect(s.keys('/registry')).toEqual(['/registry/minions/node-1', '/registry/pods/default/z', '/registry/pods/kube-system/b']);
  });

  it('resumes a watch from a revision and reports compacted revisions as too old', () => {
    const s = new Store(8);
    for (let i = 0; i < 20; i++) s.create(`/registry/pods/default/p${i}`, {});
    const seen: StoreEvent[] = [];
    const w = s.watch('/registry/pods/', (e) => seen.push(e), 18);
    expect(w.ok).toBe(true);
    expect(seen.map((e) => e.revision)).toEqual([19, 20]);
    s.delete('/registry/pods/default/p0');
    expect(seen.at(-1)!.type).toBe('DELETED');
    expect(seen.at(-1)!.object.metadata!.resourceVersion).toBe('21');
    const old = s.watch('/registry/pods/', () => {}, 2);
    expect(old.ok).toBe(false);
  });

  it('forbids writes from inside a watch handler (handlers only enqueue)', () => {
    const s = new Store();
    s.watch('/registry/', () => {
      s.create('/registry/pods/default/loop', {});
    });
    expect(() => s.create('/registry/pods/default/a', {})).toThrow(/watch dispatch/);
  });
});
