/**
 * The JMESPath subset `--query` needs in lessons: `a.b`, `a[0]`, `a[]`/`a[*]`
 * projections, `[?k=='v']` filters, multiselect `{x:a, y:b.c}` and `[a, b]`,
 * `length(@)`. Unsupported expressions return an error string.
 */
type Json = unknown;

export function jmes(expr: string, data: Json): { ok: true; value: Json } | { ok: false; error: string } {
  const pipe = topLevel(expr, (s, i) => s[i] === '|' && s[i + 1] !== '|' && s[i - 1] !== '|');
  if (pipe >= 0) {
    const l = jmes(expr.slice(0, pipe), data);
    return l.ok ? jmes(expr.slice(pipe + 1), l.value) : l;
  }
  try {
    const p = new Parser(expr.trim());
    const v = p.run(data);
    return { ok: true, value: v };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  run(data: Json): Json {
    const v = this.expr(data);
    if (this.i < this.s.length) throw new Error(`argument --query: invalid jmespath_type value: '${this.s}'`);
    return v;
  }

  private peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }

  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private ident(): string {
    this.ws();
    if (this.s[this.i] === '"') {
      const end = this.s.indexOf('"', this.i + 1);
      const id = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return id;
    }
    const m = /^[A-Za-z_@][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`argument --query: invalid jmespath_type value: '${this.s}'`);
    this.i += m[0].length;
    return m[0];
  }

  /** A whole expression applied to `cur`, including projections (the rest applies to each element). */
  private expr(cur: Json): Json {
    let v = this.primary(cur);
    for (;;) {
      const c = this.peek();
      if (c === '.') {
        this.i++;
        if (this.peek() === '{' || this.peek() === '[') v = this.multi(v);
        else v = field(v, this.ident());
      } else if (c === '[') {
        const r = this.bracket(v);
        if (r.projected) return r.value;
        v = r.value;
      } else return v;
    }
  }

  private primary(cur: Json): Json {
    const c = this.peek();
    if (c === '[') {
      const r = this.bracket(cur);
      return r.value;
    }
    if (c === '{') return this.multi(cur);
    const id = this.ident();
    if (id === '@') return cur;
    if (id === 'length' && this.peek() === '(') {
      this.i++;
      const arg = this.expr(cur);
      this.expect(')');
      return Array.isArray(arg) || typeof arg === 'string' ? arg.length : arg && typeof arg === 'object' ? Object.keys(arg).length : null;
    }
    return field(cur, id);
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw new Error(`argument --query: invalid jmespath_type value: '${this.s}'`);
    this.i++;
  }

  private multi(cur: Json): Json {
    if (this.peek() === '{') {
      this.i++;
      const out: Record<string, Json> = {};
      while (this.peek() !== '}') {
        const k = this.ident();
        this.expect(':');
        out[k] = this.sub(cur, [',', '}']);
        if (this.peek() === ',') this.i++;
      }
      this.i++;
      return cur === null || cur === undefined ? null : out;
    }
    this.expect('[');
    const out: Json[] = [];
    while (this.peek() !== ']') {
      out.push(this.sub(cur, [',', ']']));
      if (this.peek() === ',') this.i++;
    }
    this.i++;
    return out;
  }

  /** Parse a sub-expression up to one of `stops` (at depth 0) and evaluate it on `cur`. */
  private sub(cur: Json, stops: string[]): Json {
    const start = this.i;
    let depth = 0;
    let quote = '';
    for (; this.i < this.s.length; this.i++) {
      const ch = this.s[this.i]!;
      if (quote) {
        if (ch === quote) quote = '';
        continue;
      }
      if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      else if ('[{('.includes(ch)) depth++;
      else if (depth === 0 && stops.includes(ch)) break;
      else if (']})'.includes(ch)) depth--;
    }
    const text = this.s.slice(start, this.i);
    const r = jmes(text, cur);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }

  private bracket(v: Json): { value: Json; projected: boolean } {
    this.expect('[');
    const c = this.peek();
    if (c === ']' || c === '*') {
      if (c === '*') this.i++;
      this.expect(']');
      const arr = Array.isArray(v) ? (c === ']' ? v.flat() : v) : [];
      return { value: this.projectRest(arr), projected: true };
    }
    if (c === '?') {
      this.i++;
      const cond = this.s.slice(this.i, this.findClose());
      this.i += cond.length;
      this.expect(']');
      const arr = Array.isArray(v) ? v.filter((x) => test(cond, x)) : [];
      return { value: this.projectRest(arr), projected: true };
    }
    const m = /^-?\d+/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      this.expect(']');
      const n = Number(m[0]);
      return { value: Array.isArray(v) ? (v.at(n) ?? null) : null, projected: false };
    }
    this.i--;
    return { value: this.multi(v), projected: false };
  }

  private findClose(): number {
    let depth = 0;
    for (let j = this.i; j < this.s.length; j++) {
      if (this.s[j] === '[') depth++;
      if (this.s[j] === ']') {
        if (depth === 0) return j;
        depth--;
      }
    }
    return this.s.length;
  }

  /** Apply what follows the projection to each element (dropping nulls); a later `[]` flattens the results. */
  private projectRest(arr: Json[]): Json {
    const rest = this.s.slice(this.i).trim();
    this.i = this.s.length;
    if (rest === '') return arr;
    const flat = topLevel(rest, (s, i) => s[i] === '[' && s[i + 1] === ']');
    if (flat > 0) {
      const mapped = this.mapEach(arr, rest.slice(0, flat));
      const r = jmes(`@${rest.slice(flat)}`, mapped);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    }
    return this.mapEach(arr, rest);
  }

  private mapEach(arr: Json[], rest: string): Json[] {
    const expr = rest.startsWith('.') ? rest.slice(1) : `@${rest}`;
    const out: Json[] = [];
    for (const x of arr) {
      const r = jmes(expr, x);
      if (!r.ok) throw new Error(r.error);
      if (r.value !== null && r.value !== undefined) out.push(r.value);
    }
    return out;
  }
}

function field(v: Json, k: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return (v as Record<string, Json>)[k] ?? null;
}

function literal(t: string): Json {
  const s = t.trim();
  if (/^'.*'$/.test(s)) return s.slice(1, -1);
  if (/^`.*`$/.test(s)) return JSON.parse(s.slice(1, -1)) as Json;
  return undefined;
}

function test(cond: string, x: Json): boolean {
  const m = /^(.+?)\s*(==|!=|>=|<=|>|<)\s*(.+)$/.exec(cond.trim());
  if (!m) {
    const r = jmes(cond, x);
    return r.ok && r.value !== null && r.value !== false && r.value !== undefined;
  }
  const left = jmes(m[1]!, x);
  const litR = literal(m[3]!);
  const right = litR !== undefined ? litR : jmes(m[3]!, x);
  const l = left.ok ? left.value : null;
  const r = litR !== undefined ? litR : (right as { ok: boolean; value?: Json }).value;
  switch (m[2]) {
    case '==':
      return JSON.stringify(l) === JSON.stringify(r);
    case '!=':
      return JSON.stringify(l) !== JSON.stringify(r);
    case '>':
      return (l as number) > (r as number);
    case '<':
      return (l as number) < (r as number);
    case '>=':
      return (l as number) >= (r as number);
    default:
      return (l as number) <= (r as number);
  }
}

/** Index of the first top-level position matching `at` (outside quotes and brackets), or -1. */
function topLevel(s: string, at: (s: string, i: number) => boolean): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      continue;
    }
    if (depth === 0 && at(s, i)) return i;
    if ('[{('.includes(ch)) depth++;
    else if (']})'.includes(ch)) depth--;
  }
  return -1;
}
