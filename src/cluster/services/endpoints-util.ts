/** Shared by the EndpointSlice and Endpoints controllers: which pods back a Service, on which ports. */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import { deepEqual } from '../api/paths.js';

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
  const out: EndpointInfo[] = [];
  for (const pod of pods) {
    if (!selects(svc, pod)) continue;
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

type Svc = Service & KObject;
type P = Pod & KObject;

const SEP = '\u0000';
const NO_LABELS: Record<string, string> = {};

/** Index value of one label pair in one namespace. */
function pairKey(ns: string | undefined, k: string, v: string): string {
  return `${ns ?? ''}${SEP}${k}${SEP}${v}`;
}

/** Index function: a Service under its first selector pair (every pod it selects carries that pair). */
function serviceFirstPair(s: Service): string[] {
  const sel = s.spec?.selector;
  if (!sel) return [];
  let first: string | undefined;
  for (const k of Object.keys(sel)) if (first === undefined || k < first) first = k;
  return first === undefined ? [] : [pairKey(s.metadata?.namespace, first, sel[first]!)];
}

/** Index function: a pod under each of its label pairs. */
function podPairs(p: Pod): string[] {
  const labels = p.metadata?.labels;
  if (!labels) return [];
  const out: string[] = [];
  for (const k in labels) out.push(pairKey(p.metadata?.namespace, k, labels[k]!));
  return out;
}

/**
 * Could this pod change alter any Service's endpoints? As upstream's
 * podEndpointsChanged: labels, deletion, readiness, IP, plus what endpointsFor
 * reads here (phase leaving the running set, node name).
 */
export function podEndpointsChanged(old: Pod, cur: Pod): boolean {
  if (!deepEqual(old.metadata?.labels ?? NO_LABELS, cur.metadata?.labels ?? NO_LABELS)) return true;
  if (!!old.metadata?.deletionTimestamp !== !!cur.metadata?.deletionTimestamp) return true;
  if (podReady(old) !== podReady(cur)) return true;
  if (old.status?.podIP !== cur.status?.podIP) return true;
  if (old.spec?.nodeName !== cur.spec?.nodeName) return true;
  const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  return terminal(old) !== terminal(cur);
}

/**
 * Services ↔ pods through indexes on the shared informers, so a pod event
 * looks at the few Services that can select it and a sync at the pods that
 * carry the Service's selector, never at every object.
 */
export class ServicePods {
  /** Each Service's position in the informer's cache order (which `list()` returns). */
  private order = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly services: Informer<Svc>,
    private readonly pods: Informer<P>,
  ) {
    services.addIndex('selector-first-pair', serviceFirstPair);
    pods.addIndex('label-pair', podPairs);
    services.on((type, s) => {
      const k = objKey(s);
      if (type === 'DELETED') this.order.delete(k);
      else if (!this.order.has(k)) this.order.set(k, this.seq++);
    });
  }

  /** Keys of the Services that select `pod`, in the informer's order. */
  private selecting(pod: Pod, out: Svc[]): void {
    const labels = pod.metadata?.labels;
    if (!labels) return;
    const found: Svc[] = [];
    for (const k in labels) for (const s of this.services.byIndex('selector-first-pair', pairKey(pod.metadata?.namespace, k, labels[k]!))) if (selects(s, pod)) found.push(s);
    if (found.length > 1) found.sort((a, b) => (this.order.get(objKey(a)) ?? 0) - (this.order.get(objKey(b)) ?? 0));
    out.push(...found);
  }

  /** The Services a pod event concerns (new state's, then the old state's), or none when nothing endpoints show changed. */
  servicesFor(type: string, pod: Pod, old?: Pod): string[] {
    if (type === 'MODIFIED' && old && !podEndpointsChanged(old, pod)) return [];
    const found: Svc[] = [];
    this.selecting(pod, found);
    if (old && !deepEqual(old.metadata?.labels ?? NO_LABELS, pod.metadata?.labels ?? NO_LABELS)) this.selecting(old, found);
    return found.map(objKey);
  }

  /** The pods that can back a Service (those carrying its first selector pair; endpointsFor checks the rest). */
  candidates(svc: Service): P[] {
    const pair = serviceFirstPair(svc)[0];
    return pair === undefined ? [] : this.pods.byIndex('label-pair', pair);
  }
}
