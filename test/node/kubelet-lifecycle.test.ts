import { describe, expect, it } from 'vitest';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { createPod, cs, eventText, nodeCluster, pod, recordStates } from './helpers.js';

describe('kubelet: node registration, lease and pod start', () => {
  it('registers the Node with the kubelet conditions and capacity', () => {
    const { c } = nodeCluster();
    const r = c.admin.get<Node>('nodes', undefined, 'node-1');
    expect(r.ok).toBe(true);
    const node = r.ok ? r.object : undefined;
    expect(node?.status?.conditions?.map((x) => `${x.type}=${x.status}:${x.reason}`)).toEqual([
      'MemoryPressure=False:KubeletHasSufficientMemory',
      'DiskPressure=False:KubeletHasNoDiskPressure',
      'PIDPressure=False:KubeletHasSufficientPID',
      'Ready=True:KubeletReady',
    ]);
    expect(node?.status?.conditions?.[3]?.message).toBe('kubelet is posting ready status');
    expect(node?.status?.allocatable?.cpu).toBe('1900m');
    expect(node?.metadata?.labels?.['kubernetes.io/hostname']).toBe('node-1');
  });

  it('renews its Lease every 10 s, and stop() halts it until restart()', () => {
    const { c, kubelets } = nodeCluster();
    const renew = () => {
      const r = c.admin.get<Lease>('leases.coordination.k8s.io', 'kube-node-lease', 'node-1');
      return r.ok ? r.object.spec?.renewTime : undefined;
    };
    const r = c.admin.get<Lease>('leases.coordination.k8s.io', 'kube-node-lease', 'node-1');
    expect(r.ok && r.object.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    const times: string[] = [];
    for (let i = 0; i < 4; i++) {
      c.advance(10_000);
      times.push(renew()!);
    }
    const ms = times.map((t) => Date.parse(t));
    expect(ms.slice(1).map((t, i) => t - ms[i]!)).toEqual([10_000, 10_000, 10_000]);
    kubelets[0]!.stop();
    const frozen = renew();
    c.advance(60_000);
    expect(renew()).toBe(frozen);
    kubelets[0]!.restart();
    c.runUntilIdle();
    expect(renew()).not.toBe(frozen);
  });

  it('takes a pod through Pending/ContainerCreating to Running with the events in order', () => {
    const { c } = nodeCluster();
    const states = recordStates(c, 'web');
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx' }] });
    c.advance(1_000);
    expect(pod(c, 'web')?.status?.phase).toBe('Pending');
    c.advance(10_000);
    const p = pod(c, 'web')!;
    expect(p.status?.phase).toBe('Running');
    expect(states).toEqual(['Pending/-', 'Pending/ContainerCreating', 'Running/Running']);
    expect(p.status?.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(p.status?.hostIP).toBe('10.224.0.4');
    expect(p.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const st = cs(c, 'web')!;
    expect(st).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(st.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(st.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    const ev = eventText(c, 'web');
    expect(ev[0]).toBe('Normal Pulling Pulling image "nginx"');
    expect(ev[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: 72099410 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Normal Created Container created', 'Normal Started Container started']);
  });

  it('skips the pull when the image is present and the policy allows it', () => {
    const { c } = nodeCluster();
    createPod(c, 'a', { containers: [{ name: 'a', image: 'nginx:1.27' }] });
    c.advance(10_000);
    createPod(c, 'b', { containers: [{ name: 'b', image: 'nginx:1.27' }] });
    c.advance(3_000);
    expect(pod(c, 'b')?.status?.phase).toBe('Running');
    expect(eventText(c, 'b')[0]).toBe('Normal Pulled Container image "nginx:1.27" already present on machine and can be accessed by the pod');
  });

  it('uses the older event texts on an older kubelet', () => {
    const { c } = nodeCluster(1, { kubeletVersion: 'v1.32.4' });
    createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    c.advance(10_000);
    expect(eventText(c, 'web').slice(2)).toEqual(['Normal Created Created container web', 'Normal Started Started container web']);
  });

  it('is deterministic: same seed, same IDs and times', () => {
    const run = () => {
      const { c } = nodeCluster();
      createPod(c, 'web', { containers: [{ name: 'web', image: 'nginx' }] });
      c.advance(10_000);
      return JSON.stringify(pod(c, 'web')?.status);
    };
    expect(run()).toBe(run());
  });
});
