import { describe, expect, it } from 'vitest';
import { Store, type StoreEvent } from '../../src/cluster/store/store.js';
import type { KObject } from '../../src/cluster/api/types.js';

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

  it('delivers each event to the watchers of its prefixes in the order they were opened, and none after cancel', () => {
    const s = new Store();
    const seen: string[] = [];
    s.watch('/registry/pods/default/', (e) => seen.push(`ns:${e.key}`));
    const all = s.watch('/', (e) => seen.push(`root:${e.key}`));
    s.watch('/registry/pods/', (e) => seen.push(`pods:${e.key}`));
    s.watch('/registry/pods/def', (e) => seen.push(`loose:${e.key}`));
    s.create('/registry/pods/default/a', {});
    s.create('/registry/pods/other/b', {});
    s.create('/registry/configmaps/default/c', {});
    expect(all.ok).toBe(true);
    if (all.ok) all.cancel();
    s.create('/registry/pods/default/d', {});
    expect(seen).toEqual([
      'ns:/registry/pods/default/a', 'root:/registry/pods/default/a', 'pods:/registry/pods/default/a', 'loose:/registry/pods/default/a',
      'root:/registry/pods/other/b', 'pods:/registry/pods/other/b',
      'root:/registry/configmaps/default/c',
      'ns:/registry/pods/default/d', 'pods:/registry/pods/default/d', 'loose:/registry/pods/default/d',
    ]);
  });

  it('a triggered watch sees only objects whose field has its value now or had it before (moving in and out)', () => {
    const s = new Store();
    const node = (o: KObject) => (o as { spec?: { nodeName?: string } }).spec?.nodeName;
    const got: Record<string, string[]> = { n1: [], n2: [] };
    for (const n of ['n1', 'n2']) s.watch('/registry/pods/', (e) => got[n]!.push(`${e.type} ${e.key.split('/').pop()}`), undefined, { name: 'spec.nodeName', value: n, of: node });
    s.create('/registry/pods/default/a', { spec: { nodeName: 'n1' } });
    s.create('/registry/pods/default/b', { spec: {} });
    s.update('/registry/pods/default/b', { spec: { nodeName: 'n2' } });
    s.update('/registry/pods/default/a', { spec: { nodeName: 'n2' } });
    s.delete('/registry/pods/default/b');
    expect(got.n1).toEqual(['ADDED a', 'MODIFIED a']);
    expect(got.n2).toEqual(['MODIFIED b', 'MODIFIED a', 'DELETED b']);
    // Replay from a revision applies the same trigger.
    const replay: string[] = [];
    s.watch('/registry/pods/', (e) => replay.push(e.key.split('/').pop()!), 1, { name: 'spec.nodeName', value: 'n1', of: node });
    expect(replay).toEqual(['a']);
    expect(s.watchCount).toBe(3);
  });
});
