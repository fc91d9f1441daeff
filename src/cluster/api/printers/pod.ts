/**
 * Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE
 * READINESS GATES. STATUS follows upstream's printPod precedence: phase,
 * status.reason, SchedulingGated, init containers (`Init:0/1`,
 * `Init:CrashLoopBackOff`), then containers from last to first (waiting
 * reason, terminated reason, `ExitCode:n`), `Completed` turned back into
 * Running/NotReady while a container runs, and finally `Terminating` or
 * `Unknown` (NodeLost) when marked for deletion.
 */
import type { KObject } from '../types.js';
import { humanDuration } from '../table.js';
import { ageOf, ageCol, col, get, nameCol, printer, timeOf, wideCol, type Cell } from './common.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodCondition {
  type: string;
  status: string;
  reason?: string;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

function isRestartableInit(c: { restartPolicy?: string } | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** READY, STATUS and RESTARTS of a pod at `now`, as kubectl shows them. */
export function podSummary(pod: KObject, now: number): PodSummary {
  const spec = (pod.spec ?? {}) as { containers?: unknown[]; initContainers?: { name: string; restartPolicy?: string }[] };
  const status = (pod.status ?? {}) as { phase?: string; reason?: string; conditions?: PodCondition[]; initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] };
  const conditions = status.conditions ?? [];
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of conditions) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) total++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    const finished = timeOf(c.lastState?.terminated?.finishedAt);
    if (finished !== undefined && finished > lastRestart) lastRestart = finished;
    const restartable = isRestartableInit(inits.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (finished !== undefined && finished > lastRestartableInitRestart) lastRestartableInitRestart = finished;
    }
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      const finished = timeOf(c.lastState?.terminated?.finishedAt);
      if (finished !== undefined && finished > lastRestart) lastRestart = finished;
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !TERMINAL.has(phase)) reason = 'Terminating';

  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function readinessGates(pod: KObject): string {
  const gates = (get(pod, 'spec', 'readinessGates') ?? []) as { conditionType: string }[];
  if (gates.length === 0) return '<none>';
  const conditions = (get(pod, 'status', 'conditions') ?? []) as PodCondition[];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

export function podRow(pod: KObject, now: number): Cell[] {
  const s = podSummary(pod, now);
  const ips = (get(pod, 'status', 'podIPs') ?? []) as { ip: string }[];
  return [
    pod.metadata?.name ?? '',
    s.ready,
    s.status,
    s.restarts,
    ageOf(pod, now),
    ips[0]?.ip || '<none>',
    (get(pod, 'spec', 'nodeName') as string | undefined) || '<none>',
    (get(pod, 'status', 'nominatedNodeName') as string | undefined) || '<none>',
    readinessGates(pod),
  ];
}

export const podColumns = () => [
  nameCol(),
  col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'The aggregate status of the containers in this pod.'),
  col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageCol(),
  wideCol('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
  wideCol('Node', 'NodeName indicates in which node this pod is scheduled.'),
  wideCol('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.'),
  wideCol('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.'),
];

export const printPods = printer(podColumns, podRow);

export const printPodTemplates = printer(
  () => [nameCol(), col('Containers', 'Names of each container in the template.'), col('Images', 'Images referenced by each container in the template.'), col('Pod Labels', 'The labels for the pod template.')],
  (o) => {
    const cs = (get(o, 'template', 'spec', 'containers') ?? []) as { name: string; image: string }[];
    const labels = (get(o, 'template', 'metadata', 'labels') ?? {}) as Record<string, string>;
    const keys = Object.keys(labels).sort();
    return [o.metadata?.name ?? '', cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(','), keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>'];
  },
);
