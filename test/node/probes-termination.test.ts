import { describe, expect, it } from 'vitest';
import { createPod, cs, eventText, nodeCluster, pod } from './helpers.js';

describe('kubelet: probes, termination, logs and exec', () => {
  it('keeps the pod unready until the readiness probe passes', () => {
    const { c } = nodeCluster();
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }] });
    c.advance(4_000);
    expect(cs(c, 'web')).toMatchObject({ ready: false, started: true });
    expect(pod(c, 'web')?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    c.advance(6_000);
    expect(cs(c, 'web')?.ready).toBe(true);
    expect(pod(c, 'web')?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
  });

  it('never readies a pod probed on a port nothing listens on', () => {
    const { c } = nodeCluster();
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 8080 } } }] });
    c.advance(60_000);
    expect(cs(c, 'web')?.ready).toBe(false);
    const ip = pod(c, 'web')?.status?.podIP;
    expect(eventText(c, 'web')).toContain(`Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('restarts a container whose liveness probe fails (the docs liveness-http example)', () => {
    const { c } = nodeCluster();
    createPod(c, 'liveness-http', {
      containers: [{ name: 'liveness', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'], livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 } }],
    });
    c.advance(30_000);
    expect(cs(c, 'liveness-http')?.restartCount).toBeGreaterThanOrEqual(1);
    const ev = eventText(c, 'liveness-http');
    expect(ev).toContain('Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(ev).toContain('Normal Killing Container liveness failed liveness probe, will be restarted');
  });

  it('runs exec probes against the container files (the docs liveness-exec example)', () => {
    const { c } = nodeCluster();
    createPod(c, 'liveness-exec', {
      containers: [{ name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }],
    });
    c.advance(25_000);
    expect(cs(c, 'liveness-exec')?.restartCount).toBe(0);
    c.advance(60_000);
    expect(cs(c, 'liveness-exec')?.restartCount).toBeGreaterThanOrEqual(1);
    expect(eventText(c, 'liveness-exec')).toContain("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  });

  it('waits out the grace period for a container that ignores SIGTERM, then removes the pod', () => {
    const { c } = nodeCluster();
    createPod(c, 'sleeper', { containers: [{ name: 'sleeper', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] });
    c.advance(10_000);
    c.admin.delete('pods', 'default', 'sleeper');
    c.advance(29_000);
    expect(pod(c, 'sleeper')?.metadata?.deletionTimestamp).toBeDefined();
    expect(eventText(c, 'sleeper')).toContain('Normal Killing Stopping container sleeper');
    c.advance(2_000);
    expect(pod(c, 'sleeper')).toBeUndefined();
  });

  it('stops nginx at once on deletion (it handles its stop signal)', () => {
    const { c } = nodeCluster();
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    c.advance(10_000);
    c.admin.delete('pods', 'default', 'web');
    c.advance(1_000);
    expect(pod(c, 'web')).toBeUndefined();
  });

  it('serves logs with tail and timestamps, and the previous instance with --previous', () => {
    const { c } = nodeCluster();
    createPod(c, 'counter', { containers: [{ name: 'count', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] }] });
    c.advance(10_000);
    const kl = c.api.kubeletFor('node-1')!;
    const r = kl.logs('default', 'counter', { tailLines: '2', timestamps: 'true' });
    expect(r.ok).toBe(true);
    const lines = r.ok ? r.text.trimEnd().split('\n') : [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2026-01-15T09:00:\d\d\.\d{9}Z \d+: Thu Jan 15 09:00:\d\d UTC 2026$/);
    expect(kl.logs('default', 'counter', { previous: 'true' })).toMatchObject({ ok: false, status: { message: 'previous terminated container "count" in pod "counter" not found' } });

    createPod(c, 'crash', { containers: [{ name: 'crash', image: 'busybox:1.36', command: ['sh', '-c', 'echo started at $(date +%s); exit 2'] }] });
    c.advance(15_000);
    const prev = kl.logs('default', 'crash', { previous: 'true' });
    expect(prev.ok && prev.text).toMatch(/^started at \d+\n$/);
  });

  it('runs exec commands with upstream errors', () => {
    const { c } = nodeCluster();
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'COLOR', value: 'blue' }] }] });
    c.advance(10_000);
    const kl = c.api.kubeletFor('node-1')!;
    expect(kl.exec('default', 'web', {}, ['printenv', 'COLOR'])).toEqual({ ok: true, stdout: 'blue\n', stderr: '', exitCode: 0 });
    expect(kl.exec('default', 'web', {}, ['hostname'])).toMatchObject({ ok: true, stdout: 'web\n' });
    const missing = kl.exec('default', 'web', {}, ['ps']);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.status.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown$/);
    expect(kl.exec('default', 'web', {}, ['sh', '-c', 'foo'])).toEqual({ ok: true, stdout: '', stderr: 'sh: 1: foo: not found\n', exitCode: 127 });
  });
});
