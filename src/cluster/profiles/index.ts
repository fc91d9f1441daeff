/**
 * Cluster profiles: the worlds a session, a lesson or a test starts from.
 * `aks-default` is what a fresh `az aks create` gives (the workloads and AKS
 * issues fill in node pools and kube-system); `bare` is API machinery only.
 */
import { World } from '../world.js';
import type { Cluster } from '../cluster.js';
import { installControlPlane } from '../components.js';

export interface ProfileOptions {
  seed?: number;
  profile?: 'aks-default' | 'bare';
}

export const DEFAULT_CLUSTER = { name: 'myAKSCluster', resourceGroup: 'myResourceGroup', location: 'eastus' } as const;

export function createWorld(opts: ProfileOptions = {}): { world: World; cluster: Cluster } {
  const world = new World({ seed: opts.seed ?? 1 });
  const cluster = world.addCluster({ name: DEFAULT_CLUSTER.name, seed: opts.seed ?? 1 });
  installControlPlane(cluster);
  // aks-default: node pools, nodes and kube-system come with the workloads and AKS issues.
  world.runUntilIdle();
  return { world, cluster };
}
