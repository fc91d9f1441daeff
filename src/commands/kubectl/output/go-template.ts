/**
 * A subset of Go's text/template for `-o go-template=…`: fields (`.a.b`,
 * `$`), `{{range}}`/`{{if}}` with `{{else}}`, `{{end}}`, pipelines, string
 * and number literals, `{{- -}}` trimming, and the functions learners use
 * (index, len, printf, eq, ne, not, and, or, base64decode). Missing keys
 * print `<no value>` as kubectl's templates do.
 */
import { goValue } from './go-value.js';

type Node = { t: 'text'; s: string } | { t: 'out'; expr: string } | { t: 'if' | 'range'; expr: string; body: Node[]; alt: Node[] };

export type GoTemplate = { ok: true; nodes: Node[] } | { ok: false; error: string };

export function parseGoTemplate(src: string): GoTemplate {
  const tokens: ({ t: 'text'; s: string } | { t: 'action'; s: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      tokens.push({ t: 'text', s: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    const close = src.indexOf('}}', open);
    if (close < 0) return { ok: false, error: 'error: error parsing template ' + src + ', template: output:1: unclosed action' };
    let action = src.slice(open + 2, close);
    if (action.startsWith('-')) {
      text = text.replace(/\s+$/, '');
      action = action.slice(1);
    }
    let next = close + 2;
    if (action.endsWith('-')) {
      action = action.slice(0, -1);
      while (next < src.length && /\s/.test(src[next]!)) next++;
    }
    if (text) tokens.push({ t: 'text', s: text });
    tokens.push({ t: 'action', s: action.trim() });
    i = next;
  }
  const root: Node[] = [];
  const stack: { nodes: Node[]; block?: Extract<Node, { body: Node[] }>; inAlt?: boolean }[] = [{ nodes: root }];
  for (const tok of tokens) {
    const top = stack[stack.length - 1]!;
    const target = top.block ? (top.inAlt ? top.block.alt : top.block.body) : top.nodes;
    if (tok.t === 'text') target.push({ t: 'text', s: tok.s });
    else if (/^(if|range)\s/.test(tok.s)) {
      const kw = tok.s.startsWith('if') ? 'if' : 'range';
      const block = { t: kw, expr: tok.s.slice(kw.length).trim(), body: [], alt: [] } as Extract<Node, { body: Node[] }>;
      target.push(block);
      stack.push({ nodes: [], block });
    } else if (tok.s === 'else') {
      if (!top.block) return { ok: false, error: 'error: error parsing template: unexpected {{else}}' };
      top.inAlt = true;
    } else if (tok.s === 'end') {
      if (!top.block) return { ok: false, error: 'error: error parsing template: unexpected {{end}}' };
      stack.pop();
    } else if (tok.s.startsWith('/*')) continue;
    else target.push({ t: 'out', expr: tok.s });
  }
  if (stack.length > 1) return { ok: false, error: 'error: error parsing template: unexpected EOF' };
  return { ok: true, nodes: root };
}

const MISSING = Symbol('missing');

function field(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const p of path.split('.').filter((x) => x !== '')) {
    if (cur === null || typeof cur !== 'object' || !(p in (cur as object))) return MISSING;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`|\([^)]*\)(?:\.[\w.-]+)?|[^\s]+/g;
  for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

function atom(a: string, dot: unknown, root: unknown): unknown {
  if (a.startsWith('"')) return JSON.parse(a) as string;
  if (a.startsWith('`')) return a.slice(1, -1);
  if (a.startsWith('(')) {
    const close = a.lastIndexOf(')');
    const v = evalPipeline(a.slice(1, close), dot, root);
    return close === a.length - 1 ? v : field(v, a.slice(close + 1));
  }
  if (/^-?\d+(\.\d+)?$/.test(a)) return Number(a);
  if (a === 'true' || a === 'false') return a === 'true';
  if (a === 'nil') return null;
  if (a === '.') return dot;
  if (a.startsWith('$')) return field(root, a.slice(1));
  if (a.startsWith('.')) return field(dot, a);
  return MISSING;
}

const truthy = (v: unknown) => !(v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

function sprintf(fmt: string, args: unknown[]): string {
  let k = 0;
  return fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([svdqtf%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[k++];
    if (verb === 'q') return JSON.stringify(show(a));
    return show(a);
  });
}

function call(fn: string, args: unknown[]): unknown {
  switch (fn) {
    case 'index': {
      let cur = args[0];
      for (const k of args.slice(1)) cur = cur !== null && typeof cur === 'object' ? ((cur as Record<string, unknown>)[String(k)] ?? MISSING) : MISSING;
      return cur;
    }
    case 'len':
      return Array.isArray(args[0]) ? args[0].length : typeof args[0] === 'string' ? args[0].length : args[0] && typeof args[0] === 'object' ? Object.keys(args[0]).length : 0;
    case 'printf':
      return sprintf(String(args[0] ?? ''), args.slice(1));
    case 'print':
      return args.map(show).join('');
    case 'println':
      return args.map(show).join(' ') + '\n';
    case 'eq':
      return args.slice(1).some((x) => x === args[0]);
    case 'ne':
      return args[0] !== args[1];
    case 'not':
      return !truthy(args[0]);
    case 'and':
      return args.find((x) => !truthy(x)) ?? args[args.length - 1];
    case 'or':
      return args.find((x) => truthy(x)) ?? args[args.length - 1];
    case 'base64decode':
      return Buffer.from(String(args[0] ?? ''), 'base64').toString('utf8');
    default:
      return MISSING;
  }
}

const FUNCS = new Set(['index', 'len', 'printf', 'print', 'println', 'eq', 'ne', 'not', 'and', 'or', 'base64decode']);

function evalPipeline(expr: string, dot: unknown, root: unknown): unknown {
  let value: unknown = undefined;
  let first = true;
  for (const stage of expr.split('|').map((s) => s.trim())) {
    const [head, ...rest] = splitArgs(stage);
    if (!head) continue;
    const args = rest.map((a) => atom(a, dot, root));
    if (!first) args.push(value);
    value = FUNCS.has(head) ? call(head, args) : atom(head, dot, root);
    first = false;
  }
  return value;
}

function show(v: unknown): string {
  return v === MISSING || v === undefined ? '<no value>' : goValue(v);
}

export function executeGoTemplate(nodes: Node[], dot: unknown, root: unknown = dot): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'out') out += show(evalPipeline(n.expr, dot, root));
    else if (n.t === 'if') out += truthy(evalPipeline(n.expr, dot, root)) ? executeGoTemplate(n.body, dot, root) : executeGoTemplate(n.alt, dot, root);
    else {
      const v = evalPipeline(n.expr, dot, root);
      const items = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]) : [];
      out += items.length ? items.map((it) => executeGoTemplate(n.body, it, root)).join('') : executeGoTemplate(n.alt, dot, root);
    }
  }
  return out;
}
