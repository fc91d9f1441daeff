/**
 * NodeVolumeLimits (nodevolumelimits/csi.go): the CSI volumes a node would
 * hold with this pod — its bound claims' PVs, and claims still to be
 * provisioned counted under their class's provisioner — may not exceed the
 * driver's `allocatable.count` in the node's CSINode (for Azure Disk: the VM
 * size's max data disks).
 */
import type { CSINode } from 'kubernetes-types/storage/v1.js';
import type { Handle } from '../handle.js';
import type { PodInfo } from '../pod-info.js';
import type { Plugin } from '../types.js';
import { unschedulable } from '../types.js';
import { claimNames, claimOf, classOf, volumeOf } from './volume-hook.js';
import { claimClass } from '../../storage/admission.js';

export const name = 'NodeVolumeLimits';
export const ERR_MAX_VOLUME_COUNT = 'node(s) exceed max volume count';
const KEY = 'NodeVolumeLimits';

/** driver → unique volume ids the pod uses. */
function csiVolumes(h: Handle, pod: PodInfo): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (driver: string, id: string) => {
    let s = out.get(driver);
    if (!s) out.set(driver, (s = new Set()));
    s.add(id);
  };
  for (const n of claimNames(pod)) {
    const claim = claimOf(h, pod.namespace, n);
    if (!claim) continue;
    const pv = claim.spec?.volumeName ? volumeOf(h, claim.spec.volumeName) : undefined;
    if (pv?.spec?.csi) add(pv.spec.csi.driver, pv.spec.csi.volumeHandle);
    else if (!claim.spec?.volumeName) {
      const sc = classOf(h, claimClass(claim));
      if (sc?.provisioner) add(sc.provisioner, `${pod.namespace}/${n}`);
    }
  }
  return out;
}

export const nodeVolumeLimits = (h: Handle): Plugin => ({
  name,
  preFilter(state, pod) {
    if (!h.get) return 'skip';
    const vols = csiVolumes(h, pod);
    if (vols.size === 0) return 'skip';
    state.write(KEY, vols);
    return null;
  },
  filter(state, _pod, node) {
    const vols = state.read<Map<string, Set<string>>>(KEY);
    if (!vols) return null;
    const csinode = h.get?.('csinodes.storage.k8s.io', undefined, node.name) as CSINode | undefined;
    if (!csinode) return null;
    const attached = new Map<string, Set<string>>();
    for (const p of node.pods) {
      if (p.terminating) continue;
      for (const [d, ids] of csiVolumes(h, p)) {
        let s = attached.get(d);
        if (!s) attached.set(d, (s = new Set()));
        for (const id of ids) s.add(id);
      }
    }
    for (const [driver, ids] of vols) {
      const limit = csinode.spec?.drivers?.find((d) => d.name === driver)?.allocatable?.count;
      if (limit === undefined || limit === null) continue;
      const have = attached.get(driver) ?? new Set<string>();
      let total = have.size;
      for (const id of ids) if (!have.has(id)) total++;
      if (total > limit) return unschedulable(ERR_MAX_VOLUME_COUNT);
    }
    return null;
  },
});
