/**
 * VolumeZone: a bound PV labelled with a zone or region
 * (topology.kubernetes.io/zone, failure-domain.beta.kubernetes.io/zone, …)
 * only fits nodes with a matching label. CSI volumes pin their zone through
 * node affinity instead (VolumeBinding).
 */
import type { Handle } from '../handle.js';
import type { Plugin } from '../types.js';
import { unresolvable } from '../types.js';
import { claimNames, claimOf, volumeOf } from './volume-hook.js';

export const name = 'VolumeZone';
export const ERR_ZONE_CONFLICT = 'node(s) had no available volume zone';
const TOPOLOGY_LABELS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region'];
const KEY = 'VolumeZone';

export const volumeZone = (h: Handle): Plugin => ({
  name,
  preFilter(state, pod) {
    const wanted: [string, string[]][] = [];
    for (const n of claimNames(pod)) {
      const claim = claimOf(h, pod.namespace, n);
      const pv = claim?.spec?.volumeName ? volumeOf(h, claim.spec.volumeName) : undefined;
      for (const k of TOPOLOGY_LABELS) {
        const v = pv?.metadata?.labels?.[k];
        if (v) wanted.push([k, v.split('__')]);
      }
    }
    if (wanted.length === 0) return 'skip';
    state.write(KEY, wanted);
    return null;
  },
  filter(state, _pod, node) {
    const wanted = state.read<[string, string[]][]>(KEY) ?? [];
    if (!TOPOLOGY_LABELS.some((k) => node.labels[k] !== undefined)) return null;
    for (const [k, values] of wanted) {
      const v = node.labels[k];
      if (v === undefined || !values.includes(v)) return unresolvable(ERR_ZONE_CONFLICT);
    }
    return null;
  },
});
