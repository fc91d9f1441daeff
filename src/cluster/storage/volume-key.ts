/**
 * The identity of a volume's backing store (an Azure disk, a file share, a
 * blob container): the CSI driver plus its volume handle. Two PVs naming the
 * same handle (a static PV re-created after Retain) reach the same data, so the
 * node side keys a volume's simulated filesystem by this, never by PV name.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1.js';

export function volumeKeyOf(driver: string, volumeHandle: string): string {
  return `${driver}|${volumeHandle}`;
}

/** `driver|volumeHandle` for a CSI PV; for other sources a stable key from the source (`hostPath|/path`, `nfs|server:/path`, …), or `pv|<name>`. */
export function volumeKey(pv: PersistentVolume): string {
  const s = pv.spec ?? {};
  if (s.csi) return volumeKeyOf(s.csi.driver, s.csi.volumeHandle);
  if (s.azureDisk) return volumeKeyOf('disk.csi.azure.com', s.azureDisk.diskURI);
  if (s.azureFile) return volumeKeyOf('file.csi.azure.com', `${s.azureFile.secretNamespace ?? ''}#${s.azureFile.shareName}`);
  if (s.hostPath) return `hostPath|${s.hostPath.path}`;
  if (s.local) return `local|${s.local.path}`;
  if (s.nfs) return `nfs|${s.nfs.server}:${s.nfs.path}`;
  return `pv|${pv.metadata?.name ?? ''}`;
}
