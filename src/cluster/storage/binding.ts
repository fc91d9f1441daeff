/**
 * Static binding rules (pkg/controller/volume/persistentvolume/util):
 * which PVs can satisfy a claim, and the best one — a PV pre-bound to the
 * claim first, else the smallest Available PV whose class, access modes,
 * size, volume mode, label selector (and node affinity, for a claim waiting
 * on a selected node) fit.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { parseQuantity } from '../api/quantity.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';
import { termMatches } from '../controllers/node-affinity.js';
import { claimClass } from './admission.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

export function requestBytes(pvc: PersistentVolumeClaim): number {
  return parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
}

export function pvBytes(pv: PersistentVolume): number {
  return parseQuantity(pv.spec?.capacity?.storage) ?? 0;
}

export function pvClass(pv: PersistentVolume): string {
  return pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** Does the PV's claimRef point at this claim (uid checked when both have one)? */
export function refersTo(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata?.name || (ref.namespace ?? '') !== (pvc.metadata?.namespace ?? '')) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

export function pvNodeAffinityMatches(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => termMatches(t, node));
}

/** Why a PV can't take the claim, or undefined when it can. */
export function mismatch(pv: PersistentVolume, pvc: PersistentVolumeClaim, node?: Node): string | undefined {
  if (pvClass(pv) !== claimClass(pvc)) return 'class';
  const modes = new Set(pv.spec?.accessModes ?? []);
  if (!(pvc.spec?.accessModes ?? []).every((m) => modes.has(m))) return 'accessModes';
  if (pvBytes(pv) < requestBytes(pvc)) return 'size';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'volumeMode';
  if (pvc.spec?.selector && !matchesLabels(fromLabelSelector(pvc.spec.selector), pv.metadata?.labels)) return 'selector';
  if (node && !pvNodeAffinityMatches(pv, node)) return 'nodeAffinity';
  return undefined;
}

/** findMatchingVolume: the pre-bound PV for the claim, else the smallest fitting Available one. */
export function bestMatch(pvc: PersistentVolumeClaim, pvs: Iterable<PersistentVolume>, node?: Node): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  for (const pv of pvs) {
    if (pv.metadata?.deletionTimestamp) continue;
    const ref = pv.spec?.claimRef;
    if (ref) {
      if (!refersTo(pv, pvc)) continue;
      if (!mismatch(pv, pvc, node)) return pv;
      continue;
    }
    if (pv.status?.phase !== 'Available') continue;
    if (mismatch(pv, pvc, node)) continue;
    if (!best || pvBytes(pv) < pvBytes(best) || (pvBytes(pv) === pvBytes(best) && (pv.metadata?.name ?? '') < (best.metadata?.name ?? ''))) best = pv;
  }
  return best;
}
