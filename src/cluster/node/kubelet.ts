/**
 * The kubelet of one machine. FOUNDATION PLACEHOLDER: it only registers the
 * Node object (Ready) through the API as system:node:<name>. The workloads
 * issue replaces it with the real kubelet (leases, pod lifecycle, runtime).
 */
import type { Cluster } from '../cluster.js';
import type { Machine } from './machine.js';
import { isoTime } from '../api/lifecycle.js';

export interface KubeletHandle {
  readonly machine: Machine;
  /** Stop heartbeating and running pods (a node failure); the Node object stays. */
  stop(): void;
}

export function startKubelet(cluster: Cluster, machine: Machine): KubeletHandle {
  const client = cluster.client({ username: `system:node:${machine.name}`, groups: ['system:nodes', 'system:authenticated'] });
  const now = isoTime(cluster.clock.now());
  client.create('nodes', undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: machine.name, labels: machine.labels },
    spec: { providerID: machine.providerID, ...(machine.podCIDR ? { podCIDR: machine.podCIDR, podCIDRs: [machine.podCIDR] } : {}), ...(machine.taints.length ? { taints: machine.taints } : {}) },
    status: {
      capacity: machine.capacity,
      allocatable: machine.allocatable,
      addresses: [
        { type: 'InternalIP', address: machine.internalIP },
        { type: 'Hostname', address: machine.name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      nodeInfo: { ...machine.nodeInfo, machineID: '', systemUUID: '', bootID: '', kubeProxyVersion: '' },
    },
  });
  return { machine, stop() {} };
}
