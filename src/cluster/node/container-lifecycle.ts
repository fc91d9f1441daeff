/**
 * One container through the runtime: image check and pull (with pull
 * back-off), config (env, volumes), create and start, exit, and restart with
 * CrashLoopBackOff. Each step records the kubelet's events with upstream
 * reasons and texts; `progress` returns when it needs to look again.
 */
import { resolveImage } from '../images/catalogue.js';
import { ContainerProcess } from './process.js';
import { containerEnv } from './container-config.js';
import { newProbes } from './probes.js';
import { goDuration } from './formats.js';
import { podDesc, type ContainerRt, type KPod, type NodeRuntime, type PodRt } from './pod-runtime.js';

/** How far ahead a container's program is simulated (its exit or OOM is then known in advance). */
const LOOKAHEAD_MS = 15 * 60_000;

export type Wake = (at: number) => void;

/** Will this exited container be started again? */
export function willRestart(c: ContainerRt, pod: KPod): boolean {
  const code = c.proc?.exit?.code ?? 0;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (c.sidecar) return true;
  if (c.init) return policy !== 'Never' && code !== 0;
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
}

/** Has the container reached a final state for this pod (done, no restart coming)? */
export function finished(c: ContainerRt, pod: KPod): boolean {
  return c.phase === 'exited' && !willRestart(c, pod);
}

export function progress(rt: NodeRuntime, p: PodRt, c: ContainerRt, now: number, wake: Wake): void {
  const pod = p.pod;
  if (c.phase === 'running') {
    const proc = c.proc!;
    proc.advance(now + LOOKAHEAD_MS);
    if (proc.exit && proc.exit.t <= now) {
      c.phase = 'exited';
      c.inBackoff = false;
    } else {
      wake(proc.nextEventAt());
      return;
    }
  }
  if (c.phase === 'exited') {
    const exit = c.proc!.exit!;
    if (!willRestart(c, pod)) return;
    if (c.exitReported !== exit.t) {
      // Report the termination first; the restart comes with the next sync.
      wake(now);
      return;
    }
    const key = `${p.uid}/${c.name}`;
    if (rt.crash.inBackoffSince(key, exit.t, now)) {
      const delay = rt.crash.get(key);
      c.inBackoff = true;
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${podDesc(pod)}` };
      if (c.backoffEventFor !== exit.t) {
        c.backoffEventFor = exit.t;
        rt.events.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDesc(pod)}`, c.fieldPath);
      }
      wake(exit.t + delay);
      return;
    }
    rt.crash.next(key, exit.t, now);
    c.inBackoff = false;
    c.waiting = { reason: c.init ? 'PodInitializing' : 'ContainerCreating' };
    c.prev = c.proc;
    c.prevContainerID = c.containerID;
    c.proc = undefined;
    c.containerID = undefined;
    c.restartCount++;
    c.phase = 'waiting';
    c.ready = false;
    c.started = false;
    c.probes = [];
  }
  if (c.phase === 'waiting') {
    if (c.retryAt !== undefined && now < c.retryAt) {
      wake(c.retryAt);
      return;
    }
    c.retryAt = undefined;
    startImage(rt, p, c, now, wake);
    return;
  }
  if (c.phase === 'pulling') {
    const pull = c.pull!;
    if (now < pull.end) {
      wake(pull.end);
      return;
    }
    c.pull = undefined;
    const image = c.spec.image ?? '';
    if (pull.error !== undefined || !c.image) {
      const text = pull.error ?? '';
      rt.events.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${text}`, c.fieldPath);
      rt.events.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.fieldPath);
      rt.pulls.next(`${p.uid}_${image}`, now, now);
      c.phase = 'waiting';
      c.waiting = { reason: 'ErrImagePull', message: text };
      // The pod worker's next sync shows the back-off.
      wake(now + 1000);
      return;
    }
    rt.images.add(c.image);
    rt.events.event(
      pod,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${goDuration(pull.end - pull.start)} (${goDuration(pull.end - pull.requested)} including waiting). Image size: ${c.image.info.size} bytes.`,
      c.fieldPath,
    );
    createAndStart(rt, p, c, now, wake);
  }
}

function startImage(rt: NodeRuntime, p: PodRt, c: ContainerRt, now: number, wake: Wake): void {
  const pod = p.pod;
  const image = c.spec.image ?? '';
  const r = resolveImage(image);
  if (!r.ok && r.invalid) {
    if (c.waiting.reason !== 'InvalidImageName') {
      rt.events.event(pod, 'Warning', 'InspectFailed', `Failed to apply default image tag "${image}": ${r.invalid}`, c.fieldPath);
      rt.events.event(pod, 'Warning', 'Failed', 'Error: InvalidImageName', c.fieldPath);
    }
    c.waiting = { reason: 'InvalidImageName', message: `Failed to apply default image tag "${image}": ${r.invalid}` };
    return;
  }
  if (r.ok) c.image = r.image;
  const present = r.ok && rt.images.has(r.image);
  const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
  if (policy === 'Never' && !present) {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    if (c.waiting.reason !== 'ErrImageNeverPull') {
      rt.events.event(pod, 'Warning', 'ErrImageNeverPull', msg, c.fieldPath);
      rt.events.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c.fieldPath);
    }
    c.waiting = { reason: 'ErrImageNeverPull', message: msg };
    return;
  }
  if (present && policy !== 'Always') {
    const tail = rt.minor >= 35 ? ' and can be accessed by the pod' : '';
    rt.events.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine${tail}`, c.fieldPath);
    createAndStart(rt, p, c, now, wake);
    return;
  }
  const key = `${p.uid}_${image}`;
  if (rt.pulls.inBackoffSinceUpdate(key, now)) {
    const until = rt.pulls.lastUpdate(key) + rt.pulls.get(key);
    c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
    if (c.pullBackoffEventFor !== until) {
      c.pullBackoffEventFor = until;
      rt.events.event(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.fieldPath);
      rt.events.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.fieldPath);
    }
    wake(until);
    return;
  }
  rt.events.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, c.fieldPath);
  const slot = rt.images.schedulePull(now, r.ok ? r.image : undefined, present);
  c.pull = { requested: now, ...slot, error: r.ok ? undefined : `rpc error: code = ${r.error!.code} desc = ${r.error!.message}` };
  c.phase = 'pulling';
  if (c.waiting.reason !== 'ImagePullBackOff' && c.waiting.reason !== 'ErrImagePull') c.waiting = { reason: c.init ? 'PodInitializing' : 'ContainerCreating' };
  wake(slot.end);
}

/** Kubernetes command/args over the image's ENTRYPOINT/CMD, with $(VAR) references expanded. */
export function containerArgv(c: ContainerRt, env: [string, string][]): string[] {
  const img = c.image!.spec;
  const spec = c.spec;
  const expand = (s: string) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, k: string) => env.find(([x]) => x === k)?.[1] ?? all);
  let argv: string[];
  if (spec.command?.length) argv = [...spec.command, ...(spec.args ?? [])];
  else if (spec.args?.length) argv = [...(img.entrypoint ?? []), ...spec.args];
  else argv = [...(img.entrypoint ?? []), ...(img.cmd ?? [])];
  return argv.map(expand);
}

function quantityMi(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(String(q));
  if (!m) return undefined;
  const n = Number(m[1]);
  const f: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576, m: 1e-3 / 1048576, '': 1 / 1048576 };
  return n * f[m[2] ?? '']!;
}

export function cpuMilli(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

function createAndStart(rt: NodeRuntime, p: PodRt, c: ContainerRt, now: number, wake: Wake): void {
  const pod = p.pod;
  const sb = p.sandbox!;
  const cfg = rt.config();
  const env = containerEnv(pod, c.spec, cfg, sb.ip, rt.machine.internalIP);
  const err = 'error' in env ? env.error : undefined;
  if (err !== undefined || !('env' in env)) {
    rt.events.event(pod, 'Warning', 'Failed', `Error: ${err}`, c.fieldPath);
    c.phase = 'waiting';
    c.waiting = { reason: 'CreateContainerConfigError', message: err };
    c.retryAt = now + 10_000;
    wake(c.retryAt);
    return;
  }
  const img = c.image!;
  const allEnv: [string, string][] = [...(img.spec.env ?? []).map(([k, v]) => [k, v.replace('{{version}}', img.info.version ?? img.tag)] as [string, string]), ...env.env];
  const id = rt.newId();
  const proc = new ContainerProcess({
    image: img,
    argv: containerArgv(c, allEnv),
    env: allEnv,
    files: { ...(img.spec.files ?? {}), '/etc/hostname': `${pod.metadata?.name}\n` },
    mounts: p.volumes?.mounts(c.spec, allEnv, now) ?? [],
    hostname: sb.hostNetwork ? rt.nodeName : (pod.metadata?.name ?? ''),
    podIP: sb.ip,
    hostIP: rt.machine.internalIP,
    kernel: rt.machine.nodeInfo.kernelVersion,
    start: now,
    memoryLimitMi: quantityMi(c.spec.resources?.limits?.memory),
    cpuLimitMilli: cpuMilli(c.spec.resources?.limits?.cpu),
  });
  c.proc = proc;
  c.containerID = `containerd://${id}`;
  if (proc.exit?.reason === 'StartError') {
    rt.events.event(pod, 'Normal', 'Created', createdText(rt, c.name), c.fieldPath);
    rt.events.event(pod, 'Warning', 'Failed', `Error: ${proc.exit.message}`, c.fieldPath);
    c.phase = 'exited';
    wake(now);
    return;
  }
  rt.events.event(pod, 'Normal', 'Created', createdText(rt, c.name), c.fieldPath);
  rt.events.event(pod, 'Normal', 'Started', rt.minor >= 35 ? 'Container started' : `Started container ${c.name}`, c.fieldPath);
  c.phase = 'running';
  c.probes = newProbes(c.spec, now);
  c.started = !c.spec.startupProbe;
  c.ready = false;
  proc.advance(now + LOOKAHEAD_MS);
  if (proc.exit && proc.exit.t <= now) c.phase = 'exited';
  wake(Math.min(proc.nextEventAt(), ...c.probes.map((pr) => pr.next)));
}

function createdText(rt: NodeRuntime, name: string): string {
  if (rt.minor >= 35) return 'Container created';
  if (rt.minor >= 33) return `Created container: ${name}`;
  return `Created container ${name}`;
}
