/**
 * Checking goals: predicates over cluster state, read through the API
 * server's read path (without tracing the grader's own reads, so the learner's
 * trace shows only what they and the components did). Only the fields a goal
 * names are compared — never the text the learner typed.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { KList, KObject } from '../cluster/api/types.js';
import { getPath, deepEqual } from '../cluster/api/paths.js';
import { matchesLabels, parseLabelSelector } from '../cluster/api/selectors.js';
import type { ObjectTest, Predicate, Selection } from './types.js';
import { request as trafficRequest, podClient } from '../cluster/services/traffic.js';
import type { Pod } from 'kubernetes-types/core/v1.js';

export interface CheckContext {
  cluster: Cluster;
  /** Events and trace entries count only from this moment (the step's start). */
  sinceTime: number;
  sinceTraceSeq: number;
}

export function select(cluster: Cluster, s: Selection): KObject[] {
  const def = cluster.registry.resolve(s.kind);
  if (!def) return [];
  const ns = def.namespaced ? s.namespace : undefined;
  if (s.name) {
    const r = cluster.api.get(def, ns ?? 'default', s.name);
    return r.ok ? [r.object] : [];
  }
  const r = cluster.api.list(def, ns, { verb: 'list', group: def.group, resource: def.plural, options: { labelSelector: s.selector, fieldSelector: s.fieldSelector } });
  return r.ok ? (r.object as unknown as KList).items : [];
}

/** kubectl's STATUS word for a pod, for `status:` tests (Running, Pending, CrashLoopBackOff, Terminating, Completed…). */
export function podStatus(pod: KObject): string {
  const st = (pod.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: { state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } }[]; initContainerStatuses?: unknown[] };
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason = st.reason ?? st.phase ?? 'Unknown';
  for (const c of st.containerStatuses ?? []) {
    const w = c.state?.waiting?.reason;
    const t = c.state?.terminated?.reason;
    if (w) reason = w;
    else if (t) reason = t;
  }
  return reason;
}

function isReady(o: KObject): boolean {
  const conds = (getPath(o, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function testObject(cluster: Cluster, o: KObject, t: ObjectTest, sinceTime = 0): boolean {
  if ('path' in t) {
    const v = getPath(o, t.path);
    if ('equals' in t) return deepEqual(v, t.equals) || (typeof t.equals !== 'string' && String(v) === String(t.equals) && v !== undefined) || (typeof v === 'number' && String(v) === t.equals);
    if ('matches' in t) return v !== undefined && new RegExp(t.matches).test(typeof v === 'string' ? v : JSON.stringify(v));
    if ('exists' in t) return (v !== undefined && v !== null) === t.exists;
    if ('atLeast' in t) return typeof v === 'number' && v >= t.atLeast;
    if ('atMost' in t) return typeof v === 'number' && v <= t.atMost;
  }
  if ('fresh' in t) return (Date.parse(o.metadata?.creationTimestamp ?? '') >= sinceTime) === t.fresh;
  if ('phase' in t) return getPath(o, 'status.phase') === t.phase;
  if ('ready' in t) return isReady(o) === t.ready;
  if ('status' in t) return podStatus(o) === t.status;
  if ('condition' in t) {
    const conds = (getPath(o, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
    return conds.some((c) => c.type === t.condition.type && c.status === t.condition.status);
  }
  if ('hasTaint' in t) {
    const taints = (getPath(o, 'spec.taints') as { key: string; value?: string; effect: string }[] | undefined) ?? [];
    return taints.some((x) => (t.hasTaint.key === undefined || x.key === t.hasTaint.key) && (t.hasTaint.value === undefined || x.value === t.hasTaint.value) && (t.hasTaint.effect === undefined || x.effect === t.hasTaint.effect));
  }
  if ('onNodeWith' in t) {
    const nodeName = getPath(o, 'spec.nodeName') as string | undefined;
    if (!nodeName) return false;
    const sel = parseLabelSelector(t.onNodeWith);
    const node = cluster.store.get(`/registry/minions/${nodeName}`)?.value;
    return !!node && sel.ok && matchesLabels(sel.value, node.metadata?.labels);
  }
  if ('allOf' in t) return t.allOf.every((x) => testObject(cluster, o, x, sinceTime));
  if ('anyOf' in t) return t.anyOf.some((x) => testObject(cluster, o, x, sinceTime));
  if ('noneOf' in t) return !t.noneOf.some((x) => testObject(cluster, o, x, sinceTime));
  return false;
}

export function check(ctx: CheckContext, p: Predicate): boolean {
  const { cluster } = ctx;
  if ('exists' in p) return select(cluster, p.exists).length > 0;
  if ('absent' in p) return select(cluster, p.absent).length === 0;
  if ('count' in p) {
    const c = p.count;
    const n = select(cluster, c).filter((o) => !c.where || testObject(cluster, o, c.where, ctx.sinceTime)).length;
    if (c.equals !== undefined && n !== c.equals) return false;
    if (c.atLeast !== undefined && n < c.atLeast) return false;
    if (c.atMost !== undefined && n > c.atMost) return false;
    return true;
  }
  if ('every' in p) {
    const objs = select(cluster, p.every);
    return objs.length > 0 && objs.every((o) => testObject(cluster, o, p.every.where, ctx.sinceTime));
  }
  if ('some' in p) return select(cluster, p.some).some((o) => testObject(cluster, o, p.some.where, ctx.sinceTime));
  if ('event' in p) {
    const e = p.event;
    const events = select(cluster, { kind: 'events', namespace: e.namespace });
    return events.some((ev) => {
      const last = Date.parse(String(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp ?? ''));
      if (!(last >= ctx.sinceTime)) return false;
      const io = (ev.involvedObject ?? {}) as { kind?: string; name?: string };
      if (ev.reason !== e.reason) return false;
      if (e.kind && io.kind !== e.kind) return false;
      if (e.name && io.name !== e.name) return false;
      if (e.namePrefix && !(io.name ?? '').startsWith(e.namePrefix)) return false;
      if (e.type && ev.type !== e.type) return false;
      if (e.message && !new RegExp(e.message).test(String(ev.message ?? ''))) return false;
      return true;
    });
  }
  if ('trace' in p) {
    const t = p.trace;
    return cluster.trace.since(ctx.sinceTraceSeq).some((e) => {
      if (t.component && e.component !== t.component) return false;
      if (e.type === 'note') return !t.verb && !t.resource && (!t.message || new RegExp(t.message).test(e.message)) && (!t.name || (e.refs ?? []).some((r) => r.endsWith(`/${t.name}`)));
      if (t.verb && e.verb !== t.verb) return false;
      if (t.resource && e.resource !== t.resource) return false;
      if (t.subresource !== undefined && (e.subresource ?? '') !== t.subresource) return false;
      if (t.namespace !== undefined && (e.namespace ?? '') !== t.namespace) return false;
      if (t.name && e.name !== t.name) return false;
      if (t.message) return false;
      return e.code < 400;
    });
  }
  if ('request' in p) {
    // Does traffic work right now? (A probe the learner doesn't see in the trace.)
    const r = p.request;
    const ns = r.namespace ?? 'default';
    const client = r.fromPod
      ? (() => {
          const pod = cluster.store.get(`/registry/pods/${ns}/${r.fromPod}`)?.value as Pod | undefined;
          return pod ? podClient(pod) : undefined;
        })()
      : { kind: 'internet' as const, ip: '203.0.113.50', namespace: ns };
    if (!client) return false;
    const res = trafficRequest(cluster, client, r.url, r.host ? { Host: r.host } : {}, { quiet: true });
    if (!res.ok) return false;
    if (r.status !== undefined && res.response.status !== r.status) return false;
    return !r.bodyMatches || new RegExp(r.bodyMatches).test(res.response.body);
  }
  if ('file' in p) {
    // Read through the node's kubelet as `kubectl exec … cat` would (not traced: the grader's own look).
    const f = p.file;
    const ns = f.namespace ?? 'default';
    const pod = cluster.store.get(`/registry/pods/${ns}/${f.pod}`)?.value as Pod | undefined;
    if (!pod || pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return false;
    const kubelet = cluster.api.kubeletFor(pod.spec?.nodeName ?? '');
    const r = kubelet?.exec(ns, f.pod, f.container ? { container: f.container } : {}, ['cat', f.path]);
    if (!r?.ok) return false;
    if (f.absent) return r.exitCode !== 0;
    return r.exitCode === 0 && (!f.matches || new RegExp(f.matches).test(r.stdout));
  }
  if ('all' in p) return p.all.every((x) => check(ctx, x));
  if ('any' in p) return p.any.some((x) => check(ctx, x));
  if ('not' in p) return !check(ctx, p.not);
  return false;
}
