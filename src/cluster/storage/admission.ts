/**
 * The storage admission plugins of kube-apiserver:
 * - DefaultStorageClass: a new PVC without `storageClassName` gets the default
 *   class (the newest one when several are marked default);
 * - StorageObjectInUseProtection: new PVCs and PVs get the
 *   `kubernetes.io/pvc-protection` / `kubernetes.io/pv-protection` finalizers;
 * - PersistentVolumeClaimResize: growing a claim needs a bound, dynamically
 *   provisioned volume whose class allows expansion.
 */
import type { PersistentVolumeClaim, PersistentVolume } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { AdmissionPlugin } from '../api/admission.js';
import { forbiddenMessage } from '../api/status.js';
import { parseQuantity } from '../api/quantity.js';
import { DEFAULT_CLASS_ANNOTATION } from './classes.js';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** GetDefaultClass: the newest default class, ties broken by name. */
export function defaultClass(classes: StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return defaults[0];
}

/** The class a claim asks for: the beta annotation wins over the field (upstream's GetPersistentVolumeClaimClass). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

export function defaultStorageClass(): AdmissionPlugin {
  return {
    name: 'DefaultStorageClass',
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.group !== '' || a.def.plural !== 'persistentvolumeclaims' || a.subresource || !a.object) return undefined;
      const pvc = a.object as unknown as PersistentVolumeClaim;
      if (pvc.spec?.storageClassName != null || pvc.metadata?.annotations?.[BETA_CLASS] !== undefined) return undefined;
      const def = defaultClass(a.ctx.list('storageclasses', 'storage.k8s.io', undefined) as unknown as StorageClass[]);
      if (def?.metadata?.name && pvc.spec) (pvc.spec as { storageClassName?: string }).storageClassName = def.metadata.name;
      return undefined;
    },
  };
}

export function storageObjectInUseProtection(): AdmissionPlugin {
  return {
    name: 'StorageObjectInUseProtection',
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.group !== '' || a.subresource || !a.object) return undefined;
      const fin = a.def.plural === 'persistentvolumeclaims' ? PVC_PROTECTION : a.def.plural === 'persistentvolumes' ? PV_PROTECTION : undefined;
      if (!fin) return undefined;
      const meta = (a.object.metadata ??= {}) as { finalizers?: string[] };
      if (!(meta.finalizers ?? []).includes(fin)) meta.finalizers = [...(meta.finalizers ?? []), fin];
      return undefined;
    },
  };
}

export function persistentVolumeClaimResize(): AdmissionPlugin {
  return {
    name: 'PersistentVolumeClaimResize',
    validate(a) {
      if (a.operation !== 'UPDATE' || a.def.group !== '' || a.def.plural !== 'persistentvolumeclaims' || a.subresource || !a.object || !a.old) return undefined;
      const pvc = a.object as unknown as PersistentVolumeClaim;
      const old = a.old as unknown as PersistentVolumeClaim;
      const want = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
      const had = parseQuantity(old.spec?.resources?.requests?.storage) ?? 0;
      if (want <= had) return undefined;
      if (old.status?.phase !== 'Bound') return undefined; // spec validation rejects this one
      const cls = claimClass(pvc);
      const sc = cls ? (a.ctx.lookup('storageclasses', 'storage.k8s.io', undefined, cls) as unknown as StorageClass | undefined) : undefined;
      const pv = pvc.spec?.volumeName ? (a.ctx.lookup('persistentvolumes', '', undefined, pvc.spec.volumeName) as unknown as PersistentVolume | undefined) : undefined;
      const dynamic = !!pv && (pv.spec?.storageClassName ?? '') === cls && cls !== '';
      if (!sc || sc.allowVolumeExpansion !== true || !dynamic) {
        return forbiddenMessage('persistentvolumeclaims', '', pvc.metadata?.name, 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
      }
      return undefined;
    },
  };
}
