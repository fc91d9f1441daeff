import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createPod, eventText, nodeCluster, pod } from './helpers.js';

function initStates(c: ReturnType<typeof nodeCluster>['c'], name: string): string[] {
  const seen: string[] = [];
  c.admin.watch('pods', 'default', (e) => {
    const p = e.object as Pod;
    if (p.metadata?.name !== name || !p.status?.conditions) return;
    const init = p.status.conditions.find((x) => x.type === 'Initialized');
    const main = p.status.containerStatuses?.[0]?.state;
    const label = `${p.status.phase} init=${init?.status} main=${main?.waiting?.reason ?? (main?.running ? 'Running' : 'Terminated')}`;
    if (seen[seen.length - 1] !== label) seen.push(label);
  });
  return seen;
}

describe('kubelet: init containers', () => {
  it('runs init containers in order before the app container', () => {
    const { c } = nodeCluster();
    const states = initStates(c, 'myapp');
    createPod(c, 'myapp', {
      initContainers: [
        { name: 'init-one', image: 'busybox:1.28', command: ['sh', '-c', 'echo one; sleep 5'] },
        { name: 'init-two', image: 'busybox:1.28', command: ['sh', '-c', 'echo two; sleep 3'] },
      ],
      containers: [{ name: 'myapp', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
    });
    c.advance(4_000);
    const p = pod(c, 'myapp')!;
    expect(p.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['running', 'waiting']);
    expect(p.status?.conditions?.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-one init-two]' });
    c.advance(20_000);
    const done = pod(c, 'myapp')!;
    expect(done.status?.phase).toBe('Running');
    expect(done.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(states[0]).toBe('Pending init=False main=PodInitializing');
    expect(states[states.length - 1]).toBe('Running init=True main=Running');
    const ev = eventText(c, 'myapp');
    expect(ev.findIndex((e) => e.includes('Started'))).toBeLessThan(ev.length);
    const kl = c.api.kubeletFor('node-1')!;
    expect(kl.logs('default', 'myapp', { container: 'init-two' })).toEqual({ ok: true, text: 'two\n' });
    expect(kl.logs('default', 'myapp', {})).toEqual({ ok: true, text: 'The app is running!\n' });
  });

  it('fails the pod when an init container fails under restartPolicy Never, and retries it with back-off otherwise', () => {
    const { c } = nodeCluster();
    createPod(c, 'never', { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.28', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'app', image: 'busybox:1.28', command: ['sleep', '3600'] }] });
    createPod(c, 'always', { initContainers: [{ name: 'check', image: 'busybox:1.28', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'app', image: 'busybox:1.28', command: ['sleep', '3600'] }] });
    c.advance(60_000);
    expect(pod(c, 'never')?.status?.phase).toBe('Failed');
    const a = pod(c, 'always')!;
    expect(a.status?.phase).toBe('Pending');
    expect(a.status?.initContainerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(2);
    expect(a.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
  });

  it('starts a native sidecar and keeps it running next to the app', () => {
    const { c } = nodeCluster();
    createPod(c, 'side', { initContainers: [{ name: 'proxy', image: 'nginx:1.27', restartPolicy: 'Always' }], containers: [{ name: 'app', image: 'busybox:1.28', command: ['sleep', '3600'] }] });
    c.advance(15_000);
    const p = pod(c, 'side')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.initContainerStatuses?.[0]).toMatchObject({ ready: true, started: true, state: { running: {} } });
  });
});
