import { describe, expect, it } from 'vitest';
import { env, mc, ok, run } from './helpers.js';

describe('az: output shapes', () => {
  it('nodepool list -o table prints the eight columns the Azure CLI prints (OsDiskSizeGB dropped)', () => {
    const e = env();
    ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n userpool -c 1 --mode User');
    const out = ok(e, 'az aks nodepool list -g myResourceGroup --cluster-name myAKSCluster -o table');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]!.trimEnd().split(/\s{2,}/)).toEqual(['Name', 'OsType', 'KubernetesVersion', 'VmSize', 'Count', 'MaxPods', 'ProvisioningState', 'Mode']);
    expect(lines[1]).toMatch(/^-+( {2}-+){7}$/);
    expect(lines[2]!.trimEnd().split(/\s{2,}/)).toEqual(['nodepool1', 'Linux', '1.35.4', 'Standard_DS2_v2', '3', '250', 'Succeeded', 'System']);
    expect(lines[3]!.trimEnd().split(/\s{2,}/)).toEqual(['userpool', 'Linux', '1.35.4', 'Standard_DS2_v2', '1', '250', 'Succeeded', 'User']);
  });

  it('aks show -o json has sorted keys and the defaults of a new cluster', () => {
    const e = env();
    const json = ok(e, 'az aks show -g myResourceGroup -n myAKSCluster');
    const o = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual([...Object.keys(o)].sort());
    expect(o).toMatchObject({
      name: 'myAKSCluster',
      nodeResourceGroup: 'MC_myResourceGroup_myAKSCluster_eastus',
      sku: { name: 'Base', tier: 'Free' },
      supportPlan: 'KubernetesOfficial',
      powerState: { code: 'Running' },
      networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10', outboundType: 'loadBalancer', loadBalancerSku: 'standard' },
      autoUpgradeProfile: { nodeOsUpgradeChannel: 'NodeImage' },
    });
    expect(String(o.fqdn)).toMatch(/^myAKSClust-myResourceGroup-[0-9a-f]{6}-[0-9a-f]{8}\.hcp\.eastus\.azmk8s\.io$/);
  });

  it('--query picks fields, -o tsv prints bare values', () => {
    const e = env();
    expect(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster --query nodeResourceGroup -o tsv').trim()).toBe('MC_myResourceGroup_myAKSCluster_eastus');
    expect(JSON.parse(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster --query "agentPoolProfiles[].{n:name, c:count}"'))).toEqual([{ n: 'nodepool1', c: 3 }]);
  });

  it('get-versions and get-upgrades tables', () => {
    const e = env();
    const v = ok(e, 'az aks get-versions -l eastus -o table').split('\n');
    expect(v[0]!.trimEnd().split(/\s{2,}/)).toEqual(['KubernetesVersion', 'Upgrades', 'SupportPlan']);
    const u = ok(e, 'az aks get-upgrades -g myResourceGroup -n myAKSCluster -o table').split('\n');
    expect(u[0]!.trimEnd().split(/\s{2,}/)).toEqual(['Name', 'ResourceGroup', 'MasterVersion', 'Upgrades']);
    expect(u[2]!.trimEnd().split(/\s{2,}/)).toEqual(['default', 'myResourceGroup', '1.35.4', '1.36.1, 1.36.3']);
  });
});

describe('az: errors in the Azure CLI shape, state unchanged', () => {
  it('argparse errors', () => {
    const e = env();
    const a = run(e, 'az aks show -n x');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^ERROR: the following arguments are required: --resource-group\/-g\n/);
    const b = run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 -c x');
    expect(b.err).toMatch(/^ERROR: argument --node-count\/-c: invalid int value: 'x'/);
    const c = run(e, 'az aks create -g myResourceGroup -n c2 --tier gold');
    expect(c.err).toMatch(/^ERROR: argument --tier: invalid choice: 'gold' \(choose from 'free', 'premium', 'standard'\)/);
    expect(mc(e).pools[0]!.count).toBe(3);
  });

  it('ARM errors: ResourceNotFound, ResourceGroupNotFound', () => {
    const e = env();
    const r = run(e, 'az aks show -g myResourceGroup -n nope');
    expect(r.code).toBe(3);
    expect(r.err).toBe(
      "ERROR: (ResourceNotFound) The Resource 'Microsoft.ContainerService/managedClusters/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix\nCode: ResourceNotFound\nMessage: The Resource 'Microsoft.ContainerService/managedClusters/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix\n",
    );
    expect(run(e, 'az aks list -g nope').err).toMatch(/^ERROR: \(ResourceGroupNotFound\) Resource group 'nope' could not be found\./);
  });

  it('unknown subcommands list what kubedojo supports', () => {
    const e = env();
    const r = run(e, 'az aks frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain("ERROR: 'frobnicate' is misspelled or not recognized by the system.");
    expect(r.err).toContain('az aks nodepool add');
  });

  it('system pool rules: no deleting the last system pool, no scaling it to 0, no spot system pool', () => {
    const e = env();
    expect(run(e, 'az aks nodepool delete -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 --yes').err).toMatch(/last system node pool/);
    expect(run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 -c 0').err).toMatch(/System node pool must have at least one node/);
    expect(run(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n spotsys --mode System --priority Spot').err).toMatch(/Spot agent pools cannot be system pools/);
    expect(run(e, 'az aks nodepool update -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 --mode User').err).toMatch(/last system node pool/);
    expect(mc(e).pools.map((p) => [p.name, p.mode, p.count])).toEqual([['nodepool1', 'System', 3]]);
  });

  it('autoscaler settings: stored; manual scale refused; multi-pool cluster update refused', () => {
    const e = env();
    ok(e, 'az aks update -g myResourceGroup -n myAKSCluster --enable-cluster-autoscaler --min-count 1 --max-count 5 -o none');
    expect(mc(e).pools[0]).toMatchObject({ enableAutoScaling: true, minCount: 1, maxCount: 5 });
    expect(run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 -c 4').err).toMatch(/Cannot scale cluster autoscaler enabled node pool\./);
    ok(e, 'az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n two -c 1 -o none');
    expect(run(e, 'az aks update -g myResourceGroup -n myAKSCluster --disable-cluster-autoscaler').err).toContain('There are more than one node pool in the cluster. Please use "az aks nodepool" command to update per node pool auto scaler settings');
    expect(run(e, 'az aks update -g myResourceGroup -n myAKSCluster --update-cluster-autoscaler --min-count 5 --max-count 1').err).toBeTruthy();
  });
});

describe('az aks create + get-credentials: several clusters in one world', () => {
  it('creates another cluster, takes simulated minutes, and switches kubectl to it', () => {
    const e = env();
    const before = e.world.clock.now();
    ok(e, 'az group create -n rg2 -l westeurope -o none');
    ok(e, 'az aks create -g rg2 -n second -c 2 -s Standard_D4s_v3 -o none');
    expect(e.world.clock.now() - before).toBeGreaterThan(2 * 60_000);
    expect(ok(e, 'az aks get-credentials -g rg2 -n second')).toBe('Merged "second" as current context in /root/.kube/config\n');
    expect(e.session.currentContext).toBe('second');
    const names = ok(e, 'kubectl get nodes -o name').trim().split('\n');
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^node\/aks-nodepool1-\d{8}-vmss000000$/);
    expect(ok(e, 'az aks list -o tsv --query "[].name"').trim().split('\n')).toEqual(['myAKSCluster', 'second']);
    expect(run(e, 'az aks create -g rg2 -n second').err).toContain("The cluster 'second' under resource group 'rg2' already exists.");
  });

  it('--no-wait returns at once with the cluster Creating', () => {
    const e = env();
    const t = e.world.clock.now();
    ok(e, 'az aks create -g myResourceGroup -n later -c 1 --no-wait');
    expect(e.world.clock.now()).toBe(t);
    expect(mc(e, 'myResourceGroup', 'later').provisioningState).toBe('Creating');
    e.world.advance(10 * 60_000);
    expect(mc(e, 'myResourceGroup', 'later').provisioningState).toBe('Succeeded');
  });
});
