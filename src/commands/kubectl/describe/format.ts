/** Pieces every describer shares: times, labels, annotations, tolerations, taints, events, quantities. */
import type { KObject } from '../../../cluster/api/types.js';
import { humanDuration } from '../../../cluster/api/table.js';
import type { PrefixWriter } from './writer.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(ts: unknown): string {
  const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
  const d = new Date(Number.isNaN(t) ? -62135596800000 : t);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, '0')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

export function since(ts: unknown, now: number): string {
  const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

export function get(o: unknown, ...path: string[]): any {
  let cur: any = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

export function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION = 140;

export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION - 2 ? `${s.slice(0, MAX_ANNOTATION - 2)}...` : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const ts = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (ts.length === 0) {
    w.line('<none>');
    return;
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

export function taintsMultiline(w: PrefixWriter, title: string, taints: { key: string; value?: string; effect: string }[] | undefined): void {
  w.write(0, `${title}:\t`);
  const ts = taints ?? [];
  if (ts.length === 0) {
    w.line('<none>');
    return;
  }
  const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
  const sorted = [...ts].sort((a, b) => effects.indexOf(a.effect) - effects.indexOf(b.effect));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

/** The Events table (`Type Reason Age From Message`), oldest last-seen first. */
export function describeEvents(w: PrefixWriter, events: KObject[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const ts = (e: KObject) => Date.parse(String(get(e, 'lastTimestamp') ?? get(e, 'eventTime') ?? '')) || 0;
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => ts(a.e) - ts(b.e) || a.i - b.i);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const { e } of sorted) {
    const first = get(e, 'eventTime') ? since(get(e, 'eventTime'), now) : since(get(e, 'firstTimestamp'), now);
    const series = get(e, 'series');
    const count = Number(get(e, 'count') ?? 0);
    const interval = series ? `${since(series.lastObservedTime, now)} (x${series.count} over ${first})` : count > 1 ? `${since(get(e, 'lastTimestamp'), now)} (x${count} over ${first})` : first;
    const source = get(e, 'source', 'component') || get(e, 'reportingComponent') || '';
    w.write(1, `${get(e, 'type') ?? ''}\t${get(e, 'reason') ?? ''}\t${interval}\t${source}\t${String(get(e, 'message') ?? '').trim()}\n`);
  }
}

export function controllerOf(o: KObject): string {
  const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export const boolText = (b: unknown) => (b ? 'True' : 'False');
export const orNone = (s: string | undefined | null) => (s ? s : '<none>');
