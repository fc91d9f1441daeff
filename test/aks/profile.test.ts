import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/cluster/profiles/index.js';
import { cloudOf } from '../../src/cluster/cloud/cloud.js';
import { DEFAULT_EPOCH } from '../../src/cluster/clock.js';
import type { KObject } from '../../src/cluster/api/types.js';

type Node = KObject & { metadata: { name: string; labels: Record<string, string>; creationTimestamp: string }; spec: { podCIDR?: string }; status: { allocatable: Record<string, string>; capacity: Record<string, string>; addresses: { type: string; address: string }[]; nodeInfo: { kubeletVersion: string } } };

describe('aks-default profile', () => {
  it('starts with myAKSCluster: three Ready DS2_v2 nodes in nodepool1, 15 minutes old, at the fixed epoch', () => {
    const { world, cluster } = createWorld({ seed: 1 });
    expect(world.clock.now()).toBe(DEFAULT_EPOCH);
    expect(cluster.name).toBe('myAKSCluster');
    const nodes = cluster.admin.items<Node>('nodes');
    expect(nodes.map((n) => n.metadata.name)).toHaveLength(3);
    for (const [i, n] of nodes.entries()) {
      expect(n.metadata.name).toMatch(new RegExp(`^aks-nodepool1-\\d{8}-vmss00000${i}$`));
      expect(n.metadata.labels['kubernetes.azure.com/agentpool']).toBe('nodepool1');
      expect(n.metadata.labels.agentpool).toBe('nodepool1');
      expect(n.metadata.labels['kubernetes.azure.com/mode']).toBe('system');
      expect(n.metadata.labels['node.kubernetes.io/instance-type']).toBe('Standard_DS2_v2');
      expect(n.metadata.labels['topology.kubernetes.io/zone']).toBe('0');
      expect(n.metadata.labels['kubernetes.azure.com/cluster']).toBe('MC_myResourceGroup_myAKSCluster_eastus');
      expect(n.status.addresses.find((a) => a.type === 'InternalIP')?.address).toBe(`10.224.0.${4 + i}`);
      expect(n.spec.podCIDR).toBe(`10.244.${i}.0/24`);
      expect(n.status.capacity).toMatchObject({ cpu: '2', memory: `${7 * 1024 * 1024}Ki`, pods: '250' });
      // 1.29+ formula: 2000m − 100m; 7168Mi − min(20×250+50, 25 %)=1792Mi − 100Mi eviction = 5276Mi.
      expect(n.status.allocatable).toMatchObject({ cpu: '1900m', memory: `${5276 * 1024}Ki`, pods: '250' });
      expect(n.status.nodeInfo.kubeletVersion).toMatch(/^v1\.35\.\d+$/);
      expect(Date.parse(n.metadata.creationTimestamp)).toBe(DEFAULT_EPOCH - 15 * 60_000);
    }
    const mc = cloudOf(world).cluster('myResourceGroup', 'myAKSCluster')!;
    expect(mc.network).toMatchObject({ networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10' });
    expect(mc.provisioningState).toBe('Succeeded');
  });

  it('the 8 digits come from the seed: same seed, same names; another seed, other names', () => {
    const names = (seed: number) => createWorld({ seed }).cluster.admin.items<Node>('nodes').map((n) => n.metadata.name);
    expect(names(1)).toEqual(names(1));
    expect(names(2)[0]).not.toBe(names(1)[0]);
  });
});
