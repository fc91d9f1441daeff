/** NodeName: a pod that names its node (spec.nodeName) fits only there. */
import type { Plugin } from '../types.js';
import { unresolvable } from '../types.js';

export const name = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";
const REJECT = unresolvable(ERR_REASON);

export function fits(nodeName: string | undefined, node: string): boolean {
  return !nodeName || nodeName === node;
}

export const nodeNamePlugin: Plugin = {
  name,
  preFilter(_s, pod) {
    return pod.pod.spec?.nodeName ? null : 'skip';
  },
  filter(_s, pod, node) {
    return fits(pod.pod.spec?.nodeName, node.name) ? null : REJECT;
  },
};
