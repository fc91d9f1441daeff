/**
 * Machines for tests that need nodes without the AKS layer: a name, an index
 * (node IP 10.224.0.<4+i>, pods from 10.244.<i>.0/24) and whatever else the
 * test cares about. Capacity and allocatable are inputs; the AKS reservation
 * math lives with the cloud layer.
 */
import type { Taint } from 'kubernetes-types/core/v1.js';
import { rangeIpSource, type Machine, type PodIpSource, type ResourceList } from './machine.js';

export interface MachineOptions {
  index?: number;
  pool?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  capacity?: Partial<ResourceList>;
  allocatable?: Partial<ResourceList>;
  kubeletVersion?: string;
  preloadedImages?: string[];
  podIPs?: PodIpSource;
  podCIDR?: string;
  pullBytesPerSecond?: number;
}

export function makeMachine(name: string, opts: MachineOptions = {}): Machine {
  const i = opts.index ?? 0;
  const podCIDR = opts.podCIDR ?? `10.244.${i}.0/24`;
  const capacity: ResourceList = { cpu: '2', 'ephemeral-storage': '129886128Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '7097684Ki', pods: '110', ...stripUndefined(opts.capacity) };
  const allocatable: ResourceList = { cpu: '1900m', 'ephemeral-storage': '119703055367', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '5160276Ki', pods: '110', ...stripUndefined(opts.allocatable) };
  return {
    name,
    pool: opts.pool ?? 'nodepool1',
    labels: { ...(opts.pool ? { agentpool: opts.pool, 'kubernetes.azure.com/agentpool': opts.pool } : {}), ...opts.labels },
    taints: opts.taints ?? [],
    capacity,
    allocatable,
    internalIP: `10.224.0.${4 + i}`,
    podCIDR,
    podIPs: opts.podIPs ?? rangeIpSource(podCIDR),
    providerID: `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_test/providers/Microsoft.Compute/virtualMachineScaleSets/test/virtualMachines/${i}`,
    nodeInfo: {
      kubeletVersion: opts.kubeletVersion ?? 'v1.35.7',
      osImage: 'Ubuntu 24.04.3 LTS',
      kernelVersion: '6.8.0-1041-azure',
      containerRuntimeVersion: 'containerd://2.1.4',
      architecture: 'amd64',
      operatingSystem: 'linux',
    },
    preloadedImages: opts.preloadedImages ?? [],
    pullBytesPerSecond: opts.pullBytesPerSecond,
  };
}

function stripUndefined(r: Partial<ResourceList> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r ?? {})) if (v !== undefined) out[k] = v;
  return out;
}
