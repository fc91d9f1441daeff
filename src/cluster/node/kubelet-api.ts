/**
 * The kubelet's API the API server proxies to: container logs (current and
 * previous instance, tail, since, timestamps) and exec, with the upstream
 * error texts for containers that haven't started or don't exist.
 */
import type { KubeletConnection } from '../api/server.js';
import type { Status } from '../api/types.js';
import { rfc3339Nano } from './formats.js';
import { execIn } from './exec.js';
import type { ContainerRt, PodRt } from './pod-runtime.js';

function status(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
const bad = (message: string) => status(400, 'BadRequest', message);

export interface KubeletView {
  pod(namespace: string, name: string): PodRt | undefined;
  now(): number;
  /** The machine is down (stop()): the API server can't reach it. */
  down(): boolean;
  nodeIP: string;
  newId(): string;
}

function pickContainer(p: PodRt, name: string | undefined): ContainerRt | Status {
  const podName = p.pod.metadata?.name ?? '';
  const all = [...p.containers, ...p.init];
  if (!name) {
    if (p.containers.length === 1) return p.containers[0]!;
    const inits = p.init.length ? ` or one of the init containers: [${p.init.map((c) => c.name).join(' ')}]` : '';
    return bad(`a container name must be specified for pod ${podName}, choose one of: [${p.containers.map((c) => c.name).join(' ')}]${inits}`);
  }
  const c = all.find((x) => x.name === name);
  if (!c) return bad(`container ${name} is not valid for pod ${podName}`);
  return c;
}

export function kubeletConnection(view: KubeletView): KubeletConnection {
  const unreachable = (path: string) => status(500, 'InternalError', `Get "https://${view.nodeIP}:10250/${path}": dial tcp ${view.nodeIP}:10250: i/o timeout`);
  return {
    logs(namespace, name, params) {
      if (view.down()) return { ok: false, status: unreachable(`containerLogs/${namespace}/${name}/${params.container ?? ''}`) };
      const p = view.pod(namespace, name);
      if (!p) return { ok: false, status: bad(`container "${params.container ?? ''}" in pod "${name}" is waiting to start: ContainerCreating`) };
      const c = pickContainer(p, params.container);
      if ('kind' in c) return { ok: false, status: c };
      const previous = params.previous === 'true';
      const proc = previous ? c.prev : (c.proc ?? undefined);
      if (!proc) {
        if (previous) return { ok: false, status: bad(`previous terminated container "${c.name}" in pod "${name}" not found`) };
        const why = c.waiting.reason === 'ErrImagePull' || c.waiting.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : c.waiting.reason;
        return { ok: false, status: bad(`container "${c.name}" in pod "${name}" is waiting to start: ${why}`) };
      }
      const now = view.now();
      let lines = proc.linesUntil(now);
      const since = params.sinceSeconds !== undefined ? now - Number(params.sinceSeconds) * 1000 : params.sinceTime ? Date.parse(params.sinceTime) : undefined;
      if (since !== undefined && Number.isFinite(since)) lines = lines.filter((l) => l.t >= since);
      if (params.tailLines !== undefined) {
        const n = Number(params.tailLines);
        if (Number.isFinite(n) && n >= 0) lines = n === 0 ? [] : lines.slice(-n);
      }
      const ts = params.timestamps === 'true';
      let text = lines.map((l, i) => `${ts ? `${rfc3339Nano(l.t, (i * 7919) % 1_000_000)} ` : ''}${l.text}\n`).join('');
      if (params.limitBytes !== undefined) text = text.slice(0, Number(params.limitBytes));
      return { ok: true, text };
    },
    exec(namespace, name, params, command, stdin, tools) {
      if (view.down()) return { ok: false, status: unreachable(`exec/${namespace}/${name}/${params.container ?? ''}`) };
      const p = view.pod(namespace, name);
      const c = p ? pickContainer(p, params.container) : undefined;
      if (c && 'kind' in c) return { ok: false, status: c };
      const cname = c?.name ?? params.container ?? '';
      if (!c || c.phase !== 'running' || !c.proc) return { ok: false, status: bad(`container not found ("${cname}")`) };
      const r = execIn(c.proc, command, view.now(), stdin, tools);
      if (!r.ok) return { ok: false, status: status(500, 'InternalError', `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${view.newId()}": ${r.message}`) };
      return { ok: true, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
  };
}
