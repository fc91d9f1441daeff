/**
 * The kubelet's periodic work when nothing changes (a probe tick that passes
 * again, an eviction pass far from the threshold) writes nothing, while a
 * probe or a memory step that changes something shows at the same simulated
 * time as it always did.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { createPod, cs, eventText, events, nodeCluster, pod } from './helpers.js';

/** Step the clock 100 ms at a time until `done`; the time it became true (to within 100 ms). */
function stepUntil(c: Cluster, done: () => boolean, limitMs = 120_000): number {
  for (let t = 0; t < limitMs && !done(); t += 100) c.advance(100);
  expect(done()).toBe(true);
  return c.clock.now();
}

/** How many times the pod object changed (each kubelet status write is one). */
function countWrites(c: Cluster, name: string): () => number {
  let n = 0;
  c.admin.watch('pods', 'default', (e) => {
    if ((e.object as Pod).metadata?.name === name && e.type === 'MODIFIED') n++;
  });
  return () => n;
}

const REGISTRAR = 'mcr.microsoft.com/oss/kubernetes-csi/csi-node-driver-registrar:v2.13.0';

describe('kubelet: quiet periodic work', () => {
  it('publishes Ready at the third success of a successThreshold-3 readiness probe, then writes nothing while probes keep passing', () => {
    const { c } = nodeCluster();
    createPod(c, 'web', {
      containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5, successThreshold: 3 }, livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 } }],
    });
    const started = stepUntil(c, () => !!cs(c, 'web')?.state?.running);
    // Probes at start+5 s, +10 s and +15 s: ready with the third.
    c.advance(started + 14_000 - c.clock.now());
    expect(cs(c, 'web')?.ready).toBe(false);
    expect(pod(c, 'web')?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    c.advance(1_100);
    expect(cs(c, 'web')?.ready).toBe(true);
    const ready = pod(c, 'web')?.status?.conditions?.find((x) => x.type === 'Ready');
    expect(ready?.status).toBe('True');
    const writes = countWrites(c, 'web');
    const eventsBefore = events(c, 'web');
    c.advance(10 * 60_000);
    expect(writes()).toBe(0);
    expect(pod(c, 'web')?.status?.conditions?.find((x) => x.type === 'Ready')).toEqual(ready);
    expect(events(c, 'web')).toEqual(eventsBefore);
  });

  it('marks a pod unready at the failing readiness probe that reaches the failure threshold', () => {
    const { c } = nodeCluster();
    // agnhost liveness answers /healthz with 200 for 10 s, then 500.
    createPod(c, 'flaky', {
      containers: [{ name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2, failureThreshold: 3 } }],
    });
    const failing = () => events(c, 'flaky').find((e) => e.message?.includes('statuscode: 500'));
    const ready = stepUntil(c, () => !!cs(c, 'flaky')?.ready);
    const firstFailure = stepUntil(c, () => !!failing());
    expect(ready).toBeLessThan(firstFailure);
    // The third failure, two periods after the first, flips Ready.
    c.advance(firstFailure + 3_800 - c.clock.now());
    expect(cs(c, 'flaky')?.ready).toBe(true);
    expect(failing()?.count).toBe(2);
    c.advance(300);
    expect(cs(c, 'flaky')?.ready).toBe(false);
    expect(failing()?.count).toBe(3);
    expect(pod(c, 'flaky')?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
  });

  it('runs an image program as an exec probe every period without changing the container (csi-node-driver-registrar)', () => {
    const { c, kubelets } = nodeCluster();
    const probeArgv = ['/csi-node-driver-registrar', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--mode=kubelet-registration-probe'];
    createPod(c, 'reg', {
      containers: [{ name: 'node-driver-registrar', image: REGISTRAR, args: ['--v=2'], livenessProbe: { exec: { command: probeArgv }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 } }],
    });
    stepUntil(c, () => !!cs(c, 'reg')?.ready);
    const memory = () => kubelets[0]!.usage().find((u) => u.pod === 'reg')?.memoryMi;
    const before = memory();
    const writes = countWrites(c, 'reg');
    c.advance(30 * 60_000);
    expect(writes()).toBe(0);
    expect(cs(c, 'reg')).toMatchObject({ ready: true, started: true, restartCount: 0 });
    expect(eventText(c, 'reg').filter((e) => e.includes('Unhealthy') || e.includes('Killing'))).toEqual([]);
    expect(memory()).toBe(before);
    // The same command through kubectl exec: the program's own output, exit 0.
    const r = c.api.kubeletFor('node-1')!.exec('default', 'reg', {}, probeArgv, undefined, undefined);
    expect(r).toMatchObject({ ok: true, exitCode: 0 });
    expect(r.ok && r.stdout).toMatch(/"Version" version="v2.13.0"\n.*"Starting Registration Server"/);
    // A binary the image has no program for is containerd's error, as before.
    const bad = c.api.kubeletFor('node-1')!.exec('default', 'reg', {}, ['/nope'], undefined, undefined);
    expect(bad.ok ? '' : bad.status.message).toContain('exec: "/nope": stat /nope: no such file or directory: unknown');
  });

  it('evicts a pod at the first eviction pass after its memory jumps past the threshold', () => {
    const { c } = nodeCluster();
    const t0 = c.clock.now();
    createPod(c, 'steady', { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { memory: '64Mi' }, limits: { memory: '64Mi' } } }] });
    // A shell that starts the hog 12 s in: memory steps up at start + 12 s.
    createPod(c, 'late-hog', { containers: [{ name: 'stress', image: 'polinux/stress', command: ['sh', '-c', 'sleep 12; stress --vm 1 --vm-bytes 6500M --vm-hang 1'] }] });
    const started = stepUntil(c, () => !!cs(c, 'late-hog')?.state?.running);
    // Eviction passes run every 10 s from the kubelet's start.
    const crossed = started + 12_000;
    const pass = t0 + Math.ceil((crossed - t0) / 10_000) * 10_000;
    c.advance(pass - 1 - c.clock.now());
    expect(pod(c, 'late-hog')?.status?.phase).toBe('Running');
    c.advance(1);
    const hog = pod(c, 'late-hog')!;
    expect(hog.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(hog.status?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container stress was using \d+Ki, request is 0, has larger consumption of memory\. $/);
    expect(pod(c, 'steady')?.status?.phase).toBe('Running');
  });
});
