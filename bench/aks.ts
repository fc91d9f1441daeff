/**
 * AKS: `az aks nodepool scale` 3 → 100 → 1,000 nodes (wall time for the
 * command, which waits until every new node is Ready in simulated time), and
 * IPAM allocation rates per network mode.
 */
import { createEnvironment } from '../src/commands/environment.js';
import { cloudOf } from '../src/cluster/cloud/cloud.js';
import { AzureSubnet, PodCidrPool, blockIpSource } from '../src/cluster/cloud/ipam.js';

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function az(env: ReturnType<typeof createEnvironment>, line: string): void {
  let err = '';
  const code = env.shell.exec(line, { out: () => {}, err: (t) => (err += t) });
  if (code !== 0) throw new Error(`${line}: ${err}`);
}

export function aksBench(): void {
  const env = createEnvironment({ seed: 1 });
  // A /12 pod CIDR: Overlay gives every node a /24, and the default /16 holds only 256 nodes.
  az(env, 'az aks create -g myResourceGroup -n big --pod-cidr 100.64.0.0/12 -c 3 -o none');
  const mc = cloudOf(env.world).cluster('myResourceGroup', 'big')!;
  for (const target of [100, 1000]) {
    const before = mc.cluster.admin.items('nodes').length;
    const sim0 = env.world.clock.now();
    const t = performance.now();
    az(env, `az aks nodepool scale -g myResourceGroup --cluster-name big -n nodepool1 -c ${target} -o none`);
    const ms = performance.now() - t;
    const ready = mc.cluster.admin.items<{ status?: { conditions?: { type: string; status: string }[] } }>('nodes').filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    console.log(`aks/nodepool-scale ${before}→${target}: ${ms.toFixed(0)} ms wall, ${((env.world.clock.now() - sim0) / 1000).toFixed(0)} s simulated, ${ready} nodes Ready`);
  }
  const t2 = performance.now();
  env.world.advance(60_000);
  console.log(`aks/idle-minute-1000-nodes: ${(performance.now() - t2).toFixed(0)} ms wall for 60 s simulated`);

  const N = 60_000;
  const subnet = new AzureSubnet('aks-subnet', '10.224.0.0/16', 'vnet');
  let t = performance.now();
  for (let i = 0; i < N; i++) subnet.allocate(`n${i}`);
  let ms = performance.now() - t;
  console.log(`aks/ipam-subnet-allocate: ${rate(N, ms)} (${N} of ${subnet.capacity} addresses of a /16)`);
  const sub2 = new AzureSubnet('nodes', '10.240.0.0/14', 'vnet');
  t = performance.now();
  for (let i = 0; i < 1000; i++) sub2.allocateMany(251, `node${i}`);
  ms = performance.now() - t;
  console.log(`aks/ipam-azure-cni-preallocate: ${rate(1000 * 251, ms)} (1,000 nodes × 251 IPs)`);
  const pool = new PodCidrPool('100.64.0.0/12');
  t = performance.now();
  for (let i = 0; i < 4096; i++) pool.allocateBlock(`n${i}`);
  ms = performance.now() - t;
  console.log(`aks/ipam-overlay-block: ${rate(4096, ms)} (/24 blocks from a /12)`);
  const src = blockIpSource('10.244.0.0/24');
  t = performance.now();
  let got = 0;
  for (let round = 0; round < 400; round++) {
    const ips: string[] = [];
    for (let i = 0; i < 250; i++) {
      const ip = src.allocate();
      if (ip) ips.push(ip);
    }
    got += ips.length;
    for (const ip of ips) src.release(ip);
  }
  ms = performance.now() - t;
  console.log(`aks/ipam-pod-ip: ${rate(got, ms)} (allocate+release, 250 pods on one node, 400 rounds)`);
}
