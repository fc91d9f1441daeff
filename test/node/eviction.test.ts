import { describe, expect, it } from 'vitest';
import type { Event, Node } from 'kubernetes-types/core/v1.js';
import { createPod, nodeCluster, pod } from './helpers.js';

describe('kubelet: node-pressure eviction', () => {
  it('evicts the BestEffort memory hog first and reports MemoryPressure', () => {
    const { c } = nodeCluster();
    createPod(c, 'steady', { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } } }] });
    createPod(c, 'hog', { containers: [{ name: 'stress', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '6500M', '--vm-hang', '1'] }] });
    c.advance(25_000);
    const hog = pod(c, 'hog')!;
    expect(hog.status?.phase).toBe('Failed');
    expect(hog.status?.reason).toBe('Evicted');
    expect(hog.status?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container stress was using \d+Ki, request is 0, has larger consumption of memory\. $/);
    expect(pod(c, 'steady')?.status?.phase).toBe('Running');
    const node = c.admin.get<Node>('nodes', undefined, 'node-1');
    const mp = node.ok ? node.object.status?.conditions?.find((x) => x.type === 'MemoryPressure') : undefined;
    expect(mp).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory' });
    const ev = c.admin.items<Event>('events', 'default').map((e) => `${e.involvedObject.kind} ${e.reason}`);
    expect(ev).toContain('Node EvictionThresholdMet');
    expect(ev).toContain('Pod Evicted');
    c.advance(6 * 60_000);
    const later = c.admin.get<Node>('nodes', undefined, 'node-1');
    expect(later.ok && later.object.status?.conditions?.find((x) => x.type === 'MemoryPressure')?.status).toBe('False');
  });
});
