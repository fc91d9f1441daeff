import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { installControlPlane } from '../../src/cluster/components.js';
import { EventRecorder } from '../../src/cluster/runtime/events.js';

function setup() {
  const c = new Cluster({ seed: 5 });
  installControlPlane(c, { disable: ['node-lifecycle-controller'] });
  c.admin.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  c.admin.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
  const get = (n: string) => {
    const r = c.admin.get('configmaps', 'default', n);
    if (!r.ok) throw new Error(r.status.message);
    return r.object;
  };
  return { c, rec: new EventRecorder(c.admin, c.clock, 'test'), get };
}
const reasons = (c: Cluster) => c.admin.items<Event>('events', 'default').map((e) => `${e.reason}:${e.count}`).sort();

describe('event TTL', () => {
  it('removes an Event an hour after its last write, and a repeat renews the hour', () => {
    const { c, rec, get } = setup();
    rec.event(get('a'), 'Normal', 'Once', 'written once');
    rec.event(get('b'), 'Normal', 'Again', 'written again');
    c.advance(30 * 60_000);
    rec.event(get('b'), 'Normal', 'Again', 'written again');
    expect(reasons(c)).toEqual(['Again:2', 'Once:1']);
    c.advance(29 * 60_000);
    expect(reasons(c)).toEqual(['Again:2', 'Once:1']);
    c.advance(2 * 60_000);
    expect(reasons(c)).toEqual(['Again:2']);
    c.advance(28 * 60_000);
    expect(reasons(c)).toEqual(['Again:2']);
    c.advance(2 * 60_000);
    expect(reasons(c)).toEqual([]);
  });

  it('keeps sweeping after the namespace has had no Events', () => {
    const { c, rec, get } = setup();
    c.advance(90 * 60_000);
    rec.event(get('a'), 'Warning', 'Late', 'late');
    c.advance(59 * 60_000);
    expect(reasons(c)).toEqual(['Late:1']);
    c.advance(2 * 60_000);
    expect(reasons(c)).toEqual([]);
  });
});
