import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/cluster/api/types.js';

describe('events.k8s.io/v1 Event over the stored core/v1 Events', () => {
  it('serves a core event converted, and stores a new-style event as a core one', () => {
    const c = new Cluster({ seed: 1 });
    const core = c.admin.create('events', 'default', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to node-1',
      source: { component: 'default-scheduler' },
      count: 1,
      type: 'Normal',
    });
    expect(core.ok).toBe(true);
    const seen = c.admin.get('events.events.k8s.io', 'default', 'web.1');
    expect(seen.ok && seen.object).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      regarding: { kind: 'Pod', name: 'web' },
      note: 'Successfully assigned default/web to node-1',
      deprecatedSource: { component: 'default-scheduler' },
      deprecatedCount: 1,
      reason: 'Scheduled',
    });
    expect((seen as { object: KObject }).object.involvedObject).toBeUndefined();

    const watched: KObject[] = [];
    c.admin.watch('events.events.k8s.io', 'default', (e) => watched.push(e.object), { resourceVersion: String(c.store.revision) });
    const bad = c.admin.create('events.events.k8s.io', 'default', { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x' }, reason: 'R' });
    expect(!bad.ok && bad.status.message).toBe('Event.events.k8s.io "x" is invalid: [eventTime: Required value, reportingController: Required value, reportingInstance: Required value, action: Required value]');
    const made = c.admin.create('events.events.k8s.io', 'default', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web.2' },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Pulling',
      reason: 'Pulling',
      note: 'Pulling image "nginx"',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web' },
      type: 'Normal',
    });
    expect(made.ok && made.object.apiVersion).toBe('events.k8s.io/v1');
    const asCore = c.admin.get('events', 'default', 'web.2');
    expect(asCore.ok && asCore.object).toMatchObject({ apiVersion: 'v1', involvedObject: { name: 'web' }, message: 'Pulling image "nginx"', reportingComponent: 'kubelet' });
    const listed = c.admin.list('events.events.k8s.io', 'default', { fieldSelector: 'involvedObject.name=web' });
    expect(listed.ok && listed.object.items.map((e) => e.metadata!.name)).toEqual(['web.1', 'web.2']);
    expect(listed.ok && listed.object.items.every((e) => e.apiVersion === 'events.k8s.io/v1')).toBe(true);
    const patched = c.admin.patch('events.events.k8s.io', 'default', 'web.2', { note: 'changed' }, 'merge');
    expect(patched.ok && patched.object.note).toBe('changed');
    expect(watched.map((o) => [o.apiVersion, o.metadata?.name])).toEqual([
      ['events.k8s.io/v1', 'web.2'],
      ['events.k8s.io/v1', 'web.2'],
    ]);
  });
});
