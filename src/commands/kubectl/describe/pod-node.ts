/** `describe pod` and `describe node` (with Lease, Non-terminated Pods and Allocated resources). */
import type { KObject } from '../../../cluster/api/types.js';
import { describeContainers, describeVolumes } from './containers.js';
import { annotationsMultiline, controllerOf, describeEvents, get, labelsMultiline, rfc1123z, since, taintsMultiline, tolerationsMultiline } from './format.js';
import { addQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity.js';
import { PrefixWriter } from './writer.js';

function qosClass(pod: KObject): string {
  const s = get(pod, 'status', 'qosClass');
  if (s) return s;
  const cs = [...(get(pod, 'spec', 'containers') ?? []), ...(get(pod, 'spec', 'initContainers') ?? [])];
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) if (!lim[r] || (req[r] !== undefined && parseQuantity(req[r]).milli !== parseQuantity(lim[r]).milli)) guaranteed = false;
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (pod.spec ?? {}) as any;
  const status = (pod.status ?? {}) as any;
  w.write(0, `Name:\t${pod.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${pod.metadata?.namespace ?? ''}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata?.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata?.annotations);
  if (pod.metadata?.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  if (spec.securityContext?.seccompProfile) w.write(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = (status.podIPs ?? []) as { ip: string }[];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctrl = controllerOf(pod);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? []);
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? []);
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes);
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(w, events, now);
  return w.toString();
}

type ResourceMap = Record<string, Quantity>;

/** PodRequests / PodLimits: containers summed, init containers as a floor. */
function podResources(pod: KObject, which: 'requests' | 'limits'): ResourceMap {
  const sum: ResourceMap = {};
  for (const c of get(pod, 'spec', 'containers') ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) sum[k] = addQuantity(sum[k], parseQuantity(v));
  for (const c of get(pod, 'spec', 'initContainers') ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      const q = parseQuantity(v);
      if (!sum[k] || sum[k]!.milli < q.milli) sum[k] = q;
    }
  }
  return sum;
}

const pct = (part: Quantity | undefined, whole: Quantity | undefined) => (whole && whole.milli > 0 ? Math.trunc(((part?.milli ?? 0) / whole.milli) * 100) : 0);

export function describeNode(node: KObject, pods: KObject[] | undefined, events: KObject[] | undefined, lease: KObject | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (node.spec ?? {}) as any;
  const status = (node.status ?? {}) as any;
  const labels = node.metadata?.labels ?? {};
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 24) roles.add(k.slice(24));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  w.write(0, `Name:\t${node.metadata?.name ?? ''}\n`);
  w.write(0, `Roles:\t${[...roles].sort().join(',') || '<none>'}\n`);
  labelsMultiline(w, 'Labels', labels);
  annotationsMultiline(w, 'Annotations', node.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  taintsMultiline(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${get(lease, 'spec', 'holderIdentity') ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${get(lease, 'spec', 'acquireTime') ? rfc1123z(get(lease, 'spec', 'acquireTime')) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${get(lease, 'spec', 'renewTime') ? rfc1123z(get(lease, 'spec', 'renewTime')) : '<unset>'}\n`);
  } else w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata?.name ?? ''}" not found\n`);
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length === 0) continue;
    w.write(0, `${title}:\n`);
    // kubectl prints the parsed quantity, so in canonical form (7340032Ki → 7Gi).
    for (const k of keys) w.write(0, `  ${k}:\t${formatQuantity(parseQuantity(list[k]))}\n`);
  }
  const info = status.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) w.write(0, `  ${label}:\t${info[key!] ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (!pods) w.write(0, 'Pods:\tnot authorized\n');
  else {
    const alloc: Record<string, string> = Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : (status.capacity ?? {});
    const cpu = parseQuantity(alloc.cpu ?? '0');
    const mem = parseQuantity(alloc.memory ?? '0');
    const eph = parseQuantity(alloc['ephemeral-storage'] ?? '0');
    w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
    w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const reqs: ResourceMap = {};
    const lims: ResourceMap = {};
    for (const p of pods) {
      const r = podResources(p, 'requests');
      const l = podResources(p, 'limits');
      for (const [k, v] of Object.entries(r)) reqs[k] = addQuantity(reqs[k], v);
      for (const [k, v] of Object.entries(l)) lims[k] = addQuantity(lims[k], v);
      w.write(1, `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${formatQuantity(r.cpu)} (${pct(r.cpu, cpu)}%)\t${formatQuantity(l.cpu)} (${pct(l.cpu, cpu)}%)\t${formatQuantity(r.memory)} (${pct(r.memory, mem)}%)\t${formatQuantity(l.memory)} (${pct(l.memory, mem)}%)\t${since(p.metadata?.creationTimestamp, now)}\n`);
    }
    w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(1, 'Resource\tRequests\tLimits\n');
    w.write(1, '--------\t--------\t------\n');
    for (const [name, whole] of [['cpu', cpu], ['memory', mem], ['ephemeral-storage', eph]] as const) {
      w.write(1, `${name}\t${formatQuantity(reqs[name])} (${pct(reqs[name], whole)}%)\t${formatQuantity(lims[name])} (${pct(lims[name], whole)}%)\n`);
    }
    for (const name of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) {
      const whole = parseQuantity(alloc[name]);
      w.write(1, `${name}\t${formatQuantity(reqs[name])} (${pct(reqs[name], whole)}%)\t${formatQuantity(lims[name])} (${pct(lims[name], whole)}%)\n`);
    }
    const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
    for (const name of Object.keys(alloc).filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && !k.startsWith('requests.') && !k.startsWith('limits.')).sort()) {
      w.write(1, `${name}\t${formatQuantity(reqs[name])}\t${formatQuantity(lims[name])}\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

export type { ResourceMap };
