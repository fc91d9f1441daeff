/**
 * The pod status the kubelet reports, built from its runtime view: phase,
 * conditions with transition times, pod and host IPs, and container statuses
 * (state, lastState, ready, started, restartCount, image, imageID, containerID).
 */
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { isoTime } from '../api/lifecycle.js';
import type { ContainerProcess } from './process.js';
import { finished, willRestart } from './container-lifecycle.js';
import type { ContainerRt, PodRt } from './pod-runtime.js';

function terminated(proc: ContainerProcess, containerID: string | undefined) {
  const e = proc.exit!;
  return {
    terminated: {
      exitCode: e.code,
      reason: e.reason,
      ...(e.message ? { message: e.message } : {}),
      startedAt: isoTime(proc.start),
      finishedAt: isoTime(e.t),
      ...(containerID ? { containerID } : {}),
    },
  };
}

function containerStatus(c: ContainerRt, now: number, initializing = false): ContainerStatus {
  const proc = c.proc;
  let state: ContainerStatus['state'];
  if (c.phase === 'running' && proc) state = { running: { startedAt: isoTime(proc.start) } };
  else if (c.phase === 'exited' && proc?.exit && !c.inBackoff) state = terminated(proc, c.containerID);
  else if (initializing && c.waiting.reason === 'ContainerCreating') state = { waiting: { reason: 'PodInitializing' } };
  else state = { waiting: { reason: c.waiting.reason, ...(c.waiting.message ? { message: c.waiting.message } : {}) } };
  let lastState: ContainerStatus['lastState'] = {};
  if (c.phase === 'exited' && proc?.exit && 'waiting' in state) lastState = terminated(proc, c.containerID);
  else if (c.prev?.exit) lastState = terminated(c.prev, c.prevContainerID);
  const shown = proc ?? c.prev;
  const running = c.phase === 'running' && !!proc && (!proc.exit || proc.exit.t > now);
  const s: ContainerStatus = {
    name: c.name,
    state,
    lastState,
    ready: running && c.ready,
    restartCount: c.restartCount,
    image: shown && c.image ? `${c.image.spec.repository}:${c.image.tag}` : (c.spec.image ?? ''),
    imageID: shown && c.image ? c.image.imageID : '',
    started: running && c.started,
  };
  const id = c.containerID ?? (shown ? c.prevContainerID : undefined);
  if (id) s.containerID = id;
  return s;
}

export interface BuiltStatus {
  status: PodStatus;
  terminal: boolean;
}

/**
 * Everything buildStatus reads, as a flat list compared by identity (the
 * runtime replaces, never mutates, the objects listed). When it equals the
 * list the last published status was built from, buildStatus would build the
 * same status and move no condition time, so the pod worker skips it (a probe
 * tick that changes nothing). Keep in step with buildStatus and containerStatus.
 */
export function statusInputs(p: PodRt, now: number): unknown[] {
  const sb = p.sandbox;
  const out: unknown[] = [p.pod, p.evicted, sb?.ip, sb ? now >= sb.readyAt : undefined];
  for (const list of [p.init, p.containers]) {
    for (const c of list) {
      const proc = c.proc;
      const exit = proc?.exit;
      out.push(c.phase, proc, exit, exit ? exit.t > now : undefined, c.inBackoff, c.waiting, c.prev, c.prev?.exit, c.containerID, c.prevContainerID, c.ready, c.started, c.restartCount, c.image);
    }
  }
  return out;
}

export function sameInputs(a: unknown[] | undefined, b: unknown[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function buildStatus(p: PodRt, hostIP: string, now: number): BuiltStatus {
  const pod = p.pod;
  const sandboxReady = !!p.sandbox && now >= p.sandbox.readyAt;
  const regularInit = p.init.filter((c) => !c.sidecar);
  const incompleteInit = p.init.filter((c) => (c.sidecar ? !c.started : !(c.phase === 'exited' && c.proc?.exit?.code === 0)));
  const initialized = incompleteInit.length === 0;
  const initFailed = regularInit.some((c) => finished(c, pod) && (c.proc?.exit?.code ?? 0) !== 0);
  const mains = p.containers;
  const running = mains.filter((c) => c.phase === 'running').length;
  const everRan = mains.filter((c) => c.proc || c.prev).length;
  const allFinished = mains.every((c) => finished(c, pod));
  let phase: string;
  if (p.evicted) phase = 'Failed';
  else if (initFailed) phase = 'Failed';
  else if (!initialized) phase = 'Pending';
  else if (allFinished && mains.length > 0) phase = mains.every((c) => c.proc?.exit?.code === 0) ? 'Succeeded' : 'Failed';
  else if (running > 0 || (everRan > 0 && mains.some((c) => c.phase === 'exited' && willRestart(c, pod)))) phase = 'Running';
  else if (everRan > 0 && running === 0 && mains.every((c) => c.proc || c.prev)) phase = 'Running';
  else phase = 'Pending';
  const terminal = phase === 'Succeeded' || phase === 'Failed';

  const unready = mains.filter((c) => !(c.phase === 'running' && c.ready)).map((c) => c.name);
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    const prev = p.conditionTimes.get(type);
    let time = prev?.time ?? now;
    if (!prev || prev.status !== status) {
      time = now;
      p.conditionTimes.set(type, { status, time });
    }
    return { type, status, lastProbeTime: null as unknown as undefined, lastTransitionTime: isoTime(time), ...(reason ? { reason } : {}), ...(message ? { message } : {}) } as PodCondition;
  };
  const conditions: PodCondition[] = [cond('PodReadyToStartContainers', sandboxReady && !terminal)];
  if (terminal) conditions.push(cond('Initialized', true, 'PodCompleted'));
  else conditions.push(initialized ? cond('Initialized', true) : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.map((c) => c.name).join(' ')}]`));
  const ready = unready.length === 0 && !terminal;
  const why = terminal ? ['PodCompleted', undefined] : ['ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
  conditions.push(ready ? cond('Ready', true) : cond('Ready', false, why[0], why[1]));
  conditions.push(ready ? cond('ContainersReady', true) : cond('ContainersReady', false, why[0], why[1]));
  const scheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  conditions.push(scheduled ? { ...scheduled } : cond('PodScheduled', true));
  if (p.evicted) conditions.unshift(cond('DisruptionTarget', true, 'TerminationByKubelet', p.evicted.message));

  const status: PodStatus = {
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(p.sandbox && sandboxReady ? { podIP: p.sandbox.ip, podIPs: [{ ip: p.sandbox.ip }] } : {}),
    startTime: isoTime(p.startTime),
    ...(p.init.length ? { initContainerStatuses: p.init.map((c) => containerStatus(c, now)) } : {}),
    containerStatuses: mains.map((c) => containerStatus(c, now, !initialized)),
    qosClass: pod.status?.qosClass,
  };
  if (!status.qosClass) delete status.qosClass;
  if (p.evicted) {
    status.reason = 'Evicted';
    status.message = p.evicted.message;
  }
  return { status, terminal };
}
