/**
 * The kubelet's side of a persistentVolumeClaim (or generic ephemeral)
 * volume: follow the claim to its bound PV, wait for the attach/detach
 * controller's VolumeAttachment when the CSI driver needs one, and find where
 * the data lives — the world's volume store for disks and shares, the
 * machine's own disk for hostPath and local PVs.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { CSIDriver, VolumeAttachment } from 'kubernetes-types/storage/v1.js';
import type { Client } from '../../api/client.js';
import type { VolumeData } from '../../cloud/volume-data.js';
import { volumeKey } from '../../storage/volume-key.js';
import type { VolumeFs } from './fs.js';

export type ClaimMount =
  /** Not in the desired state yet (claim missing, unbound, being deleted; PV missing). */
  | { kind: 'unprocessed'; why: string }
  | { kind: 'ready'; fs: VolumeFs; base: string; readOnly: boolean; uniqueName?: string; attached: boolean; pv: string; onHost: boolean };

/** The claim a pod volume names (`<pod>-<volume>` for a generic ephemeral volume). */
export function claimNameOf(pod: Pod, v: Volume): string | undefined {
  if (v.persistentVolumeClaim) return v.persistentVolumeClaim.claimName;
  if (v.ephemeral) return `${pod.metadata?.name}-${v.name}`;
  return undefined;
}

/** `kubernetes.io/csi/<driver>^<volumeHandle>`, the unique name node.status.volumesInUse reports. */
export function csiUniqueName(driver: string, handle: string): string {
  return `kubernetes.io/csi/${driver}^${handle}`;
}

export function resolveClaim(pod: Pod, v: Volume, client: Client, nodeName: string, data: VolumeData, disk: VolumeFs): ClaimMount {
  const ns = pod.metadata?.namespace ?? 'default';
  const claim = claimNameOf(pod, v) ?? '';
  const r = client.get<PersistentVolumeClaim>('persistentvolumeclaims', ns, claim);
  if (!r.ok) return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: failed to fetch PVC from API server: persistentvolumeclaims "${claim}" not found` };
  const pvc = r.object;
  if (v.ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((o) => o.uid === pod.metadata?.uid && o.controller)) {
    return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: PVC ${ns}/${claim} was not created for pod ${ns}/${pod.metadata?.name} (pod is not owner)` };
  }
  if (pvc.metadata?.deletionTimestamp) return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: can't start pod because PVC ${ns}/${claim} is being deleted` };
  const pvName = pvc.spec?.volumeName;
  if (pvc.status?.phase !== 'Bound' || !pvName) return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: PVC is not bound` };
  const pr = client.get<PersistentVolume>('persistentvolumes', undefined, pvName);
  if (!pr.ok) return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found` };
  const pv = pr.object;
  const ref = pv.spec?.claimRef;
  if (ref?.uid && ref.uid !== pvc.metadata?.uid) return { kind: 'unprocessed', why: `error processing PVC ${ns}/${claim}: found PV object ${pvName} but it has a ClaimRef that is bound to a different PVC` };
  const readOnly = !!v.persistentVolumeClaim?.readOnly;
  const s = pv.spec ?? {};
  if (s.hostPath || s.local) return { kind: 'ready', fs: disk, base: (s.hostPath?.path ?? s.local?.path ?? '').replace(/^\//, ''), readOnly, attached: true, pv: pvName, onHost: true };
  const fs = data.open(volumeKey(pv));
  if (!s.csi) return { kind: 'ready', fs, base: '', readOnly, attached: true, pv: pvName, onHost: false };
  const driver = s.csi.driver;
  const uniqueName = csiUniqueName(driver, s.csi.volumeHandle);
  const d = client.get<CSIDriver>('csidrivers.storage.k8s.io', undefined, driver);
  // Without a CSIDriver object the kubelet assumes the driver needs attaching.
  const needsAttach = d.ok ? d.object.spec?.attachRequired !== false : true;
  const attached = !needsAttach || client.items<VolumeAttachment>('volumeattachments.storage.k8s.io').some((va) => va.spec?.attacher === driver && va.spec?.nodeName === nodeName && va.spec?.source?.persistentVolumeName === pvName && va.status?.attached === true);
  return { kind: 'ready', fs, base: '', readOnly: readOnly || !!s.csi.readOnly, uniqueName, attached, pv: pvName, onHost: false };
}
