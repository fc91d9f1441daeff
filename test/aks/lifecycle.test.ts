import { describe, expect, it } from 'vitest';
import { env, mc, nodes, ok, run } from './helpers.js';
import { upgradeStats } from '../../src/cluster/cloud/upgrade.js';
import type { Environment } from '../../src/commands/environment.js';
import type { KObject } from '../../src/cluster/api/types.js';

/** Advance in 5 s steps until the cluster's operation ends, calling `sample` after each step. */
function until(e: Environment, done: () => boolean, sample: () => void = () => {}): void {
  for (let i = 0; i < 2000 && !done(); i++) {
    e.world.advance(5000);
    sample();
  }
  expect(done()).toBe(true);
}

/** Original nodes out of service: cordoned, or gone while being reimaged. */
function unavailable(original: string[], ns: ReturnType<typeof nodes>): number {
  const serving = new Set(ns.filter((n) => !n.spec.unschedulable).map((n) => n.metadata.name));
  return original.filter((name) => !serving.has(name)).length;
}

describe('az aks upgrade', () => {
  // kube-system pods run on the nodes; the drain goes through because the disruption controller keeps coredns's budget open.
  it('control plane first, then the pool by surge: never more old nodes cordoned than max surge; every node ends on the new version', () => {
    const e = env();
    const c = mc(e);
    const start = nodes(c).map((n) => n.metadata.name);
    ok(e, 'az aks upgrade -g myResourceGroup -n myAKSCluster -k 1.36.1 --yes --no-wait');
    let maxCordoned = 0;
    let sawSurge = false;
    let cpFirst = true;
    until(
      e,
      () => c.provisioningState === 'Succeeded',
      () => {
        const ns = nodes(c);
        maxCordoned = Math.max(maxCordoned, unavailable(start, ns));
        if (ns.some((n) => !start.includes(n.metadata.name))) sawSurge = true;
        if (ns.some((n) => n.status.nodeInfo.kubeletVersion === 'v1.36.1') && c.currentKubernetesVersion !== '1.36.1') cpFirst = false;
      },
    );
    expect(cpFirst).toBe(true);
    expect(sawSurge).toBe(true);
    expect(maxCordoned).toBe(1);
    const end = nodes(c);
    expect(end.map((n) => n.metadata.name)).toEqual(start);
    expect(end.every((n) => n.status.nodeInfo.kubeletVersion === 'v1.36.1' && !n.spec.unschedulable)).toBe(true);
    expect(c.pools[0]).toMatchObject({ currentOrchestratorVersion: '1.36.1', orchestratorVersion: '1.36.1', count: 3 });
  });

  it('max surge 2 on a 4-node pool drains two at a time', () => {
    const e = env();
    ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n work -c 4 --max-surge 2 -o none');
    const c = mc(e);
    const start = nodes(c).filter((n) => n.metadata.labels.agentpool === 'work').map((n) => n.metadata.name);
    ok(e, 'az aks nodepool upgrade -g myResourceGroup --cluster-name myAKSCluster -n work --node-image-only --no-wait');
    let maxCordoned = 0;
    const pool = c.pools.find((p) => p.name === 'work')!;
    until(
      e,
      () => pool.provisioningState === 'Succeeded',
      () => (maxCordoned = Math.max(maxCordoned, unavailable(start, nodes(c)))),
    );
    expect(maxCordoned).toBe(2);
    expect(upgradeStats.get(pool)?.maxCordoned).toBe(2);
    const work = nodes(c).filter((n) => n.metadata.labels.agentpool === 'work');
    expect(work).toHaveLength(4);
    expect(new Set(work.map((n) => n.metadata.labels['kubernetes.azure.com/node-image-version']))).toEqual(new Set(['AKSUbuntu-2404gen2containerd-202611.03.0']));
  });

  it('refuses to skip a minor version, and a node pool newer than the control plane', () => {
    const e = env();
    ok(e, 'az aks create -g myResourceGroup -n old -k 1.34.5 -c 1 -o none');
    expect(run(e, 'az aks upgrade -g myResourceGroup -n old -k 1.36.1 --yes').err).toMatch(/minor versions cannot be skipped/);
    expect(run(e, 'az aks nodepool upgrade -g myResourceGroup --cluster-name old -n nodepool1 -k 1.35.4').err).toMatch(/NodePoolMcVersionIncompatible/);
    expect(mc(e, 'myResourceGroup', 'old').currentKubernetesVersion).toBe('1.34.5');
  });

  it('a PodDisruptionBudget that allows no disruption blocks the drain until the drain timeout', () => {
    const e = env();
    const c = mc(e);
    const node = nodes(c)[0]!.metadata.name;
    c.cluster.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'guarded', labels: { app: 'guarded' } }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] } });
    c.cluster.admin.create('poddisruptionbudgets.policy', 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guard' }, spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'guarded' } } } });
    ok(e, 'az aks nodepool update -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 --drain-timeout 5 -o none');
    const r = run(e, 'az aks nodepool upgrade -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 --node-image-only');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Drain node ${node} failed when evicting pod(s) after 5 minutes`);
    expect(c.cluster.admin.get('pods', 'default', 'guarded').ok).toBe(true);
    expect(c.pools[0]!.provisioningState).toBe('Failed');
  });
});

describe('az aks stop / start', () => {
  it('stop loses bare pods, keeps the rest, refuses everything but start/delete; start brings new nodes', () => {
    const e = env();
    const c = mc(e);
    const before = nodes(c).map((n) => n.metadata.name);
    ok(e, 'kubectl run bare --image=nginx');
    ok(e, 'kubectl create deployment web --image=nginx --replicas=2');
    ok(e, 'kubectl create configmap settings --from-literal=a=1');
    ok(e, 'az aks stop -g myResourceGroup -n myAKSCluster');
    expect(JSON.parse(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster --query powerState'))).toEqual({ code: 'Stopped' });
    expect(run(e, 'kubectl get pods').code).not.toBe(0);
    for (const line of ['az aks scale -g myResourceGroup -n myAKSCluster -c 5', 'az aks upgrade -g myResourceGroup -n myAKSCluster -k 1.36.1 --yes', 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n more']) {
      expect(run(e, line).err).toContain('(OperationNotAllowed) Operation is not allowed because the managed cluster is in stopped state.');
    }
    ok(e, 'az aks start -g myResourceGroup -n myAKSCluster');
    e.world.advance(60_000);
    const after = nodes(c).map((n) => n.metadata.name);
    expect(after).toHaveLength(3);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect(run(e, 'kubectl get pod bare').code).not.toBe(0);
    expect(ok(e, 'kubectl get deployment web -o name')).toBe('deployment.apps/web\n');
    expect(ok(e, 'kubectl get configmap settings -o name')).toBe('configmap/settings\n');
    expect(run(e, 'az aks start -g myResourceGroup -n myAKSCluster').code).toBe(1);
  });
});

describe('spot node pools', () => {
  it('carry the spot label and taint; simulate-eviction removes the VM and its Node', () => {
    const e = env();
    ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n spotpool --priority Spot --eviction-policy Delete --spot-max-price -1 -c 2 -o none');
    const c = mc(e);
    const spot = nodes(c).filter((n) => n.metadata.labels.agentpool === 'spotpool');
    expect(spot).toHaveLength(2);
    for (const n of spot) {
      expect(n.metadata.labels['kubernetes.azure.com/scalesetpriority']).toBe('spot');
      expect(n.spec.taints).toContainEqual({ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' });
    }
    const pool = c.pools.find((p) => p.name === 'spotpool')!;
    ok(e, `az vmss simulate-eviction -g MC_myResourceGroup_myAKSCluster_eastus -n aks-spotpool-${pool.vmssId}-vmss --instance-id 0`);
    e.world.advance(60_000);
    expect(nodes(c).filter((n) => n.metadata.labels.agentpool === 'spotpool').map((n) => n.metadata.name)).toEqual([spot[1]!.metadata.name]);
    expect(pool.count).toBe(1);
    expect(run(e, `az vmss simulate-eviction -g MC_myResourceGroup_myAKSCluster_eastus -n aks-nodepool1-${c.pools[0]!.vmssId}-vmss --instance-id 0`).err).toMatch(/not a Spot\/Low priority VM/);
  });
});

describe('spot node pools and the scheduler', () => {
  it('pods without the spot toleration stay off spot nodes; tolerating pods may land there', () => {
    const e = env();
    ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n spotpool --priority Spot -c 2 -o none');
    const c = mc(e);
    const pod = (name: string, spec: Record<string, unknown> = {}) =>
      c.cluster.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });
    for (let i = 0; i < 6; i++) pod(`plain-${i}`);
    pod('on-spot', {
      tolerations: [{ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' }],
      nodeSelector: { 'kubernetes.azure.com/scalesetpriority': 'spot' },
    });
    e.world.advance(30_000);
    const placed = c.cluster.admin.items<KObject & { spec: { nodeName?: string } }>('pods', 'default');
    expect(placed.filter((p) => !p.spec.nodeName).map((p) => p.metadata!.name)).toEqual([]);
    const spotNodes = new Set(nodes(c).filter((n) => n.metadata.labels.agentpool === 'spotpool').map((n) => n.metadata.name));
    for (const p of placed.filter((x) => x.metadata!.name!.startsWith('plain-'))) expect(spotNodes.has(p.spec.nodeName ?? '')).toBe(false);
    expect(spotNodes.has(placed.find((x) => x.metadata!.name === 'on-spot')!.spec.nodeName ?? '')).toBe(true);
  });
});
