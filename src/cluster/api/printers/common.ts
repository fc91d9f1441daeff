/**
 * Shared pieces of the server-side printers: column definitions with
 * upstream's descriptions, AGE, label and selector formatting, container
 * cells. Cells are what kube-apiserver puts in a Table (it always prints
 * with Wide on; kubectl hides priority-1 columns itself).
 */
import type { KObject } from '../types.js';
import type { PrintOptions } from '../resource.js';
import { column, humanDuration, partialMetadata, type Table, type TableColumn } from '../table.js';

export type Cell = string | number | boolean;
export type Printer = (objs: KObject[], opts: PrintOptions) => Table;

const DOC = {
  name: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  age: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

export const nameCol = (): TableColumn => column('Name', { format: 'name', description: DOC.name });
export const ageCol = (): TableColumn => column('Age', { description: DOC.age });
export const col = (name: string, description = '', type: TableColumn['type'] = 'string'): TableColumn => column(name, { type, description });
export const wideCol = (name: string, description = '', type: TableColumn['type'] = 'string'): TableColumn => column(name, { type, description, priority: 1 });

export const containersCol = () => wideCol('Containers', 'Names of each container in the template.');
export const imagesCol = () => wideCol('Images', 'Images referenced by each container in the template.');

/** A printer from column definitions and a row function. */
export function printer(columns: () => TableColumn[], row: (o: KObject, now: number) => Cell[]): Printer {
  return (objs, opts) => ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: columns(),
    rows: objs.map((o) => ({ cells: row(o, opts.now), object: partialMetadata(o) })),
  });
}

/** Milliseconds of an RFC 3339 time, or undefined. */
export function timeOf(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** translateTimestampSince: `<unknown>` for a zero time. */
export function since(ts: unknown, now: number): string {
  const t = timeOf(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

export function ageOf(o: KObject, now: number): string {
  return since(o.metadata?.creationTimestamp, now);
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** labels.Selector.String() of a metav1.LabelSelector ('' for nil or empty). */
export function selectorString(sel: LabelSelectorLike | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator} (${vals})`;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: `<none>` when empty. */
export function formatSelector(sel: LabelSelectorLike | undefined | null): string {
  return selectorString(sel) || '<none>';
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: names and images, comma separated. */
export function containerCells(containers: ContainerLike[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** Read nested fields without type noise: `get(o, 'spec', 'replicas')`. */
export function get(o: unknown, ...path: string[]): any {
  let cur: any = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** `a,b,c + 2 more...` lists as upstream prints endpoints and hosts. */
export function listWithMore(list: string[], count: number, max: number, empty: string): string {
  const ret = list.slice(0, max).join(',');
  if (count > max) return `${ret} + ${count - max} more...`;
  return ret === '' ? empty : ret;
}
