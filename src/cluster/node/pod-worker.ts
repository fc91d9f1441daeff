/**
 * One sync of one pod, as the kubelet's pod worker does it: volumes, the
 * sandbox (pod IP), init containers in order, then the app containers,
 * probes, graceful termination, and finally the status written back through
 * the API. Returns when the pod needs another look.
 */
import { deepEqual } from '../api/paths.js';
import { execIn } from './exec.js';
import { finished, progress, willRestart } from './container-lifecycle.js';
import { buildStatus, sameInputs, statusInputs } from './pod-status.js';
import { probeLabel, runProbe } from './probes.js';
import { PodVolumes, ATTACH_MOUNT_TIMEOUT_MS } from './volumes/pod-volumes.js';
import type { ContainerRt, KPod, NodeRuntime, PodRt } from './pod-runtime.js';

export interface SyncResult {
  /** Earliest time the pod needs another sync (Infinity: only on changes). */
  wakeAt: number;
  /** The pod is gone: forget it. */
  forget?: boolean;
}

export function syncPod(rt: NodeRuntime, p: PodRt, pod: KPod | undefined, now: number): SyncResult {
  let wakeAt = Infinity;
  const wake = (t: number) => {
    if (t < wakeAt) wakeAt = Math.max(t, now);
  };
  if (!pod || pod.metadata?.uid !== p.uid) {
    teardown(rt, p, now);
    return { wakeAt, forget: true };
  }
  p.pod = pod;
  if (pod.metadata?.deletionTimestamp) return terminate(rt, p, now);
  if (p.evicted) {
    for (const c of [...p.init, ...p.containers]) {
      if (c.phase === 'running' || c.phase === 'pulling') c.phase = c.proc ? 'exited' : 'waiting';
      c.inBackoff = false;
      c.ready = false;
    }
    publish(rt, p, now, wake);
    releaseSandbox(rt, p);
    return { wakeAt: Infinity };
  }
  // Unchanged since the last published status: building it again would change nothing.
  const unchanged = p.lastStatusJson !== undefined && sameInputs(p.lastInputs, statusInputs(p, now));
  const terminalBefore = unchanged ? p.lastTerminal : buildStatus(p, rt.machine.internalIP, now).terminal;
  if (terminalBefore && p.lastStatusJson !== undefined) {
    releaseSandbox(rt, p);
    return { wakeAt };
  }
  step(rt, p, now, wake);
  publish(rt, p, now, wake);
  return { wakeAt };
}

function step(rt: NodeRuntime, p: PodRt, now: number, wake: (t: number) => void): void {
  const pod = p.pod;
  if (p.volumesReadyAt === undefined) {
    if (!mountVolumes(rt, p, now, wake)) return;
  } else if (p.volumes) refreshVolumes(rt, p, now, wake);
  if (!p.sandbox) {
    if (p.sandboxRetryAt !== undefined && now < p.sandboxRetryAt) return wake(p.sandboxRetryAt);
    const id = rt.newId();
    const hostNetwork = !!pod.spec?.hostNetwork;
    const ip = hostNetwork ? rt.machine.internalIP : rt.machine.podIPs.allocate();
    if (!ip) {
      const plugin = rt.machine.cniPlugin ?? 'azure-vnet';
      rt.events.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="${plugin}" failed (add): ${rt.machine.podIPs.exhaustedMessage()}`);
      p.sandboxRetryAt = now + 10_000;
      return wake(p.sandboxRetryAt);
    }
    p.sandbox = { id, ip, hostNetwork, readyAt: now + 300 + (id.charCodeAt(0) % 7) * 90 };
  }
  if (now < p.sandbox.readyAt) return wake(p.sandbox.readyAt);
  // Init containers run one at a time; native sidecars only need to have started.
  for (const c of p.init) {
    if (!c.sidecar && c.phase === 'exited' && c.proc?.exit?.code === 0) continue;
    progress(rt, p, c, now, wake);
    probe(rt, p, c, now, wake);
    if (c.sidecar ? !c.started || c.phase !== 'running' : !(c.phase === 'exited' && c.proc?.exit?.code === 0)) return;
  }
  for (const c of p.containers) {
    progress(rt, p, c, now, wake);
    probe(rt, p, c, now, wake);
  }
}

/**
 * WaitForAttachAndMount: set up what can be set up; a failing volume retries
 * with back-off and a FailedMount event each time; after 2m3s without all
 * volumes, the pod worker reports what it is still waiting for.
 */
function mountVolumes(rt: NodeRuntime, p: PodRt, now: number, wake: (t: number) => void): boolean {
  const pod = p.pod;
  p.volumes ??= new PodVolumes(p.uid);
  if (p.volumes.waitStart === undefined) p.volumes.waitStart = now;
  const retryDue = p.volumeRetryAt === undefined || now >= p.volumeRetryAt;
  if (retryDue) {
    const r = p.volumes.setUp(pod, rt.volumeHost, now);
    if (r.ready) {
      p.volumesReadyAt = now;
      p.volumesSeenVersion = pod.metadata?.resourceVersion;
      return true;
    }
    if (r.failures.length) {
      for (const f of r.failures) rt.events.event(pod, 'Warning', 'FailedMount', f);
      const key = `${p.uid}/volumes`;
      rt.volumes.next(key, now, now);
      p.volumeRetryAt = now + rt.volumes.get(key);
    } else p.volumeRetryAt = undefined;
  }
  const deadline = p.volumes.waitStart + ATTACH_MOUNT_TIMEOUT_MS;
  if (now >= deadline) {
    rt.events.event(pod, 'Warning', 'FailedMount', `Unable to attach or mount volumes: ${p.volumes.waitReport(pod)}: timed out waiting for the condition`);
    p.volumes.waitStart = now;
  }
  wake(Math.min(p.volumeRetryAt ?? Infinity, p.volumes.waitStart + ATTACH_MOUNT_TIMEOUT_MS));
  return false;
}

/** Rewrite configMap/secret contents on the periodic sync, downward API files when the pod changed. */
function refreshVolumes(rt: NodeRuntime, p: PodRt, now: number, wake: (t: number) => void): void {
  const v = p.volumes!;
  const changed = p.pod.metadata?.resourceVersion !== p.volumesSeenVersion;
  const due = now >= v.nextRefresh;
  if (changed || due) v.refresh(p.pod, rt.volumeHost, now, due);
  p.volumesSeenVersion = p.pod.metadata?.resourceVersion;
  if (v.nextRefresh < Infinity) wake(v.nextRefresh);
}

function probe(rt: NodeRuntime, p: PodRt, c: ContainerRt, now: number, wake: (t: number) => void): void {
  if (c.phase !== 'running' || !c.proc) {
    c.ready = false;
    return;
  }
  const pod = p.pod;
  const ip = p.sandbox!.ip;
  if (!c.spec.readinessProbe) c.ready = c.started;
  for (const pr of c.probes) {
    const period = (pr.spec.periodSeconds ?? 10) * 1000;
    while (pr.next <= now && c.phase === 'running') {
      const t = pr.next;
      pr.next += period;
      if (pr.kind !== 'startup' && !c.started) continue;
      if (pr.kind === 'startup' && c.started) continue;
      const r = runProbe(pr.spec, c.spec, c.proc, t, ip);
      if (r.ok) {
        pr.successes++;
        pr.failures = 0;
        if (pr.kind === 'startup') c.started = true;
        if (pr.kind === 'readiness' && pr.successes >= (pr.spec.successThreshold ?? 1)) c.ready = true;
        continue;
      }
      pr.failures++;
      pr.successes = 0;
      rt.events.event(pod, 'Warning', 'Unhealthy', `${probeLabel[pr.kind]} probe failed: ${r.output}`, c.fieldPath);
      if (pr.failures < (pr.spec.failureThreshold ?? 3)) continue;
      if (pr.kind === 'readiness') {
        c.ready = false;
        continue;
      }
      rt.events.event(pod, 'Normal', 'Killing', `Container ${c.name} failed ${pr.kind} probe, will be restarted`, c.fieldPath);
      const grace = (pr.spec.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      c.proc.terminate(now, now + grace);
      c.ready = false;
      wake(c.proc.exit?.t ?? now);
      break;
    }
    if (c.phase === 'running') wake(pr.next);
  }
  if (!c.spec.readinessProbe) c.ready = c.started;
}

function publish(rt: NodeRuntime, p: PodRt, now: number, wake: (t: number) => void): void {
  const inputs = statusInputs(p, now);
  let terminal: boolean;
  if (p.lastStatusJson !== undefined && sameInputs(p.lastInputs, inputs)) terminal = !!p.lastTerminal;
  else {
    const built = buildStatus(p, rt.machine.internalIP, now);
    terminal = built.terminal;
    const json = JSON.stringify(built.status);
    if (json !== p.lastStatusJson && !deepEqual(built.status, p.pod.status)) {
      const r = rt.client.patch('pods', p.pod.metadata?.namespace, p.pod.metadata?.name ?? '', { status: built.status }, 'merge', 'status');
      if (!r.ok) return wake(now + 1000);
    }
    p.lastStatusJson = json;
    p.lastInputs = inputs;
    p.lastTerminal = terminal;
  }
  for (const list of [p.init, p.containers]) for (const c of list) if (c.phase === 'exited' && c.proc?.exit) c.exitReported = c.proc.exit.t;
  if (terminal) releaseSandbox(rt, p);
}

function releaseSandbox(rt: NodeRuntime, p: PodRt): void {
  if (p.sandbox && !p.sandbox.hostNetwork) rt.machine.podIPs.release(p.sandbox.ip);
  if (p.sandbox) p.sandbox = { ...p.sandbox, hostNetwork: true };
}

/** The pod object is gone (force deletion): stop everything at once. */
function teardown(rt: NodeRuntime, p: PodRt, now: number): void {
  for (const c of [...p.init, ...p.containers]) c.proc?.kill(now);
  releaseSandbox(rt, p);
  rt.crash.forget(`${p.uid}/`);
  rt.pulls.forget(`${p.uid}_`);
  rt.volumes.forget(`${p.uid}/`);
}

/** deletionTimestamp set: preStop, SIGTERM, SIGKILL at the deadline, then remove the pod object. */
function terminate(rt: NodeRuntime, p: PodRt, now: number): SyncResult {
  const pod = p.pod;
  const all = [...p.init, ...p.containers];
  if (!p.terminating) {
    const grace = (pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const deadline = now + grace;
    p.terminating = { deadline };
    for (const c of [...p.containers, ...[...p.init].reverse()]) {
      if (c.phase === 'pulling' || c.phase === 'waiting') {
        c.phase = c.proc ? 'exited' : 'waiting';
        continue;
      }
      if (c.phase !== 'running' || !c.proc || (c.proc.exit && c.proc.exit.t <= now)) continue;
      rt.events.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.fieldPath);
      let termAt = now;
      const pre = c.spec.lifecycle?.preStop;
      if (pre?.exec) {
        const r = execIn(c.proc, pre.exec.command ?? [], now);
        if (r.ok) termAt = Math.min(deadline, now + r.elapsedMs);
        if (!r.ok || r.exitCode !== 0) rt.events.event(pod, 'Warning', 'FailedPreStopHook', `PreStopHook failed`, c.fieldPath);
      } else if (pre?.sleep) termAt = Math.min(deadline, now + pre.sleep.seconds * 1000);
      c.proc.terminate(termAt, deadline);
    }
  }
  let last = now;
  for (const c of all) {
    if (c.phase === 'running' && c.proc?.exit) {
      if (c.proc.exit.t <= now) {
        c.phase = 'exited';
        c.ready = false;
      } else last = Math.max(last, c.proc.exit.t);
    }
  }
  if (last > now) {
    publish(rt, p, now, () => {});
    return { wakeAt: last };
  }
  for (const c of all) c.inBackoff = false;
  publish(rt, p, now, () => {});
  releaseSandbox(rt, p);
  const r = rt.client.delete('pods', pod.metadata?.namespace, pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: p.uid } });
  if (!r.ok && r.status.reason !== 'NotFound' && r.status.reason !== 'Conflict') return { wakeAt: now + 1000 };
  return { wakeAt: Infinity, forget: true };
}

export { finished, willRestart };
