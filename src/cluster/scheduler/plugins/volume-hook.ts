/**
 * What the volume plugins share: the claims a pod uses (persistentVolumeClaim
 * volumes, and generic ephemeral volumes' `<pod>-<volume>` claims) looked up
 * through the scheduler's storage listers.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { Plugin } from '../types.js';
import type { PodInfo } from '../pod-info.js';
import type { Handle } from '../handle.js';

export function usesClaims(pod: PodInfo): boolean {
  return (pod.pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim || v.ephemeral);
}

/** Claim names of a pod, in volume order. */
export function claimNames(pod: PodInfo): string[] {
  const out: string[] = [];
  for (const v of pod.pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.name}-${v.name}`);
  }
  return out;
}

export function claimOf(h: Handle, ns: string, name: string): PersistentVolumeClaim | undefined {
  return h.get?.('persistentvolumeclaims', ns, name) as PersistentVolumeClaim | undefined;
}

export function volumeOf(h: Handle, name: string): PersistentVolume | undefined {
  return h.get?.('persistentvolumes', undefined, name) as PersistentVolume | undefined;
}

export function classOf(h: Handle, name: string): StorageClass | undefined {
  return name ? (h.get?.('storageclasses.storage.k8s.io', undefined, name) as StorageClass | undefined) : undefined;
}

/** A plugin that passes everything (for a handle without storage listers). */
export function volumeHook(name: string): Plugin {
  return {
    name,
    preFilter(_s, pod) {
      return usesClaims(pod) ? null : 'skip';
    },
    filter() {
      return null;
    },
  };
}
