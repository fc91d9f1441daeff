/** meta.k8s.io/v1 Table: what `kubectl get` prints, built by the server. */
import type { KObject } from './types.js';

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: (string | number | boolean)[];
  object: KObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumn[];
  rows: TableRow[];
}

export function column(name: string, opts: Partial<Omit<TableColumn, 'name'>> = {}): TableColumn {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description: opts.description ?? '', priority: opts.priority ?? 0 };
}

export const nameColumn = (): TableColumn => column('Name', { format: 'name', description: 'Name must be unique within a namespace.' });

/** `rows[].object` as upstream sends by default: PartialObjectMetadata. */
export function partialMetadata(obj: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

/** kubectl's duration format for AGE (k8s.io/apimachinery/pkg/util/duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** AGE of an object at `now`, from its creationTimestamp. */
export function age(obj: KObject, now: number): string {
  const ts = obj.metadata?.creationTimestamp;
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

/** The generic Table for kinds without a printer: Name and Created At. */
export function defaultTable(objs: KObject[]): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [nameColumn(), column('Created At', { type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' })],
    rows: objs.map((o) => ({ cells: [o.metadata?.name ?? '', o.metadata?.creationTimestamp ?? ''], object: partialMetadata(o) })),
  };
}
