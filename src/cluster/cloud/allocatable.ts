/**
 * Node capacity and allocatable for an AKS VM: capacity is the VM size; the
 * kubelet holds back kube-reserved CPU (by core count), kube-reserved memory
 * (1.29+: min(20 MiB × maxPods + 50 MiB, 25 % of memory)) and the 100Mi hard
 * eviction threshold (facts/aks.md §2.3).
 */
import type { ResourceList } from '../node/machine.js';
import type { VmSize } from './vm-sizes.js';

const CPU_RESERVED: [cores: number, millis: number][] = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

export function cpuReservedMillis(cores: number): number {
  let best = CPU_RESERVED[0]![1];
  for (const [c, m] of CPU_RESERVED) if (cores >= c) best = m;
  return best;
}

export function memoryReservedMiB(memoryMiB: number, maxPods: number): number {
  return Math.min(20 * maxPods + 50, Math.floor(memoryMiB * 0.25));
}

export const EVICTION_HARD_MIB = 100;

/** OS disk size → capacity of ephemeral-storage as the kubelet reports it (128 GB → 129886128Ki on real nodes). */
function ephemeralKi(osDiskGB: number): number {
  return Math.round((osDiskGB * 129886128) / 128);
}

export function nodeResources(size: VmSize, maxPods: number, osDiskGB = 128): { capacity: ResourceList; allocatable: ResourceList } {
  const memMiB = size.memoryGiB * 1024;
  const eph = ephemeralKi(osDiskGB);
  const capacity: ResourceList = {
    cpu: String(size.vcpu),
    'ephemeral-storage': `${eph}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memMiB * 1024}Ki`,
    pods: String(maxPods),
  };
  const allocMiB = memMiB - memoryReservedMiB(memMiB, maxPods) - EVICTION_HARD_MIB;
  const allocatable: ResourceList = {
    cpu: `${size.vcpu * 1000 - cpuReservedMillis(size.vcpu)}m`,
    'ephemeral-storage': String(Math.floor(eph * 1024 * 0.9)),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${allocMiB * 1024}Ki`,
    pods: String(maxPods),
  };
  if (size.gpu) {
    capacity['nvidia.com/gpu'] = String(size.gpu.count);
    allocatable['nvidia.com/gpu'] = String(size.gpu.count);
  }
  return { capacity, allocatable };
}
