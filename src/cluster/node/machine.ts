/**
 * A machine the cloud layer provides (an Azure VMSS instance) for a kubelet
 * to run on: its identity, size, labels and taints, and where its pods' IPs
 * come from. The AKS layer builds machines from node pools; tests build them
 * by hand. `startKubelet(cluster, machine)` (src/cluster/node) registers the
 * Node through the API as `system:node:<name>` and runs its pods.
 */
import type { Taint } from 'kubernetes-types/core/v1.js';

export interface ResourceList {
  cpu: string;
  memory: string;
  pods: string;
  'ephemeral-storage': string;
  [resource: string]: string;
}

/** Pod IP source for one node, decided by the network plugin (overlay /24, kubenet /24, Azure CNI subnet). */
export interface PodIpSource {
  /** A free IP for a new pod sandbox, or undefined when exhausted (the kubelet reports the CNI error). */
  allocate(): string | undefined;
  release(ip: string): void;
  /** `failed to allocate for range 0: no IP addresses available in range set: …` style text for exhaustion. */
  exhaustedMessage(): string;
}

export interface Machine {
  name: string;
  /** The node pool (agentpool) this machine belongs to. */
  pool: string;
  labels: Record<string, string>;
  taints: Taint[];
  capacity: ResourceList;
  allocatable: ResourceList;
  internalIP: string;
  /** spec.podCIDR(s) when the plugin gives nodes a pod range (kubenet, overlay). */
  podCIDR?: string;
  podIPs: PodIpSource;
  providerID: string;
  nodeInfo: {
    kubeletVersion: string;
    osImage: string;
    kernelVersion: string;
    containerRuntimeVersion: string;
    architecture: string;
    operatingSystem: string;
  };
  /** Images already on the VM's disk (the AKS node image pre-pulls system images). */
  preloadedImages?: string[];
  /** The CNI plugin named in sandbox errors (`azure-vnet` for Azure CNI, `bridge` for kubenet). */
  cniPlugin?: string;
  /** Image download speed of the VM (bytes/s); 30 MB/s by default. */
  pullBytesPerSecond?: number;
  /** Identity of the VM for nodeInfo (machineID, systemUUID, bootID); drawn from the seed when absent. */
  ids?: { machineID: string; systemUUID: string; bootID: string };
}

/** A simple pod IP source over an IPv4 range like 10.244.1.0/24 (first usable .1 is the bridge; pods from .2). */
export function rangeIpSource(cidr: string, firstHost = 2): PodIpSource {
  const [base, bitsText] = cidr.split('/') as [string, string];
  const bits = Number(bitsText);
  const start = ipToInt(base);
  const size = 2 ** (32 - bits);
  const used = new Set<number>();
  let next = firstHost;
  return {
    allocate() {
      for (let tries = 0; tries < size; tries++) {
        const off = next;
        next = next + 1 >= size - 1 ? firstHost : next + 1;
        if (off < firstHost || off >= size - 1) continue;
        if (!used.has(off)) {
          used.add(off);
          return intToIp(start + off);
        }
      }
      return undefined;
    },
    release(ip) {
      used.delete(ipToInt(ip) - start);
    },
    exhaustedMessage() {
      return `failed to allocate for range 0: no IP addresses available in range set: ${intToIp(start + firstHost)}-${intToIp(start + size - 2)}`;
    },
  };
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
