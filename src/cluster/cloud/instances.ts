/**
 * VMSS instances: create a VM (node IP and pod IPs per network mode), boot it
 * (build the Machine, start its kubelet), reimage it, delete it (stop the
 * kubelet, remove the Node as the cloud node manager, free its IPs).
 */
import type { AzureCloud } from './cloud.js';
import type { AgentPool, ManagedCluster, VmssInstance } from './types.js';
import { startKubelet } from '../node/kubelet.js';
import { buildMachine } from './node-machine.js';
import { nodeName } from './names.js';
import { blockIpSource, dynamicIpSource, preallocatedIpSource } from './ipam.js';
import { armError, type AzResult, ok } from './errors.js';
import type { UserInfo } from '../api/types.js';
import type { KObject } from '../api/types.js';

/** The cloud node manager / cloud-controller-manager identity (removes Nodes whose VM is gone). */
export const CLOUD_NODE_MANAGER: UserInfo = { username: 'system:serviceaccount:kube-system:cloud-node-manager', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };

/** How long a new VM takes to boot and join (simulated). */
export const VM_BOOT_MS = 75_000;
export const VM_BOOT_JITTER_MS = 30_000;
export const REIMAGE_MS = 90_000;

export function nodeSubnetOf(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool) {
  if (pool.vnetSubnetId) {
    const s = cloud.subnetById(pool.vnetSubnetId);
    if (s) return s.subnet;
  }
  return cloud.vnet(mc.vnetResourceGroup, mc.vnetName)?.subnets.get(mc.nodeSubnet);
}

export function podSubnetOf(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool) {
  const id = pool.podSubnetId;
  if (id) return cloud.subnetById(id)?.subnet;
  return mc.podSubnet ? cloud.vnet(mc.vnetResourceGroup, mc.vnetName)?.subnets.get(mc.podSubnet) : undefined;
}

/** Allocate a VM's addresses and add it to the pool as Creating. */
export function createInstance(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, opts: { surge?: boolean; zone?: string } = {}): AzResult<VmssInstance> {
  const index = pool.nextIndex;
  const name = nodeName(pool.name, pool.vmssId, index);
  const subnet = nodeSubnetOf(cloud, mc, pool);
  if (!subnet) return armError('SubnetNotFound', `Subnet for agent pool ${pool.name} was not found.`);
  const ip = subnet.allocate(name);
  if (!ip) return subnetFull(subnet.addressPrefix, subnet.name, subnet.usedCount + 1, subnet.capacity);
  const inst: VmssInstance = {
    index,
    name,
    ip,
    state: 'Creating',
    orchestratorVersion: pool.currentOrchestratorVersion,
    nodeImageRelease: pool.nodeImageRelease,
    createdAt: cloud.world.clock.now(),
    ...(opts.zone ? { zone: opts.zone } : {}),
    ...(opts.surge ? { surge: true } : {}),
  };
  switch (mc.mode) {
    case 'overlay':
    case 'kubenet': {
      const block = mc.podCidrs?.allocateBlock(name);
      if (!block) {
        subnet.release(ip);
        const pc = mc.podCidrs!;
        return armError(
          'InsufficientSubnetSize',
          `Pre-allocated IPs ${(pc.usedCount + 1) * 256} exceeds IPs available ${pc.capacity * 256} in Subnet Cidr ${pc.cidr.text}, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize`,
        );
      }
      inst.podCidr = block;
      inst.podIps = blockIpSource(block);
      if (mc.mode === 'kubenet') mc.routes.set(name, block);
      break;
    }
    case 'azure-node-subnet': {
      const ips = subnet.allocateMany(pool.maxPods, `${name}/pods`);
      if (!ips) {
        subnet.release(ip);
        return subnetFull(subnet.addressPrefix, subnet.name, subnet.usedCount + pool.maxPods + 1, subnet.capacity);
      }
      inst.preallocated = ips;
      inst.podIps = preallocatedIpSource(ips, subnet.name);
      break;
    }
    case 'azure-pod-subnet': {
      const ps = podSubnetOf(cloud, mc, pool);
      if (ps) inst.podIps = dynamicIpSource(ps, name, pool.maxPods);
      break;
    }
    case 'none':
      break;
  }
  pool.nextIndex++;
  pool.instances.push(inst);
  return ok(inst);
}

export function subnetFull(cidr: string, subnetName: string, needed: number, available: number) {
  return armError(
    'InsufficientSubnetSize',
    `Pre-allocated IPs ${needed} exceeds IPs available ${available} in Subnet Cidr ${cidr}, Subnet Name ${subnetName}. http://aka.ms/aks/insufficientsubnetsize`,
  );
}

/** The VM finished booting: its kubelet registers the Node. */
export function bootInstance(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, inst: VmssInstance): void {
  if (inst.state !== 'Creating') return;
  inst.state = 'Running';
  inst.createdAt = cloud.world.clock.now();
  inst.kubelet = startKubelet(mc.cluster, buildMachine(mc, pool, inst, cloud.subscriptionId));
}

export function bootDelay(cloud: AzureCloud): number {
  return VM_BOOT_MS + cloud.rng.int(VM_BOOT_JITTER_MS);
}

/** Schedule the boot of a Creating instance (instant when `delayMs` is 0). */
export function scheduleBoot(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, inst: VmssInstance, delayMs = bootDelay(cloud)): void {
  if (delayMs <= 0) return bootInstance(cloud, mc, pool, inst);
  cloud.world.clock.setTimeout(() => bootInstance(cloud, mc, pool, inst), delayMs, `vmss ${inst.name} boot`);
}

export function nodeReady(mc: ManagedCluster, name: string): boolean {
  const r = mc.cluster.admin.get('nodes', undefined, name);
  if (!r.ok) return false;
  const conds = ((r.object.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Remove the Node and the pods still bound to it (what the cloud node manager and pod GC do once the VM is gone). */
export function removeNodeObject(mc: ManagedCluster, name: string): void {
  const c = mc.cluster.client(CLOUD_NODE_MANAGER);
  c.delete('nodes', undefined, name);
  for (const p of c.items<KObject>('pods', undefined, { fieldSelector: `spec.nodeName=${name}` })) {
    c.delete('pods', p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: 0 });
  }
}

/** Stop the VM's kubelet and forget its pod network (keeps its node IP). */
export function powerOff(mc: ManagedCluster, inst: VmssInstance): void {
  inst.kubelet?.stop();
  inst.kubelet = undefined;
  removeNodeObject(mc, inst.name);
}

/** Delete the VM: stop it, remove the Node, free its addresses. */
export function deleteInstance(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, inst: VmssInstance): void {
  powerOff(mc, inst);
  inst.state = 'Deleting';
  const subnet = nodeSubnetOf(cloud, mc, pool);
  subnet?.releaseOwner(inst.name);
  podSubnetOf(cloud, mc, pool)?.releaseOwner(inst.name);
  mc.podCidrs?.releaseOwner(inst.name);
  mc.routes.delete(inst.name);
  const i = pool.instances.indexOf(inst);
  if (i >= 0) pool.instances.splice(i, 1);
}

/** Reimage in place: same VM and name, new version/image, the node re-registers (age resets). */
export function reimageInstance(cloud: AzureCloud, mc: ManagedCluster, pool: AgentPool, inst: VmssInstance, version: string, release: string): void {
  powerOff(mc, inst);
  inst.orchestratorVersion = version;
  inst.nodeImageRelease = release;
  inst.state = 'Creating';
  scheduleBoot(cloud, mc, pool, inst, REIMAGE_MS);
}
