import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createPod, cs, eventText, nodeCluster, pod, recordStates } from './helpers.js';

describe('kubelet: failing containers', () => {
  it('restarts a crashing container after 0, 10, 20, 40, 80, 160, 300, 300 s (CrashLoopBackOff)', () => {
    const { c } = nodeCluster();
    // Start time of each container instance, by restart count.
    const starts = new Map<number, string>();
    c.admin.watch('pods', 'default', (e) => {
      const st = (e.object as Pod).status?.containerStatuses?.[0];
      const t = st?.state?.terminated?.startedAt ?? st?.state?.running?.startedAt;
      if (st && t) starts.set(st.restartCount, t);
    });
    createPod(c, 'crash', { containers: [{ name: 'crash', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] });
    c.advance(20 * 60_000);
    const ms = [...starts].sort(([a], [b]) => a - b).map(([, t]) => Date.parse(t));
    const gaps = ms.slice(1).map((t, i) => (t - ms[i]!) / 1000);
    expect(gaps.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    const st = cs(c, 'crash')!;
    expect(pod(c, 'crash')?.status?.phase).toBe('Running');
    expect(st.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    if (st.state?.waiting) {
      expect(st.state.waiting.reason).toBe('CrashLoopBackOff');
      expect(st.state.waiting.message).toMatch(/^back-off 5m0s restarting failed container=crash pod=crash_default\(/);
    }
    expect(eventText(c, 'crash')).toContain(`Warning BackOff Back-off restarting failed container crash in pod crash_default(${pod(c, 'crash')?.metadata?.uid})`);
  });

  it('resets the back-off after 10 minutes of clean running', () => {
    const gapsFor = (seconds: number) => {
      const { c } = nodeCluster();
      const starts = new Set<string>();
      c.admin.watch('pods', 'default', (e) => {
        const st = (e.object as Pod).status?.containerStatuses?.[0];
        for (const t of [st?.state?.running?.startedAt, st?.lastState?.terminated?.startedAt]) if (t) starts.add(t);
      });
      createPod(c, 'p', { containers: [{ name: 'p', image: 'busybox:1.36', command: ['sh', '-c', `sleep ${seconds}; exit 1`] }] });
      c.advance(3 * seconds * 1000 + 60_000);
      const ms = [...starts].map((t) => Date.parse(t)).sort((a, b) => a - b);
      return ms.slice(1, 3).map((t, i) => (t - ms[i]!) / 1000 - seconds);
    };
    expect(gapsFor(100)).toEqual([0, 10]);
    expect(gapsFor(700)).toEqual([0, 0]);
  });

  it('reports ErrImagePull then ImagePullBackOff for a tag the registry lacks', () => {
    const { c } = nodeCluster();
    const states = recordStates(c, 'bad');
    createPod(c, 'bad', { containers: [{ name: 'bad', image: 'nginx:doesnotexist' }] });
    c.advance(60_000);
    expect(states.slice(0, 4)).toEqual(['Pending/-', 'Pending/ContainerCreating', 'Pending/ErrImagePull', 'Pending/ImagePullBackOff']);
    expect(states).toContain('Pending/ErrImagePull');
    expect(cs(c, 'bad')?.state?.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:doesnotexist"' });
    const ev = eventText(c, 'bad');
    expect(ev).toContain(
      'Warning Failed Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
    expect(ev).toContain('Warning Failed Error: ErrImagePull');
    expect(ev).toContain('Normal BackOff Back-off pulling image "nginx:doesnotexist"');
    expect(ev).toContain('Warning Failed Error: ImagePullBackOff');
    expect(pod(c, 'bad')?.status?.phase).toBe('Pending');
  });

  it('reports CreateContainerConfigError for a missing ConfigMap, and starts once it exists', () => {
    const { c } = nodeCluster();
    createPod(c, 'cfg', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo $GREETING; sleep 3600'], env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'greeting' } } }] }] });
    c.advance(5_000);
    expect(cs(c, 'cfg')?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    expect(eventText(c, 'cfg')).toContain('Warning Failed Error: configmap "app-config" not found');
    c.admin.create('configmaps', 'default', { metadata: { name: 'app-config' }, data: { greeting: 'hello' } });
    c.advance(10_000);
    expect(cs(c, 'cfg')?.state?.running).toBeDefined();
    const logs = c.api.kubeletFor('node-1')!.logs('default', 'cfg', {});
    expect(logs).toEqual({ ok: true, text: 'hello\n' });
  });

  it('OOM-kills a container whose memory passes its limit (exit 137)', () => {
    const { c } = nodeCluster();
    createPod(c, 'memory-demo', {
      restartPolicy: 'Never',
      containers: [{ name: 'memory-demo-ctr', image: 'polinux/stress', resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } }, command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }],
    });
    c.advance(10_000);
    expect(cs(c, 'memory-demo')?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(pod(c, 'memory-demo')?.status?.phase).toBe('Failed');
  });

  it('gives a container that exits 0 under restartPolicy Never the Completed state and the pod Succeeded', () => {
    const { c } = nodeCluster();
    createPod(c, 'once', { restartPolicy: 'Never', containers: [{ name: 'once', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] });
    c.advance(10_000);
    expect(cs(c, 'once')?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod(c, 'once')?.status?.phase).toBe('Succeeded');
    expect(pod(c, 'once')?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('reports a StartError for a command the image lacks', () => {
    const { c } = nodeCluster();
    createPod(c, 'nocmd', { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox:1.36', command: ['foo'] }] });
    c.advance(10_000);
    expect(cs(c, 'nocmd')?.state?.terminated).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(cs(c, 'nocmd')?.state?.terminated?.message).toContain('exec: "foo": executable file not found in $PATH: unknown');
  });
});
