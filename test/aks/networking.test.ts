import { describe, expect, it } from 'vitest';
import { env, internalIp, mc, nodes, ok, run, SUB } from './helpers.js';
import { containsIp, parseCidr } from '../../src/cluster/cloud/cidr.js';

const inRange = (cidr: string, ip: string) => containsIp(parseCidr(cidr)!, ip);

/** Take `n` pod IPs from a node's CNI the way the kubelet would. */
function podIps(c: ReturnType<typeof mc>, node: string, n: number): (string | undefined)[] {
  const inst = c.pools.flatMap((p) => p.instances).find((i) => i.name === node)!;
  return Array.from({ length: n }, () => inst.podIps!.allocate());
}

describe('Azure CNI Overlay (default)', () => {
  it('nodes on the VNet subnet, pods from a private /24 per node, max pods 250', () => {
    const e = env();
    const c = mc(e);
    const ns = nodes(c);
    ns.forEach((n, i) => {
      expect(internalIp(n)).toBe(`10.224.0.${4 + i}`);
      expect(n.spec.podCIDR).toBe(`10.244.${i}.0/24`);
      expect(n.status.allocatable.pods).toBe('250');
      const ips = podIps(c, n.metadata.name, 3);
      for (const ip of ips) expect(inRange(n.spec.podCIDR!, ip!)).toBe(true);
    });
    // A /16 pod CIDR holds 256 nodes' /24s: a /22 holds 4 (3 nodes + 1 surge), so a 4th node does not fit.
    ok(e, 'az aks create -g myResourceGroup -n tiny --pod-cidr 10.250.0.0/22 -c 3 -o none');
    const r = run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name tiny -n nodepool1 -c 4');
    expect(r.err).toContain('(InsufficientSubnetSize) Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.250.0.0/22, Subnet Name networkProfile.podCIDR.');
  });

  it('rejects max pods outside 10..250 and pod CIDRs that overlap reserved ranges', () => {
    const e = env();
    expect(run(e, 'az aks create -g myResourceGroup -n x --max-pods 300').err).toMatch(/maxPods must be between 10 and 250/);
    expect(run(e, 'az aks create -g myResourceGroup -n x --pod-cidr 172.30.0.0/16').err).toMatch(/overlaps the reserved range 172\.30\.0\.0\/16/);
    expect(run(e, 'az aks create -g myResourceGroup -n x --service-cidr 10.0.0.0/16 --dns-service-ip 10.1.0.10').err).toMatch(/must be within the service CIDR/);
  });
});

describe('kubenet', () => {
  it('gives each node a /24 of 10.244.0.0/16 and a route, defaults to 110 max pods', () => {
    const e = env();
    const r = run(e, 'az aks create -g myResourceGroup -n kn --network-plugin kubenet -c 3 -o none');
    expect(r.err).toContain('WARNING: kubenet is retiring on 31 March 2028.');
    const c = mc(e, 'myResourceGroup', 'kn');
    const ns = nodes(c);
    expect(ns.map((n) => n.spec.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(ns.map((n) => n.status.allocatable.pods)).toEqual(['110', '110', '110']);
    expect([...c.routes.entries()]).toEqual(ns.map((n) => [n.metadata.name, n.spec.podCIDR]));
    expect(podIps(c, ns[1]!.metadata.name, 2)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(ok(e, 'az resource list -g MC_myResourceGroup_kn_eastus --query "[].type" -o tsv')).toContain('Microsoft.Network/routeTables');
    // Scaling down frees the node's /24 and its route.
    ok(e, 'az aks scale -g myResourceGroup -n kn -c 2 -o none');
    expect(c.routes.size).toBe(2);
    expect(nodes(c)).toHaveLength(2);
  });

  it('is limited to 400 nodes (one route table)', () => {
    const e = env();
    ok(e, 'az aks create -g myResourceGroup -n kn --network-plugin kubenet --pod-cidr 10.244.0.0/14 -c 1 -o none');
    expect(run(e, 'az aks scale -g myResourceGroup -n kn -c 401').err).toMatch(/limited to 400 nodes/);
  });
});

describe('Azure CNI (node subnet)', () => {
  function byoEnv() {
    const e = env();
    ok(e, 'az network vnet create -g myResourceGroup -n vnet1 --address-prefixes 10.240.0.0/16 --subnet-name nodes --subnet-prefixes 10.240.0.0/24 -o none');
    return e;
  }

  it('pre-allocates max pods (default 30) per node on the subnet; pods get subnet IPs', () => {
    const e = byoEnv();
    ok(e, `az aks create -g myResourceGroup -n cni --network-plugin azure --vnet-subnet-id ${SUB(e, 'myResourceGroup', 'vnet1', 'nodes')} -c 2 -o none`);
    const c = mc(e, 'myResourceGroup', 'cni');
    const ns = nodes(c);
    expect(ns.map(internalIp)).toEqual(['10.240.0.4', '10.240.0.35']);
    expect(ns.map((n) => n.spec.podCIDR)).toEqual([undefined, undefined]);
    expect(ns[0]!.status.allocatable.pods).toBe('30');
    const usage = JSON.parse(ok(e, 'az network vnet list-usage -g myResourceGroup -n vnet1')) as { currentValue: number; limit: number }[];
    expect(usage[0]).toMatchObject({ currentValue: 2 * 31, limit: 251 });
    const ips = podIps(c, ns[0]!.metadata.name, 31);
    // kube-system pods the scheduler placed on the node already hold the first addresses of its 30.
    const got = ips.filter((ip): ip is string => ip !== undefined);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((ip) => /^10\.240\.0\.(\d+)$/.test(ip) && Number(ip.split('.')[3]) >= 5 && Number(ip.split('.')[3]) <= 34)).toBe(true);
    expect(got[got.length - 1]).toBe('10.240.0.34');
    // Max pods is enforced by the pre-allocated pool: once the 30 are out, the next pod gets no IP.
    expect(ips[30]).toBeUndefined();
  });

  it('subnet exhaustion fails exactly when (nodes + 1 surge) × (maxPods + 1) exceeds the usable addresses', () => {
    const e = byoEnv();
    // /24 = 256 − 5 reserved = 251 usable; 31 IPs per node: 7 nodes + 1 surge = 248 fits, 8 + 1 = 279 does not.
    ok(e, `az aks create -g myResourceGroup -n cni --network-plugin azure --vnet-subnet-id ${SUB(e, 'myResourceGroup', 'vnet1', 'nodes')} -c 7 -o none`);
    const c = mc(e, 'myResourceGroup', 'cni');
    expect(nodes(c)).toHaveLength(7);
    const r = run(e, 'az aks nodepool scale -g myResourceGroup --cluster-name cni -n nodepool1 -c 8');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'ERROR: (InsufficientSubnetSize) Pre-allocated IPs 279 exceeds IPs available 251 in Subnet Cidr 10.240.0.0/24, Subnet Name nodes. http://aka.ms/aks/insufficientsubnetsize\nCode: InsufficientSubnetSize\nMessage: Pre-allocated IPs 279 exceeds IPs available 251 in Subnet Cidr 10.240.0.0/24, Subnet Name nodes. http://aka.ms/aks/insufficientsubnetsize\n',
    );
    expect(c.pools[0]!.count).toBe(7);
    expect(nodes(c)).toHaveLength(7);
    // A smaller max pods fits more nodes in the same subnet: that is the planning lesson.
    expect(run(e, `az aks nodepool add -g myResourceGroup --cluster-name cni -n small --max-pods 10 -c 1`).code).toBe(1);
  });
});

describe('Azure CNI with a dynamic pod subnet', () => {
  it('nodes from the node subnet, pods from the pod subnet in batches of 16', () => {
    const e = env();
    ok(e, 'az network vnet create -g myResourceGroup -n vnet2 --address-prefixes 10.10.0.0/16 --subnet-name nodes --subnet-prefixes 10.10.0.0/24 -o none');
    ok(e, 'az network vnet subnet create -g myResourceGroup --vnet-name vnet2 -n pods --address-prefixes 10.10.16.0/22 -o none');
    ok(e, `az aks create -g myResourceGroup -n dyn --network-plugin azure --vnet-subnet-id ${SUB(e, 'myResourceGroup', 'vnet2', 'nodes')} --pod-subnet-id ${SUB(e, 'myResourceGroup', 'vnet2', 'pods')} -c 2 -o none`);
    const c = mc(e, 'myResourceGroup', 'dyn');
    const ns = nodes(c);
    expect(ns.map(internalIp)).toEqual(['10.10.0.4', '10.10.0.5']);
    expect(ns[0]!.status.allocatable.pods).toBe('250');
    const usage = () => (JSON.parse(ok(e, 'az network vnet list-usage -g myResourceGroup -n vnet2')) as { currentValue: number; id: string }[]).map((u) => u.currentValue);
    expect(usage()).toEqual([2, 32]);
    const ips = podIps(c, ns[0]!.metadata.name, 10);
    for (const ip of ips) expect(inRange('10.10.16.0/22', ip!)).toBe(true);
    // Fewer than 8 free: the node asked for 16 more.
    expect(usage()).toEqual([2, 48]);
  });
});
