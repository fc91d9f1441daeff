/** NodeUnschedulable: cordoned nodes (spec.unschedulable) take only pods that tolerate the unschedulable taint. */
import type { Plugin } from '../types.js';
import { unresolvable } from '../types.js';
import { toleratesAny } from '../pod-info.js';

export const name = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;
const REJECT = unresolvable(ERR_REASON_UNSCHEDULABLE);

export const nodeUnschedulable: Plugin = {
  name,
  filter(_s, pod, node) {
    if (!node.unschedulable) return null;
    return toleratesAny(pod.tolerations, TAINT) ? null : REJECT;
  },
};
