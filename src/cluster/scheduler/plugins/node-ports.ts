/** NodePorts: a pod's host ports must be free on the node (0.0.0.0 conflicts with every address). */
import type { Plugin } from '../types.js';
import { unschedulable } from '../types.js';
import type { HostPort } from '../pod-info.js';
import type { NodeInfo } from '../node-info.js';

export const name = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const REJECT = unschedulable(ERR_REASON);

export function portsConflict(want: readonly HostPort[], node: NodeInfo): boolean {
  if (node.usedPorts.size === 0) return false;
  for (const p of want) {
    for (const used of node.usedPorts.keys()) {
      const [ip, protocol, port] = used.split('/') as [string, string, string];
      if (protocol !== p.protocol || Number(port) !== p.port) continue;
      if (ip === p.ip || ip === '0.0.0.0' || p.ip === '0.0.0.0') return true;
    }
  }
  return false;
}

export const nodePorts: Plugin = {
  name,
  preFilter(_s, pod) {
    return pod.hostPorts.length === 0 ? 'skip' : null;
  },
  filter(_s, pod, node) {
    return portsConflict(pod.hostPorts, node) ? REJECT : null;
  },
};
