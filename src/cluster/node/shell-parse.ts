/**
 * A small POSIX-sh parser for the scripts learners put in `sh -c "…"`:
 * lists with `;` `&&` `||` `|` `&`, `while`/`until`/`for`/`if`, assignments
 * and `>`/`>>`/`2>&1` redirections. Words keep their quotes; expansion
 * happens when they run (shell-run.ts).
 */
export type Redirect = { fd: 1 | 2; op: '>' | '>>' | '>&'; target: string };

export type Node =
  | { type: 'simple'; assigns: [string, string][]; words: string[]; redirects: Redirect[] }
  | { type: 'while'; until: boolean; cond: List; body: List }
  | { type: 'for'; name: string; items: string[]; body: List }
  | { type: 'if'; branches: { cond: List; body: List }[]; otherwise?: List }
  | { type: 'group'; body: List };

export type Pipeline = { negate: boolean; cmds: Node[] };
export type AndOr = { first: Pipeline; rest: { op: '&&' | '||'; p: Pipeline }[] };
export type List = AndOr[];

type Tok = { t: 'word'; v: string } | { t: 'op'; v: string };

export class ShellSyntaxError extends Error {}

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'op', v: ';' });
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '>>' || two === ';;') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (/^[12]>/.test(src.slice(i, i + 2)) && (i === 0 || /\s/.test(src[i - 1]!))) {
      const fd = src[i]!;
      i += 2;
      if (src[i] === '&') {
        out.push({ t: 'op', v: `${fd}>&` });
        i++;
      } else if (src[i] === '>') {
        out.push({ t: 'op', v: `${fd}>>` });
        i++;
      } else out.push({ t: 'op', v: `${fd}>` });
      continue;
    }
    if (';|&()<>'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    let w = '';
    while (i < n) {
      const d = src[i]!;
      if (/[\s;|&()<>]/.test(d)) break;
      if (d === "'") {
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShellSyntaxError('Unterminated quoted string');
        w += src.slice(i, j + 1);
        i = j + 1;
      } else if (d === '"') {
        let j = i + 1;
        while (j < n && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
        if (j >= n) throw new ShellSyntaxError('Unterminated quoted string');
        w += src.slice(i, j + 1);
        i = j + 1;
      } else if (d === '$' && src[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < n; j++) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')' && --depth === 0) break;
        }
        if (j >= n) throw new ShellSyntaxError("Syntax error: end of file unexpected (expecting \")\")");
        w += src.slice(i, j + 1);
        i = j + 1;
      } else if (d === '\\' && i + 1 < n) {
        w += src.slice(i, i + 2);
        i += 2;
      } else {
        w += d;
        i++;
      }
    }
    out.push({ t: 'word', v: w });
  }
  return out;
}

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isWord(v?: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'word' && (v === undefined || t.v === v);
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'op' && t.v === v;
  }
  private expectWord(v: string): void {
    this.skipSeps();
    if (!this.isWord(v)) throw new ShellSyntaxError(`Syntax error: ${this.peek() ? `"${this.peek()!.v}" unexpected` : 'end of file unexpected'} (expecting "${v}")`);
    this.i++;
  }
  private skipSeps(): void {
    while (this.isOp(';') || this.isOp('&')) this.i++;
  }

  list(stop: string[] = []): List {
    const out: List = [];
    this.skipSeps();
    while (this.peek() && !(this.isWord() && stop.includes(this.peek()!.v)) && !this.isOp(')')) {
      out.push(this.andOr());
      this.skipSeps();
    }
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = this.peek()!.v as '&&' | '||';
      this.i++;
      while (this.isOp(';')) this.i++;
      rest.push({ op, p: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isWord('!')) {
      negate = true;
      this.i++;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      cmds.push(this.command());
    }
    return { negate, cmds };
  }

  private command(): Node {
    const t = this.peek();
    if (!t) throw new ShellSyntaxError('Syntax error: end of file unexpected');
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const body = this.list();
      if (!this.isOp(')')) throw new ShellSyntaxError('Syntax error: end of file unexpected (expecting ")")');
      this.i++;
      return { type: 'group', body };
    }
    if (t.t === 'word') {
      if (t.v === 'while' || t.v === 'until') {
        this.i++;
        const cond = this.list(['do']);
        this.expectWord('do');
        const body = this.list(['done']);
        this.expectWord('done');
        return { type: 'while', until: t.v === 'until', cond, body };
      }
      if (t.v === 'for') {
        this.i++;
        const name = this.peek();
        if (!name || name.t !== 'word') throw new ShellSyntaxError('Syntax error: Bad for loop variable');
        this.i++;
        const items: string[] = [];
        if (this.isWord('in')) {
          this.i++;
          while (this.isWord()) items.push(this.toks[this.i++]!.v);
        }
        this.expectWord('do');
        const body = this.list(['done']);
        this.expectWord('done');
        return { type: 'for', name: name.v, items, body };
      }
      if (t.v === 'if') {
        this.i++;
        const branches: { cond: List; body: List }[] = [];
        let otherwise: List | undefined;
        const cond = this.list(['then']);
        this.expectWord('then');
        branches.push({ cond, body: this.list(['elif', 'else', 'fi']) });
        for (;;) {
          this.skipSeps();
          if (this.isWord('elif')) {
            this.i++;
            const c = this.list(['then']);
            this.expectWord('then');
            branches.push({ cond: c, body: this.list(['elif', 'else', 'fi']) });
          } else if (this.isWord('else')) {
            this.i++;
            otherwise = this.list(['fi']);
          } else break;
        }
        this.expectWord('fi');
        return { type: 'if', branches, otherwise };
      }
      if (t.v === '{') {
        this.i++;
        const body = this.list(['}']);
        this.expectWord('}');
        return { type: 'group', body };
      }
      if (RESERVED.has(t.v)) throw new ShellSyntaxError(`Syntax error: "${t.v}" unexpected`);
    }
    return this.simple();
  }

  private simple(): Node {
    const assigns: [string, string][] = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op') {
        const m = /^([12]?)(>>|>&|>)$/.exec(t.v);
        if (!m) break;
        this.i++;
        const target = this.peek();
        if (!target || target.t !== 'word') throw new ShellSyntaxError('Syntax error: newline unexpected');
        this.i++;
        redirects.push({ fd: m[1] === '2' ? 2 : 1, op: m[2] as Redirect['op'], target: target.v });
        continue;
      }
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.v)) {
        const eq = t.v.indexOf('=');
        assigns.push([t.v.slice(0, eq), t.v.slice(eq + 1)]);
        this.i++;
        continue;
      }
      if (words.length === 0 && RESERVED.has(t.v)) break;
      words.push(t.v);
      this.i++;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      const t = this.peek();
      throw new ShellSyntaxError(`Syntax error: "${t ? t.v : 'end of file'}" unexpected`);
    }
    return { type: 'simple', assigns, words, redirects };
  }

  done(): boolean {
    return this.i >= this.toks.length;
  }
  rest(): string {
    return this.peek()?.v ?? '';
  }
}

export function parseScript(src: string): List {
  const p = new Parser(tokenize(src));
  const l = p.list();
  if (!p.done()) throw new ShellSyntaxError(`Syntax error: "${p.rest()}" unexpected`);
  return l;
}
