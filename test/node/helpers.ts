/** A bare cluster with kubelets on hand-made machines, and small readers for pod state. */
import type { ContainerStatus, Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { startKubelet, type KubeletHandle } from '../../src/cluster/node/kubelet.js';
import { makeMachine, type MachineOptions } from '../../src/cluster/node/test-machines.js';

export function nodeCluster(nodes = 1, opts: MachineOptions = {}): { c: Cluster; kubelets: KubeletHandle[] } {
  const c = new Cluster({ seed: 7 });
  c.admin.create('serviceaccounts', 'default', { metadata: { name: 'default' } });
  const kubelets = Array.from({ length: nodes }, (_, i) => startKubelet(c, makeMachine(`node-${i + 1}`, { index: i, ...opts })));
  c.runUntilIdle();
  return { c, kubelets };
}

export function createPod(c: Cluster, name: string, spec: Record<string, unknown>, node = 'node-1'): void {
  const r = c.admin.create('pods', 'default', { metadata: { name }, spec: { nodeName: node, ...spec } });
  if (!r.ok) throw new Error(r.status.message);
}

export function pod(c: Cluster, name: string): Pod | undefined {
  const r = c.admin.get<Pod>('pods', 'default', name);
  return r.ok ? r.object : undefined;
}

export function cs(c: Cluster, name: string, i = 0): ContainerStatus | undefined {
  return pod(c, name)?.status?.containerStatuses?.[i];
}

export function events(c: Cluster, name: string): Event[] {
  return c.admin
    .items<Event>('events', 'default')
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

export function eventText(c: Cluster, name: string): string[] {
  return events(c, name).map((e) => `${e.type} ${e.reason} ${e.message}`);
}

/** Each phase/reason the pod passed through, recorded from a watch. */
export function recordStates(c: Cluster, name: string): string[] {
  const seen: string[] = [];
  c.admin.watch('pods', 'default', (e) => {
    const p = e.object as Pod;
    if (p.metadata?.name !== name) return;
    const s = p.status?.containerStatuses?.[0]?.state;
    const label = `${p.status?.phase}/${s?.waiting?.reason ?? (s?.running ? 'Running' : (s?.terminated?.reason ?? '-'))}`;
    if (seen[seen.length - 1] !== label) seen.push(label);
  });
  return seen;
}
