/** core/v1 kinds other than pods: Node, Namespace, Event, ConfigMap, Secret, ServiceAccount, ResourceQuota. */
import { ageCol, ageOf, col, formatLabels, get, nameCol, printer, since, timeOf, wideCol } from './common.js';

const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(o: unknown, type: string): string {
  const a = ((get(o, 'status', 'addresses') ?? []) as { type: string; address: string }[]).find((x) => x.type === type);
  return a?.address ?? '<none>';
}

export const printNodes = printer(
  () => [
    nameCol(),
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageCol(),
    col('Version', 'Kubelet Version reported by the node.'),
    wideCol('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node\'s address in its own status or consumers of the downward API (status.hostIP).'),
    wideCol('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.'),
    wideCol('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
    wideCol('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
    wideCol('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
  ],
  (o, now) => {
    const ready = ((get(o, 'status', 'conditions') ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (get(o, 'spec', 'unschedulable')) status.push('SchedulingDisabled');
    const info = (get(o, 'status', 'nodeInfo') ?? {}) as Record<string, string>;
    return [
      name(o),
      status.join(','),
      nodeRoles(o.metadata?.labels),
      ageOf(o, now),
      info.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
);

export const printNamespaces = printer(
  () => [nameCol(), col('Status', 'The status of the namespace'), ageCol()],
  (o, now) => [name(o), String(get(o, 'status', 'phase') ?? ''), ageOf(o, now)],
);

/** The LAST SEEN / FIRST SEEN of an event (series and eventTime aware). */
export function eventTimes(o: unknown, now: number): { last: string; first: string; count: number } {
  const firstTs = get(o, 'firstTimestamp');
  const first = timeOf(firstTs) !== undefined ? since(firstTs, now) : since(get(o, 'eventTime'), now);
  let last = timeOf(get(o, 'lastTimestamp')) !== undefined ? since(get(o, 'lastTimestamp'), now) : first;
  let count = num0(get(o, 'count'));
  const series = get(o, 'series');
  if (series) {
    last = since(series.lastObservedTime, now);
    count = num0(series.count);
  } else if (count === 0) count = 1;
  return { last, first, count };
}

const num0 = (v: unknown) => (typeof v === 'number' ? v : 0);

export const printEvents = printer(
  () => [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col('Object', 'The object that this event is about.'),
    wideCol('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.'),
    wideCol('Source', 'The component reporting this event. Should be a short machine understandable string.'),
    col('Message', 'A human-readable description of the status of this operation.'),
    wideCol('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
    wideCol('Count', 'The number of times this event has occurred.'),
    { ...wideCol('Name', 'Name must be unique within a namespace.'), format: 'name' },
  ],
  (o, now) => {
    const t = eventTimes(o, now);
    const inv = (get(o, 'involvedObject') ?? {}) as { kind?: string; name?: string; fieldPath?: string };
    const kind = (inv.kind ?? '').toLowerCase();
    const target = inv.name ? `${kind}/${inv.name}` : kind;
    const component = get(o, 'source', 'component') || get(o, 'reportingComponent') || '';
    const host = get(o, 'source', 'host') || get(o, 'reportingInstance') || '';
    return [t.last, String(get(o, 'type') ?? ''), String(get(o, 'reason') ?? ''), target, inv.fieldPath ?? '', host ? `${component}, ${host}` : component, String(get(o, 'message') ?? '').trim(), t.first, t.count, name(o)];
  },
);

export const printConfigMaps = printer(
  () => [nameCol(), col('Data', 'Data contains the configuration data.'), ageCol()],
  (o, now) => [name(o), Object.keys(get(o, 'data') ?? {}).length + Object.keys(get(o, 'binaryData') ?? {}).length, ageOf(o, now)],
);

export const printSecrets = printer(
  () => [nameCol(), col('Type', 'Used to facilitate programmatic handling of secret data.'), col('Data', 'Data contains the secret data.'), ageCol()],
  (o, now) => [name(o), String(get(o, 'type') ?? ''), Object.keys(get(o, 'data') ?? {}).length, ageOf(o, now)],
);

export const printServiceAccounts = printer(
  () => [nameCol(), col('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), ageCol()],
  (o, now) => [name(o), ((get(o, 'secrets') ?? []) as unknown[]).length, ageOf(o, now)],
);

export const printResourceQuotas = printer(
  () => [
    nameCol(),
    col('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageCol(),
  ],
  (o, now) => {
    const hard = (get(o, 'status', 'hard') ?? {}) as Record<string, string>;
    const used = (get(o, 'status', 'used') ?? {}) as Record<string, string>;
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const text = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      (r.split('.').length > 1 && r.split('.')[0] === 'limits' ? lim : req).push(text);
    }
    return [name(o), req.join(', '), lim.join(', '), ageOf(o, now)];
  },
);

export { formatLabels };
