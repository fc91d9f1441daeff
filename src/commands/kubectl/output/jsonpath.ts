/**
 * kubectl's JSONPath templates (`-o jsonpath=…`, custom-columns): text and
 * `{…}` actions, `{range …}{end}`, `{"\n"}` literals, `{.a.b}`, `[n]`, `[*]`,
 * `[a:b]`, `..field`, `['x.y']`, `\.` escapes and `[?(@.f=="v")]` filters.
 * Paths are evaluated with jsonpath-plus; several results print joined by a
 * space, strings raw and everything else as compact JSON. Missing keys print
 * nothing, as with kubectl's default --allow-missing-template-keys.
 */
import { JSONPath } from 'jsonpath-plus';
import { toGoJsonCompact } from './json.js';

export type JsonPathNode = { kind: 'text'; text: string } | { kind: 'path'; path: string } | { kind: 'range'; path: string; body: JsonPathNode[] };

export type ParseResult = { ok: true; nodes: JsonPathNode[] } | { ok: false; error: string };

function unquote(lit: string): string {
  return lit.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' })[c] ?? `\\${c}`);
}

/** Translate one kubectl path (`.items[*].metadata.name`) to a jsonpath-plus path. */
export function toJsonPathPlus(expr: string): string | { error: string } {
  let s = expr.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  let out = '$';
  let i = 0;
  const readField = (): string => {
    let f = '';
    while (i < s.length && s[i] !== '.' && s[i] !== '[') {
      if (s[i] === '\\' && i + 1 < s.length) {
        f += s[i + 1];
        i += 2;
      } else f += s[i++];
    }
    return f;
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      const f = readField();
      out += f === '*' || f === '' ? '..*' : `..[${JSON.stringify(f).replace(/^"|"$/g, "'")}]`;
    } else if (s[i] === '.') {
      i++;
      const f = readField();
      if (f === '') continue;
      out += f === '*' ? '[*]' : `['${f.replace(/'/g, "\\'")}']`;
    } else if (s[i] === '[') {
      let depth = 0;
      let j = i;
      let quote = '';
      for (; j < s.length; j++) {
        const c = s[j]!;
        if (quote) {
          if (c === quote) quote = '';
          continue;
        }
        if (c === '"' || c === "'") quote = c;
        else if (c === '[') depth++;
        else if (c === ']' && --depth === 0) break;
      }
      if (j >= s.length) return { error: 'unterminated array' };
      const inner = s.slice(i + 1, j).trim();
      i = j + 1;
      if (inner.startsWith('?')) out += `[${inner.replace(/"/g, "'")}]`;
      else if (/^['"]/.test(inner)) out += inner.split(',').map((p) => `['${p.trim().slice(1, -1)}']`).join('');
      else out += `[${inner}]`;
    } else {
      const f = readField();
      out += `['${f}']`;
    }
  }
  return out;
}

/** Parse a template into text, path and range nodes. */
export function parseJsonPathTemplate(template: string): ParseResult {
  const root: JsonPathNode[] = [];
  const stack: JsonPathNode[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ kind: 'text', text: template.slice(i, open) });
    let j = open + 1;
    let quote = '';
    for (; j < template.length; j++) {
      const c = template[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"') quote = c;
      else if (c === '}') break;
    }
    if (j >= template.length) return { ok: false, error: `error parsing jsonpath ${template}, unclosed action` };
    const action = template.slice(open + 1, j).trim();
    i = j + 1;
    const cur = stack[stack.length - 1]!;
    if (action === 'end') {
      if (stack.length === 1) return { ok: false, error: `error parsing jsonpath ${template}, not in range, nothing to end` };
      stack.pop();
    } else if (action.startsWith('range ')) {
      const body: JsonPathNode[] = [];
      cur.push({ kind: 'range', path: action.slice(6).trim(), body });
      stack.push(body);
    } else if (/^".*"$/s.test(action)) cur.push({ kind: 'text', text: unquote(action) });
    else cur.push({ kind: 'path', path: action });
  }
  if (stack.length > 1) return { ok: false, error: `error parsing jsonpath ${template}, unclosed range` };
  return { ok: true, nodes: root };
}

/** Every value a path selects from `data` ([] when missing). */
export function evalPath(data: unknown, path: string): unknown[] {
  const p = toJsonPathPlus(path);
  if (typeof p !== 'string') return [];
  if (p === '$') return [data];
  try {
    return JSONPath({ path: p, json: data as object, wrap: true }) as unknown[];
  } catch {
    return [];
  }
}

export function printValue(v: unknown): string {
  return typeof v === 'string' ? v : toGoJsonCompact(v);
}

export function executeJsonPath(nodes: JsonPathNode[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'path') out += evalPath(data, n.path).map(printValue).join(' ');
    else {
      const selected = evalPath(data, n.path);
      const items = selected.length === 1 && Array.isArray(selected[0]) ? (selected[0] as unknown[]) : selected;
      for (const item of items) out += executeJsonPath(n.body, item);
    }
  }
  return out;
}

/** The values a template selects, for `-o jsonpath-as-json`. */
export function collectJsonPath(nodes: JsonPathNode[], data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const n of nodes) {
    if (n.kind === 'path') out.push(...evalPath(data, n.path));
    else if (n.kind === 'range') {
      const selected = evalPath(data, n.path);
      const items = selected.length === 1 && Array.isArray(selected[0]) ? (selected[0] as unknown[]) : selected;
      for (const item of items) out.push(...collectJsonPath(n.body, item));
    }
  }
  return out;
}
