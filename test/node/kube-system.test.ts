import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { createWorld } from '../../src/cluster/profiles/index.js';
import { installKubeSystem, kubeSystemManifests } from '../../src/cluster/profiles/kube-system.js';

describe('kube-system of a fresh AKS cluster', () => {
  it('has the AKS workloads with their priority classes and requests', () => {
    const objs = kubeSystemManifests();
    const names = objs.filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet').map((o) => `${o.kind}/${o.metadata?.name}`);
    expect(names).toEqual([
      'Deployment/coredns',
      'Deployment/coredns-autoscaler',
      'Deployment/metrics-server',
      'Deployment/konnectivity-agent',
      'DaemonSet/kube-proxy',
      'DaemonSet/azure-ip-masq-agent',
      'DaemonSet/cloud-node-manager',
      'DaemonSet/csi-azuredisk-node',
      'DaemonSet/csi-azurefile-node',
    ]);
    const spec = (name: string) => (objs.find((o) => (o.kind === 'Deployment' || o.kind === 'DaemonSet') && o.metadata?.name === name)!.spec as { template: { spec: Pod['spec'] } }).template.spec!;
    expect(spec('coredns').containers[0]!.resources?.requests).toEqual({ cpu: '100m', memory: '70Mi' });
    expect(spec('metrics-server').containers.map((c) => c.name)).toEqual(['metrics-server-vpa', 'metrics-server']);
    expect(spec('csi-azuredisk-node').containers.map((c) => c.name)).toEqual(['liveness-probe', 'node-driver-registrar', 'azuredisk']);
    expect(spec('kube-proxy').priorityClassName).toBe('system-node-critical');
    expect(spec('coredns-autoscaler').priorityClassName).toBe('system-cluster-critical');
  });

  it('applies through the API and every pod runs on the default cluster', () => {
    const { world, cluster } = createWorld({ seed: 3 });
    const r = installKubeSystem(cluster);
    expect(r.failed).toEqual([]);
    world.advance(1_000);
    const nodes = cluster.admin.items<Node>('nodes').map((n) => n.metadata!.name!).sort();
    expect(nodes).toHaveLength(3);
    // Until the scheduler and the DaemonSet controller land, place the pods as they would.
    let i = 0;
    for (const p of cluster.admin.items<Pod>('pods', 'kube-system')) {
      if (p.spec?.nodeName) continue;
      cluster.admin.create('bindings', 'kube-system', { metadata: { name: p.metadata!.name }, target: { kind: 'Node', name: nodes[i++ % nodes.length] } });
    }
    const hasDsController = cluster.admin.items<Pod>('pods', 'kube-system').some((p) => p.metadata?.ownerReferences?.[0]?.kind === 'DaemonSet');
    if (!hasDsController) {
      for (const ds of cluster.admin.items<DaemonSet>('daemonsets.apps', 'kube-system')) {
        for (const n of nodes) {
          cluster.admin.create('pods', 'kube-system', { metadata: { generateName: `${ds.metadata!.name}-`, labels: ds.spec!.template.metadata!.labels }, spec: { ...ds.spec!.template.spec, nodeName: n } });
        }
      }
    }
    world.advance(90_000);
    const pods = cluster.admin.items<Pod>('pods', 'kube-system');
    expect(pods.length).toBe(7 + 5 * 3);
    const ready = (p: Pod) => `${(p.status?.containerStatuses ?? []).filter((c) => c.ready).length}/${p.spec!.containers.length}`;
    for (const p of pods) {
      expect(`${p.metadata!.name} ${p.status?.phase}`).toBe(`${p.metadata!.name} Running`);
      expect(`${p.metadata!.name} ${ready(p)}`).toBe(`${p.metadata!.name} ${p.spec!.containers.length}/${p.spec!.containers.length}`);
      expect(p.status?.containerStatuses?.every((c) => c.restartCount === 0)).toBe(true);
    }
    const proxy = pods.find((p) => p.metadata!.name!.startsWith('kube-proxy-'))!;
    expect(proxy.status?.podIP).toBe(proxy.status?.hostIP);
    // System images come pre-pulled with the AKS node image.
    const ev = cluster.admin.items<{ reason: string; involvedObject: { namespace?: string } }>('events', 'kube-system');
    expect(ev.filter((e) => e.reason === 'Pulling').map((e) => (e as unknown as { message: string }).message)).toEqual([]);
  });
});
