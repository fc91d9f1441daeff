import { describe, expect, it } from 'vitest';
import { boundClaim, cluster, createPod, cs, csiDriver, deletePodNow, eventText, exec, pod } from './helpers.js';

const writer = (name: string, script: string, volumes: unknown[], mounts: unknown[], node = 'node-1', extra: Record<string, unknown> = {}) => ({
  name,
  node,
  spec: { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', script], volumeMounts: mounts, ...extra }], volumes },
});

function run(c: ReturnType<typeof cluster>, w: ReturnType<typeof writer>): void {
  createPod(c, w.name, w.spec, w.node);
}

describe('pod volumes: what containers write', () => {
  it('keeps PVC data across pod deletion and rescheduling to another node', () => {
    const c = cluster(2);
    csiDriver(c, 'file.csi.azure.com', false);
    boundClaim(c, 'data', 'file.csi.azure.com', 'rg#acct#share-1');
    const vol = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
    const mnt = [{ name: 'data', mountPath: '/data' }];
    run(c, writer('w1', 'echo hello >> /data/f; sleep 3600', vol, mnt, 'node-1'));
    c.advance(15_000);
    expect(pod(c, 'w1')?.status?.phase).toBe('Running');
    expect(exec(c, 'w1', ['cat', '/data/f']).out).toBe('hello\n');
    deletePodNow(c, 'w1');
    c.advance(5_000);
    expect(pod(c, 'w1')).toBeUndefined();
    run(c, writer('w2', 'echo again >> /data/f; sleep 3600', vol, mnt, 'node-2'));
    c.advance(15_000);
    expect(pod(c, 'w2')?.status?.phase).toBe('Running');
    expect(exec(c, 'w2', ['cat', '/data/f']).out).toBe('hello\nagain\n');
    expect(exec(c, 'w2', ['ls', '/data']).out).toBe('f\n');
  });

  it('loses emptyDir data with the pod, keeps it across a container restart', () => {
    const c = cluster(1);
    const vol = [{ name: 'cache', emptyDir: {} }];
    const mnt = [{ name: 'cache', mountPath: '/cache' }];
    // Appends a line, then exits after 20 s: restartPolicy Always restarts it into the same emptyDir.
    run(c, writer('e1', 'date >> /cache/log; sleep 20; exit 1', vol, mnt));
    c.advance(15_000);
    expect(exec(c, 'e1', ['wc', '-l', '/cache/log']).out).toBe('1 /cache/log\n');
    expect(c.advanceUntil(() => cs(c, 'e1')?.restartCount === 1 && !!cs(c, 'e1')?.state?.running, 60_000)).toBe(true);
    expect(exec(c, 'e1', ['wc', '-l', '/cache/log']).out).toBe('2 /cache/log\n');
    deletePodNow(c, 'e1');
    c.advance(5_000);
    run(c, writer('e1', 'sleep 3600', vol, mnt));
    c.advance(15_000);
    expect(pod(c, 'e1')?.status?.phase).toBe('Running');
    expect(exec(c, 'e1', ['cat', '/cache/log'])).toEqual({ out: '', err: "cat: can't open '/cache/log': No such file or directory\n", code: 1 });
    expect(exec(c, 'e1', ['ls', '/cache'])).toEqual({ out: '', err: '', code: 0 });
  });

  it('writes on the simulated clock: a loop appending every 5 s', () => {
    const c = cluster(1);
    run(c, writer('loop', 'while true; do date >> /data/log; sleep 5; done', [{ name: 'd', emptyDir: {} }], [{ name: 'd', mountPath: '/data' }]));
    c.advance(10_000);
    const start = Number(exec(c, 'loop', ['sh', '-c', 'cat /data/log | wc -l']).out.trim());
    expect(start).toBeGreaterThan(0);
    c.advance(60_000);
    const later = Number(exec(c, 'loop', ['sh', '-c', 'cat /data/log | wc -l']).out.trim());
    expect(later - start).toBe(12);
    expect(exec(c, 'loop', ['tail', '-n', '1', '/data/log']).out).toMatch(/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}\n$/);
  });

  it('rejects writes to a readOnly mount as busybox does', () => {
    const c = cluster(1);
    const vol = [{ name: 'd', emptyDir: {} }];
    run(c, writer('ro', 'sleep 3600', vol, [{ name: 'd', mountPath: '/data', readOnly: true }]));
    c.advance(15_000);
    expect(exec(c, 'ro', ['sh', '-c', 'echo x > /data/f'])).toEqual({ out: '', err: "sh: can't create /data/f: Read-only file system\n", code: 1 });
    expect(exec(c, 'ro', ['touch', '/data/g'])).toEqual({ out: '', err: 'touch: /data/g: Read-only file system\n', code: 1 });
  });

  it('mounts a subPath of a volume and subPathExpr from the environment', () => {
    const c = cluster(1);
    const vol = [{ name: 'd', emptyDir: {} }];
    createPod(c, 'sp', {
      containers: [
        { name: 'a', image: 'busybox', command: ['sh', '-c', 'echo from-a > /out/f; sleep 3600'], volumeMounts: [{ name: 'd', mountPath: '/out', subPath: 'a' }] },
        { name: 'b', image: 'busybox', command: ['sh', '-c', 'echo from-b > /logs/f; sleep 3600'], env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], volumeMounts: [{ name: 'd', mountPath: '/logs', subPathExpr: '$(POD)' }] },
        { name: 'all', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'd', mountPath: '/all' }] },
      ],
      volumes: vol,
    });
    c.advance(15_000);
    expect(exec(c, 'sp', ['ls', '/all'], 'all').out).toBe('a\nsp\n');
    expect(exec(c, 'sp', ['cat', '/all/a/f', '/all/sp/f'], 'all').out).toBe('from-a\nfrom-b\n');
  });

  it('propagates a ConfigMap update into the mounted file after the kubelet sync, but not into a subPath mount', () => {
    const c = cluster(1);
    c.admin.create('configmaps', 'default', { metadata: { name: 'cfg' }, data: { color: 'blue', size: 'L' } });
    createPod(c, 'cm', {
      containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'c', mountPath: '/etc/cfg' }, { name: 'c', mountPath: '/etc/color', subPath: 'color' }] }],
      volumes: [{ name: 'c', configMap: { name: 'cfg' } }],
    });
    c.advance(15_000);
    expect(exec(c, 'cm', ['ls', '/etc/cfg']).out).toBe('color\nsize\n');
    expect(exec(c, 'cm', ['cat', '/etc/cfg/color', '/etc/color']).out).toBe('blueblue');
    c.admin.patch('configmaps', 'default', 'cfg', { data: { color: 'green', size: 'L' } });
    c.advance(1_000);
    expect(exec(c, 'cm', ['cat', '/etc/cfg/color']).out).toBe('blue');
    c.advance(70_000);
    expect(exec(c, 'cm', ['cat', '/etc/cfg/color']).out).toBe('green');
    expect(exec(c, 'cm', ['cat', '/etc/color']).out).toBe('blue');
    expect(exec(c, 'cm', ['sh', '-c', 'echo x > /etc/cfg/color']).err).toBe("sh: can't create /etc/cfg/color: Read-only file system\n");
  });

  it('fails the mount of a missing ConfigMap with the upstream event, then mounts it once it exists', () => {
    const c = cluster(1);
    createPod(c, 'miss', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'c', mountPath: '/cfg' }] }], volumes: [{ name: 'c', configMap: { name: 'later' } }] });
    c.advance(10_000);
    expect(cs(c, 'miss')?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(eventText(c, 'miss')).toContain('Warning FailedMount MountVolume.SetUp failed for volume "c" : configmap "later" not found');
    c.advance(120_000);
    expect(eventText(c, 'miss')).toContain('Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[c], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition');
    c.admin.create('configmaps', 'default', { metadata: { name: 'later' }, data: { k: 'v' } });
    c.advance(130_000);
    expect(pod(c, 'miss')?.status?.phase).toBe('Running');
    expect(exec(c, 'miss', ['cat', '/cfg/k']).out).toBe('v');
  });

  it('writes labels and resource fields through the downward API, and follows label changes', () => {
    const c = cluster(1);
    const r = c.admin.create('pods', 'default', {
      metadata: { name: 'dw', labels: { app: 'web', tier: 'front' } },
      spec: {
        nodeName: 'node-1',
        containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], resources: { limits: { memory: '64Mi' } }, volumeMounts: [{ name: 'info', mountPath: '/etc/podinfo' }] }],
        volumes: [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } }] } }],
      },
    });
    expect(r.ok).toBe(true);
    c.advance(15_000);
    expect(exec(c, 'dw', ['cat', '/etc/podinfo/labels']).out).toBe('app="web"\ntier="front"');
    expect(exec(c, 'dw', ['cat', '/etc/podinfo/mem']).out).toBe('64');
    c.admin.patch('pods', 'default', 'dw', { metadata: { labels: { tier: 'back' } } });
    c.advance(2_000);
    expect(exec(c, 'dw', ['cat', '/etc/podinfo/labels']).out).toBe('app="web"\ntier="back"');
  });

  it('mounts the projected service account token, ca.crt and namespace', () => {
    const c = cluster(1);
    createPod(c, 'sa', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] });
    c.advance(15_000);
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(exec(c, 'sa', ['ls', dir]).out).toBe('ca.crt\nnamespace\ntoken\n');
    expect(exec(c, 'sa', ['cat', `${dir}/namespace`]).out).toBe('default');
    const token = exec(c, 'sa', ['cat', `${dir}/token`]).out;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; 'kubernetes.io': { pod: { name: string } } };
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod.name).toBe('sa');
    expect(exec(c, 'sa', ['cat', `${dir}/ca.crt`]).out).toContain('BEGIN CERTIFICATE');
  });

  it('shares a hostPath directory between pods on one machine only', () => {
    const c = cluster(2);
    const vol = [{ name: 'h', hostPath: { path: '/mnt/shared', type: 'DirectoryOrCreate' } }];
    const mnt = [{ name: 'h', mountPath: '/h' }];
    run(c, writer('h1', 'echo one > /h/f; sleep 3600', vol, mnt, 'node-1'));
    c.advance(15_000);
    run(c, writer('h2', 'sleep 3600', vol, mnt, 'node-1'));
    run(c, writer('h3', 'sleep 3600', vol, mnt, 'node-2'));
    c.advance(15_000);
    expect(exec(c, 'h2', ['cat', '/h/f']).out).toBe('one\n');
    expect(exec(c, 'h3', ['ls', '/h']).out).toBe('');
    run(c, writer('h4', 'sleep 3600', [{ name: 'h', hostPath: { path: '/no/such', type: 'Directory' } }], mnt, 'node-1'));
    c.advance(5_000);
    expect(eventText(c, 'h4')).toContain('Warning FailedMount MountVolume.SetUp failed for volume "h" : hostPath type check failed: /no/such is not a directory');
  });

  it('evicts a pod whose emptyDir passes its sizeLimit', () => {
    const c = cluster(1);
    run(c, writer('big', 'sleep 20; dd if=/dev/zero of=/scratch/blob bs=1M count=20; sleep 3600', [{ name: 'scratch', emptyDir: { sizeLimit: '10Mi' } }], [{ name: 'scratch', mountPath: '/scratch' }]));
    c.advance(15_000);
    expect(pod(c, 'big')?.status?.phase).toBe('Running');
    c.advance(30_000);
    const p = pod(c, 'big')!;
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.reason).toBe('Evicted');
    expect(p.status?.message).toBe('Usage of EmptyDir volume "scratch" exceeds the limit "10Mi". ');
  });
});

describe('pod volumes: waiting for claims and attachments', () => {
  it('keeps a pod ContainerCreating while its claim is unbound and reports after 2m3s', () => {
    const c = cluster(1);
    csiDriver(c, 'file.csi.azure.com', false);
    boundClaim(c, 'data', 'file.csi.azure.com', 'share-2', { bind: false });
    run(c, writer('wait', 'sleep 3600', [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], [{ name: 'data', mountPath: '/data' }]));
    c.advance(122_000);
    expect(cs(c, 'wait')?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(eventText(c, 'wait').filter((e) => e.includes('FailedMount'))).toEqual([]);
    c.advance(1_000);
    expect(eventText(c, 'wait')).toContain('Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: timed out waiting for the condition');
  });

  it('waits for the VolumeAttachment of a disk, reports volumesInUse, then starts', () => {
    const c = cluster(1);
    csiDriver(c, 'disk.csi.azure.com', true);
    const handle = '/subscriptions/x/resourceGroups/mc_rg/providers/Microsoft.Compute/disks/pvc-1';
    boundClaim(c, 'disk', 'disk.csi.azure.com', handle);
    run(c, writer('db', 'echo row >> /var/lib/db/t; sleep 3600', [{ name: 'data', persistentVolumeClaim: { claimName: 'disk' } }], [{ name: 'data', mountPath: '/var/lib/db' }]));
    c.advance(20_000);
    expect(cs(c, 'db')?.state?.waiting?.reason).toBe('ContainerCreating');
    const node = c.admin.get<{ status?: { volumesInUse?: string[] } }>('nodes', undefined, 'node-1');
    expect(node.ok && node.object.status?.volumesInUse).toEqual([`kubernetes.io/csi/disk.csi.azure.com^${handle}`]);
    c.advance(110_000);
    expect(eventText(c, 'db')).toContain('Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition');
    const va = c.admin.create('volumeattachments.storage.k8s.io', undefined, { metadata: { name: 'csi-123' }, spec: { attacher: 'disk.csi.azure.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-disk' } } });
    expect(va.ok).toBe(true);
    c.advance(2_000);
    expect(cs(c, 'db')?.state?.waiting?.reason).toBe('ContainerCreating');
    c.admin.patch('volumeattachments.storage.k8s.io', undefined, 'csi-123', { status: { attached: true } }, 'merge', 'status');
    c.advance(10_000);
    expect(pod(c, 'db')?.status?.phase).toBe('Running');
    expect(exec(c, 'db', ['cat', '/var/lib/db/t']).out).toBe('row\n');
  });
});
