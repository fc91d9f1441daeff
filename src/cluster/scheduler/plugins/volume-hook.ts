/**
 * The volume plugins (VolumeRestrictions, NodeVolumeLimits, AzureDiskLimits,
 * VolumeBinding, VolumeZone) are hooks the storage issue fills: until a
 * storage implementation replaces them (registry.setPluginFactory), they skip
 * pods without persistent volume claims and let the others pass.
 */
import type { Plugin } from '../types.js';
import type { PodInfo } from '../pod-info.js';

export function usesClaims(pod: PodInfo): boolean {
  return (pod.pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim || v.ephemeral);
}

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
