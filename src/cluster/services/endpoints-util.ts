/** Shared by the EndpointSlice and Endpoints controllers: which pods back a Service, on which ports. */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { fromLabelSelector, matchesLabels } from '../api/selectors.js';

export interface EndpointInfo {
  pod: Pod;
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
}

export function podReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Does the Service's selector pick this pod (same namespace, every label)? Selector-less Services pick nothing. */
export function selects(svc: Service, pod: { metadata?: { namespace?: string; labels?: Record<string, string> } }): boolean {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0 || pod.metadata?.namespace !== svc.metadata?.namespace) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

/** The pods a Service selects that have an IP (unscheduled or sandbox-less pods are left out, as upstream). */
export function endpointsFor(svc: Service, pods: Pod[]): EndpointInfo[] {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  const req = fromLabelSelector({ matchLabels: sel });
  const out: EndpointInfo[] = [];
  for (const pod of pods) {
    if (pod.metadata?.namespace !== svc.metadata?.namespace) continue;
    if (!matchesLabels(req, pod.metadata?.labels)) continue;
    const ip = pod.status?.podIP;
    if (!ip) continue;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const terminating = !!pod.metadata?.deletionTimestamp;
    const ready = podReady(pod);
    const publish = !!svc.spec?.publishNotReadyAddresses;
    out.push({ pod, ip, ready: publish || (ready && !terminating), serving: publish || ready, terminating, nodeName: pod.spec?.nodeName });
  }
  return out.sort((a, b) => (a.pod.metadata!.name! < b.pod.metadata!.name! ? -1 : 1));
}

/** A Service port's target on one pod: a number, or a named container port (undefined when the pod has none by that name). */
export function targetPortOn(sp: ServicePort, pod: Pod): number | undefined {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === t && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}
