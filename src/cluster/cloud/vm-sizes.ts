/**
 * The Azure VM sizes learners meet on AKS: vCPU, memory, max data disks and
 * GPUs, from the Azure VM size pages (facts/aks.md §2.2).
 */
export interface VmSize {
  name: string;
  vcpu: number;
  memoryGiB: number;
  maxDataDisks: number;
  gpu?: { count: number; model: string };
  arch: 'amd64' | 'arm64';
  /** Has a local temp disk (can host an ephemeral OS disk). */
  tempDisk: boolean;
  /** Burstable B-series (not allowed for system pools). */
  burstable?: boolean;
  premiumStorage: boolean;
}

const S = (name: string, vcpu: number, memoryGiB: number, maxDataDisks: number, extra: Partial<VmSize> = {}): VmSize => ({
  name,
  vcpu,
  memoryGiB,
  maxDataDisks,
  arch: 'amd64',
  tempDisk: true,
  premiumStorage: true,
  ...extra,
});

export const VM_SIZES: VmSize[] = [
  S('Standard_B2s', 2, 4, 4, { burstable: true }),
  S('Standard_B2ms', 2, 8, 4, { burstable: true }),
  S('Standard_B4ms', 4, 16, 8, { burstable: true }),
  S('Standard_DS2_v2', 2, 7, 8),
  S('Standard_DS3_v2', 4, 14, 16),
  S('Standard_DS4_v2', 8, 28, 32),
  S('Standard_D2s_v3', 2, 8, 4),
  S('Standard_D4s_v3', 4, 16, 8),
  S('Standard_D8s_v3', 8, 32, 16),
  S('Standard_D2s_v5', 2, 8, 4, { tempDisk: false }),
  S('Standard_D4s_v5', 4, 16, 8, { tempDisk: false }),
  S('Standard_D8s_v5', 8, 32, 16, { tempDisk: false }),
  S('Standard_D16s_v5', 16, 64, 32, { tempDisk: false }),
  S('Standard_D2ds_v5', 2, 8, 4),
  S('Standard_D4ds_v5', 4, 16, 8),
  S('Standard_D8ds_v5', 8, 32, 16),
  S('Standard_D8pds_v5', 8, 32, 16, { arch: 'arm64' }),
  S('Standard_E2s_v3', 2, 16, 4),
  S('Standard_E4s_v3', 4, 32, 8),
  S('Standard_E8s_v3', 8, 64, 16),
  S('Standard_E4s_v5', 4, 32, 8, { tempDisk: false }),
  S('Standard_E8s_v5', 8, 64, 16, { tempDisk: false }),
  S('Standard_F4s_v2', 4, 8, 8),
  S('Standard_NC4as_T4_v3', 4, 28, 8, { gpu: { count: 1, model: 'Tesla T4' } }),
  S('Standard_NC6s_v3', 6, 112, 12, { gpu: { count: 1, model: 'Tesla V100' } }),
  S('Standard_NC24ads_A100_v4', 24, 220, 8, { gpu: { count: 1, model: 'A100' } }),
];

/** Look a size up the way ARM does: case-insensitively. */
export function vmSize(name: string): VmSize | undefined {
  const n = name.toLowerCase();
  return VM_SIZES.find((s) => s.name.toLowerCase() === n);
}

/** The size shown when `--node-vm-size` is omitted (real AKS now picks one itself; facts §2.2). */
export const DEFAULT_VM_SIZE = 'Standard_DS2_v2';
