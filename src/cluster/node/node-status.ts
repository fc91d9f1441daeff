/**
 * The Node object as the kubelet registers and reports it: labels it owns,
 * capacity and allocatable, addresses, nodeInfo, the four kubelet conditions
 * with upstream reasons, and the images on disk. Plus the node Lease.
 */
import type { NodeCondition } from 'kubernetes-types/core/v1.js';
import { isoTime } from '../api/lifecycle.js';
import type { KObject } from '../api/types.js';
import type { Machine } from './machine.js';
import type { StoredImage } from './image-store.js';
import { microTime } from './formats.js';

export interface NodeHealth {
  memoryPressure: boolean;
  diskPressure: boolean;
  pidPressure: boolean;
  ready: boolean;
}

const CONDITIONS: [keyof NodeHealth, string, [string, string], [string, string]][] = [
  ['memoryPressure', 'MemoryPressure', ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'], ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available']],
  ['diskPressure', 'DiskPressure', ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'], ['KubeletHasDiskPressure', 'kubelet has disk pressure']],
  ['pidPressure', 'PIDPressure', ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'], ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available']],
];

/** Conditions in the kubelet's order; transition times kept from `prev` when the status is unchanged. */
export function nodeConditions(h: NodeHealth, now: number, prev: NodeCondition[] = []): NodeCondition[] {
  const hb = isoTime(now);
  const mk = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const old = prev.find((c) => c.type === type);
    const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : hb;
    return { type, status, lastHeartbeatTime: hb, lastTransitionTime, reason, message };
  };
  const out = CONDITIONS.map(([k, type, ok, bad]) => (h[k] ? mk(type, 'True', ...bad) : mk(type, 'False', ...ok)));
  out.push(h.ready ? mk('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : mk('Ready', 'False', 'KubeletNotReady', 'container runtime is down'));
  return out;
}

export function nodeLabels(m: Machine): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': m.nodeInfo.architecture,
    'beta.kubernetes.io/os': m.nodeInfo.operatingSystem,
    'kubernetes.io/arch': m.nodeInfo.architecture,
    'kubernetes.io/hostname': m.name,
    'kubernetes.io/os': m.nodeInfo.operatingSystem,
    ...m.labels,
  };
}

export function nodeObject(m: Machine, ids: { machineID: string; systemUUID: string; bootID: string }, health: NodeHealth, images: StoredImage[], now: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: m.name,
      labels: nodeLabels(m),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      ...(m.podCIDR ? { podCIDR: m.podCIDR, podCIDRs: [m.podCIDR] } : {}),
      providerID: m.providerID,
      ...(m.taints.length ? { taints: m.taints } : {}),
    },
    status: nodeStatus(m, ids, health, images, now),
  };
}

export function nodeStatus(m: Machine, ids: { machineID: string; systemUUID: string; bootID: string }, health: NodeHealth, images: StoredImage[], now: number, prev?: NodeCondition[]): Record<string, unknown> {
  return {
    capacity: m.capacity,
    allocatable: m.allocatable,
    conditions: nodeConditions(health, now, prev),
    addresses: [
      { type: 'InternalIP', address: m.internalIP },
      { type: 'Hostname', address: m.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: { ...ids, ...m.nodeInfo, kubeProxyVersion: '' },
    images: images.map((i) => ({ names: i.names, sizeBytes: i.sizeBytes })),
  };
}

export function leaseObject(m: Machine, nodeUid: string | undefined, now: number): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: m.name,
      namespace: 'kube-node-lease',
      ...(nodeUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: m.name, uid: nodeUid }] } : {}),
    },
    spec: { holderIdentity: m.name, leaseDurationSeconds: 40, renewTime: microTime(now) },
  };
}
