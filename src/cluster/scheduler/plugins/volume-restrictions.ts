/**
 * VolumeRestrictions: a claim with the ReadWriteOncePod access mode can be
 * used by one pod only (anywhere in the cluster); inline Azure disks can't
 * be shared by two pods on one node.
 */
import type { Handle } from '../handle.js';
import type { Plugin } from '../types.js';
import { unresolvable, unschedulable } from '../types.js';
import { claimNames, claimOf } from './volume-hook.js';

export const name = 'VolumeRestrictions';
export const ERR_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const KEY = 'VolumeRestrictions';

function inlineDisks(spec: { volumes?: { azureDisk?: { diskName: string } }[] } | undefined): string[] {
  return (spec?.volumes ?? []).filter((v) => v.azureDisk).map((v) => v.azureDisk!.diskName);
}

export const volumeRestrictions = (h: Handle): Plugin => ({
  name,
  preFilter(state, pod, nodes) {
    const disks = inlineDisks(pod.pod.spec);
    const rwop = claimNames(pod).filter((n) => (claimOf(h, pod.namespace, n)?.spec?.accessModes ?? []).includes('ReadWriteOncePod'));
    if (disks.length === 0 && rwop.length === 0) return 'skip';
    for (const n of rwop) {
      for (const ni of nodes) {
        if (ni.pods.some((p) => p.uid !== pod.uid && p.namespace === pod.namespace && claimNames(p).includes(n))) return unresolvable(ERR_RWOP_CONFLICT);
      }
    }
    state.write(KEY, disks);
    return null;
  },
  filter(state, _pod, node) {
    const disks = state.read<string[]>(KEY) ?? [];
    if (disks.length === 0) return null;
    for (const p of node.pods) if (inlineDisks(p.pod.spec).some((d) => disks.includes(d))) return unschedulable(ERR_DISK_CONFLICT);
    return null;
  },
});
