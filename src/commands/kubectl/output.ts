/** Turning API results into kubectl's text: Tables, YAML, JSON, names, and `Error from server` lines. */
import type { Table } from '../../cluster/api/table.js';
import type { KObject, Status } from '../../cluster/api/types.js';
import { tabulate } from '../tabwriter.js';
import { toGoYaml } from './output/yaml.js';
import { toGoJson } from './output/json.js';

export function tableText(t: Table, opts: { wide: boolean; noHeaders?: boolean; namespaceColumn?: boolean; kindPrefix?: string }): string[][] {
  const cols = t.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push([...(opts.namespaceColumn ? ['NAMESPACE'] : []), ...cols.map(({ c }) => c.name.toUpperCase())]);
  for (const r of t.rows) {
    const cells = cols.map(({ c, i }) => {
      const v = r.cells[i];
      const s = v === undefined || v === null ? '' : String(v);
      return c.format === 'name' && opts.kindPrefix ? `${opts.kindPrefix}/${s}` : s;
    });
    rows.push([...(opts.namespaceColumn ? [r.object.metadata?.namespace ?? ''] : []), ...cells]);
  }
  return rows;
}

export function renderRows(rows: string[][]): string {
  return tabulate(rows);
}

/** YAML exactly as kubectl prints it (go-yaml v2 layout); ends with a newline. */
export function toYaml(o: unknown): string {
  return toGoYaml(o);
}

/** JSON as kubectl prints it (sorted keys, 4 spaces, Go escaping); no trailing newline. */
export function toJson(o: unknown): string {
  return toGoJson(o).replace(/\n$/, '');
}

/** Strip what kubectl hides by default (managedFields). */
export function forDisplay(o: KObject): KObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

/** `Error from server (NotFound): pods "x" not found` */
export function serverError(s: Status): string {
  if (s.reason === 'Invalid' && s.details?.causes) {
    const kind = s.details.kind ?? '';
    const causes = s.details.causes.map((c) => `${c.field ? `${c.field}: ` : ''}${c.message ?? ''}`);
    if (causes.length === 1) return `The ${kind} "${s.details.name ?? ''}" is invalid: ${causes[0]}`;
    return `The ${kind} "${s.details.name ?? ''}" is invalid: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  if (s.code === 401) return 'error: You must be logged in to the server (Unauthorized)';
  return s.reason ? `Error from server (${s.reason}): ${s.message}` : `Error from server: ${s.message}`;
}
