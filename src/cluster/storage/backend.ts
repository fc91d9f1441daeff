/**
 * What the simulated CSI controllers need from a cloud (the CSI controller
 * RPCs): create, delete, expand a volume, publish it to a node and unpublish
 * it. AKS clusters get Azure's implementation (cloud/disks.ts,
 * cloud/file-shares.ts); a cluster without one has no CSI drivers, so claims
 * wait for a provisioner that never comes, as on a bare cluster.
 */
import type { Cluster } from '../cluster.js';

export interface CreateVolumeRequest {
  driver: string;
  /** `pvc-<claim uid>`. */
  name: string;
  capacityBytes: number;
  parameters: Record<string, string>;
  accessModes: string[];
  volumeMode: string;
  /** The selected node's zone label (WaitForFirstConsumer), if any. */
  zone?: string;
  pvcName: string;
  pvcNamespace: string;
}

export interface CreatedVolume {
  volumeHandle: string;
  capacityBytes: number;
  volumeAttributes: Record<string, string>;
  fsType?: string;
  /** `topology.disk.csi.azure.com/zone` value the volume is pinned to ('' = no zone), or undefined for no topology. */
  zone?: string;
}

/** A CSI error: a gRPC code and description. */
export interface CsiError {
  code: 'InvalidArgument' | 'NotFound' | 'Internal' | 'ResourceExhausted' | 'FailedPrecondition' | 'OutOfRange';
  message: string;
}

export type CsiResult<T> = { ok: true; value: T } | { ok: false; error: CsiError };

export interface StorageBackend {
  /** Drivers this backend serves, with their simulated latencies (ms). */
  drivers(): { name: string; provisionMs: number; attachMs: number; deleteMs: number }[];
  createVolume(req: CreateVolumeRequest): CsiResult<CreatedVolume>;
  deleteVolume(driver: string, volumeHandle: string): CsiResult<void>;
  expandVolume(driver: string, volumeHandle: string, capacityBytes: number): CsiResult<{ capacityBytes: number; nodeExpansionRequired: boolean }>;
  publish(driver: string, volumeHandle: string, node: string): CsiResult<Record<string, string>>;
  unpublish(driver: string, volumeHandle: string, node: string): CsiResult<void>;
  /** Max volumes of a driver one node can hold (CSINode allocatable.count), if limited. */
  maxVolumesPerNode(driver: string, instanceType: string): number | undefined;
}

const backends = new WeakMap<Cluster, StorageBackend>();

export function setStorageBackend(cluster: Cluster, b: StorageBackend): void {
  backends.set(cluster, b);
}

export function storageBackendOf(cluster: Cluster): StorageBackend | undefined {
  return backends.get(cluster);
}

export const GiB = 1024 ** 3;

export function rpcError(e: CsiError): string {
  return `rpc error: code = ${e.code} desc = ${e.message}`;
}
