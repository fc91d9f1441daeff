/**
 * Cluster profiles: the worlds a session, a lesson or a test starts from.
 * `aks-default` is what Azure's quickstart gives (`az aks create -g
 * myResourceGroup -n myAKSCluster` in eastus): one System pool `nodepool1` of
 * 3 × Standard_DS2_v2 on Azure CNI Overlay, Kubernetes 1.35, created 15
 * minutes before the session starts. `bare` is API machinery only.
 */
import { World } from '../world.js';
import type { Cluster } from '../cluster.js';
import { installControlPlane } from '../components.js';
import { DEFAULT_EPOCH, SimClock } from '../clock.js';
import { cloudOf } from '../cloud/cloud.js';
import { createManagedCluster } from '../cloud/create-cluster.js';

export interface ProfileOptions {
  seed?: number;
  profile?: 'aks-default' | 'bare';
  /** When the session starts, in simulated ms (default DEFAULT_EPOCH; serve's oracle tests align it with real kubectl's clock). */
  epoch?: number;
}

export const DEFAULT_CLUSTER = { name: 'myAKSCluster', resourceGroup: 'myResourceGroup', location: 'eastus' } as const;

/** How long before the session starts the default cluster was created (nodes show AGE 15m). */
export const PROVISIONED_AGO_MS = 15 * 60_000;

export function createWorld(opts: ProfileOptions = {}): { world: World; cluster: Cluster } {
  if (opts.profile === 'bare') {
    const world = new World({ seed: opts.seed ?? 1 });
    const cluster = world.addCluster({ name: DEFAULT_CLUSTER.name, seed: opts.seed ?? 1 });
    installControlPlane(cluster);
    world.runUntilIdle();
    return { world, cluster };
  }
  const epoch = opts.epoch ?? DEFAULT_EPOCH;
  const world = new World({ seed: opts.seed ?? 1, clock: new SimClock(epoch - PROVISIONED_AGO_MS) });
  const cloud = cloudOf(world);
  cloud.ensureGroup(DEFAULT_CLUSTER.resourceGroup, DEFAULT_CLUSTER.location);
  const r = createManagedCluster(cloud, {
    name: DEFAULT_CLUSTER.name,
    resourceGroup: DEFAULT_CLUSTER.resourceGroup,
    pool: { name: 'nodepool1', count: 3, vmSize: 'Standard_DS2_v2' },
    instant: true,
  });
  if (!r.ok) throw new Error(`aks-default profile: ${r.error.message}`);
  world.advance(epoch - world.clock.now());
  return { world, cluster: r.value.mc.cluster };
}
