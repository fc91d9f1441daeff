/**
 * A server-side Table as kubectl's human-readable printer shows it: priority-1
 * columns only with -o wide, NAMESPACE first with -A, `kind/` name prefixes
 * for multi-type output, -L label columns and --show-labels last, headers
 * upper-cased.
 */
import type { Table, TableRow } from '../../../cluster/api/table.js';

export interface TableTextOptions {
  wide: boolean;
  noHeaders?: boolean;
  namespaceColumn?: boolean;
  kindPrefix?: string;
  showLabels?: boolean;
  labelColumns?: string[];
}

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '<none>';
  return String(v);
}

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m![k]}`).join(',');
}

export function headerRow(t: Table, o: TableTextOptions): string[] {
  const cols = t.columnDefinitions.filter((c) => o.wide || c.priority === 0);
  return [
    ...(o.namespaceColumn ? ['NAMESPACE'] : []),
    ...cols.map((c) => c.name.toUpperCase()),
    ...(o.labelColumns ?? []).map((l) => (l.split('/').pop() ?? l).toUpperCase()),
    ...(o.showLabels ? ['LABELS'] : []),
  ];
}

export function rowCells(t: Table, r: TableRow, o: TableTextOptions): string[] {
  const labels = r.object.metadata?.labels ?? {};
  const cells: string[] = [];
  if (o.namespaceColumn) cells.push(r.object.metadata?.namespace ?? '');
  t.columnDefinitions.forEach((c, i) => {
    if (!o.wide && c.priority !== 0) return;
    const s = cellText(r.cells[i]);
    cells.push(c.format === 'name' && o.kindPrefix ? `${o.kindPrefix}/${s}` : s);
  });
  for (const l of o.labelColumns ?? []) cells.push(labels[l] ?? '');
  if (o.showLabels) cells.push(formatLabels(labels));
  return cells;
}

export function tableRows(t: Table, o: TableTextOptions): string[][] {
  const rows = o.noHeaders ? [] : [headerRow(t, o)];
  for (const r of t.rows) rows.push(rowCells(t, r, o));
  return rows;
}
