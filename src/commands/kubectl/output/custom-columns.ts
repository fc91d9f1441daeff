/** `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image`: one row per object. */
import { evalPath } from './jsonpath.js';
import { goValue } from './go-value.js';

export interface CustomColumn {
  header: string;
  path: string;
}

export function parseCustomColumns(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec === '') return { ok: false, error: 'error: custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const i = part.indexOf(':');
    if (i <= 0) return { ok: false, error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    let path = part.slice(i + 1).trim();
    if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
    if (!path.startsWith('.') && !path.startsWith('$') && !path.startsWith('@')) path = `.${path}`;
    columns.push({ header: part.slice(0, i), path });
  }
  return { ok: true, columns };
}

export function customColumnRows(columns: CustomColumn[], objects: unknown[], noHeaders: boolean): string[][] {
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const o of objects) {
    rows.push(
      columns.map((c) => {
        const vals = evalPath(o, c.path);
        return vals.length === 0 ? '<none>' : vals.map(goValue).join(',');
      }),
    );
  }
  return rows;
}
