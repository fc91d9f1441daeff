/**
 * Liveness, readiness and startup probes with upstream defaults (period 10 s,
 * timeout 1 s, failure threshold 3, success threshold 1) and upstream output
 * texts, evaluated against the simulated container at each probe time.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1.js';
import type { ContainerProcess } from './process.js';
import { execProbe } from './exec.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeState {
  kind: ProbeKind;
  spec: Probe;
  next: number;
  successes: number;
  failures: number;
}

export function newProbes(c: Container, startedAt: number): ProbeState[] {
  const out: ProbeState[] = [];
  const add = (kind: ProbeKind, spec: Probe | undefined) => {
    if (spec) out.push({ kind, spec, next: startedAt + (spec.initialDelaySeconds ?? 0) * 1000, successes: 0, failures: 0 });
  };
  add('startup', c.startupProbe);
  add('liveness', c.livenessProbe);
  add('readiness', c.readinessProbe);
  return out;
}

function portOf(c: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

/** Run one probe at time t: success (output ''), or the failure output as the kubelet reports it. */
export function runProbe(spec: Probe, c: Container, proc: ContainerProcess, t: number, podIP: string): { ok: boolean; output: string } {
  const up = !proc.exit || proc.exit.t > t;
  if (spec.exec) {
    const r = execProbe(proc, spec.exec.command ?? [], t);
    if (!r.ok) return { ok: false, output: r.message };
    if (r.exitCode === 0) return { ok: true, output: '' };
    const out = r.output.replace(/\n$/, '');
    return { ok: false, output: out || `command ${JSON.stringify((spec.exec.command ?? []).join(' '))} exited with ${r.exitCode}` };
  }
  if (spec.httpGet) {
    const port = portOf(c, spec.httpGet.port);
    const host = spec.httpGet.host ?? podIP;
    const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = spec.httpGet.path ?? '/';
    const url = `${scheme}://${host}:${port ?? 0}${path}`;
    if (!up || port === undefined || !proc.ports.includes(port) || t < proc.readyAt) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port ?? 0}: connect: connection refused` };
    const p = proc.program;
    let status = p?.http?.[path] ?? p?.defaultHttpStatus ?? 200;
    if (p?.httpFailsAfter && t >= proc.start + p.httpFailsAfter.afterMs) status = p.httpFailsAfter.status;
    if (status >= 200 && status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${status}` };
  }
  const port = portOf(c, spec.tcpSocket?.port ?? spec.grpc?.port);
  const host = spec.tcpSocket?.host ?? podIP;
  if (!up || port === undefined || !proc.ports.includes(port) || t < proc.readyAt) return { ok: false, output: `dial tcp ${host}:${port ?? 0}: connect: connection refused` };
  return { ok: true, output: '' };
}

export const probeLabel: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };
