/**
 * Runs parsed sh scripts as generators: a command that sleeps yields the
 * milliseconds it waits, so the container runtime can run a script on the
 * simulated clock (or run it instantly for `kubectl exec`). Builtins cover
 * what examples use: echo, printf, sleep, exit, date, hostname, env, cat,
 * touch, rm, ls, test/[, trap, export; anything else is looked up in the image.
 */
import { parseScript, ShellSyntaxError, type AndOr, type List, type Node, type Pipeline } from './shell-parse.js';
import { builtin, type Io } from './shell-builtins.js';
import type { FsError } from './volumes/container-fs.js';

/** Yields sleep durations (ms; Infinity = blocks forever); returns the exit status. */
export type Proc = Generator<number, number, void>;

export interface ShellHost {
  now(): number;
  vars: Map<string, string>;
  fs: {
    read(path: string): string | undefined;
    /** Bytes in a file (a `dd` file keeps its size, not its bytes). */
    size?(path: string): number | undefined;
    isDir?(path: string): boolean;
    /** Undefined when written, or why not (EROFS on a read-only mount, ENOENT without the directory). */
    write(path: string, text: string, append: boolean, size?: number): FsError | undefined;
    remove(path: string): boolean | FsError;
    mkdir?(path: string): FsError | undefined;
    list(dir: string): string[] | undefined;
  };
  hostname: string;
  /** What /bin/sh is in the image. */
  flavour: 'dash' | 'ash' | 'bash';
  /** Is `bin` on PATH? */
  has(bin: string): boolean;
  /** Run an image program (nginx, redis-server…) in place of this shell. */
  program?(argv: string[], io: Io): Proc | undefined;
  /** `trap 'cmd' TERM`: the script handles SIGTERM. */
  trap?(signal: string, action: string): void;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

export class Shell {
  status = 0;
  private line = 1;
  constructor(
    readonly host: ShellHost,
    readonly name: 'sh' | 'bash' = 'sh',
  ) {}

  /** Run a script; syntax errors print as the shell would and exit 2. */
  *run(src: string, io: Io): Proc {
    let list: List;
    try {
      list = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(this.name === 'bash' || this.host.flavour === 'bash' ? `bash: -c: line 1: ${e.message.replace(/^Syntax error: /, 'syntax error: ')}` : this.host.flavour === 'dash' ? `sh: 1: ${e.message}` : `sh: ${e.message.replace(/^Syntax error: /, 'syntax error: ')}`);
      return 2;
    }
    try {
      return yield* this.list(list, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private *list(list: List, io: Io): Proc {
    for (const ao of list) this.status = yield* this.andOr(ao, io);
    return this.status;
  }

  private *andOr(ao: AndOr, io: Io): Proc {
    let s = yield* this.pipeline(ao.first, io);
    for (const { op, p } of ao.rest) {
      if ((op === '&&' && s === 0) || (op === '||' && s !== 0)) s = yield* this.pipeline(p, io);
    }
    return s;
  }

  private *pipeline(p: Pipeline, io: Io): Proc {
    let input: string | undefined = io.stdin;
    let s = 0;
    for (let i = 0; i < p.cmds.length; i++) {
      const last = i === p.cmds.length - 1;
      if (last) s = yield* this.node(p.cmds[i]!, { ...io, stdin: input });
      else {
        let buf = '';
        s = yield* this.node(p.cmds[i]!, { ...io, stdin: input, out: (t, partial) => (buf += partial ? t : `${t}\n`) });
        input = buf;
      }
    }
    this.status = p.negate ? (s === 0 ? 1 : 0) : s;
    return this.status;
  }

  private *node(n: Node, io: Io): Proc {
    switch (n.type) {
      case 'group':
        return yield* this.list(n.body, io);
      case 'if':
        for (const b of n.branches) if ((yield* this.list(b.cond, io)) === 0) return yield* this.list(b.body, io);
        return n.otherwise ? yield* this.list(n.otherwise, io) : 0;
      case 'for': {
        const items = n.items.length ? n.items.flatMap((w) => this.fields(w)) : [];
        let s = 0;
        for (const it of items) {
          this.host.vars.set(n.name, it);
          s = yield* this.list(n.body, io);
        }
        return s;
      }
      case 'while': {
        let s = 0;
        for (;;) {
          const c = yield* this.list(n.cond, io);
          if (n.until ? c === 0 : c !== 0) break;
          const before = this.host.now();
          s = yield* this.list(n.body, io);
          // A loop that never sleeps would print forever in no time; give each turn 10 ms.
          if (this.host.now() === before) yield 10;
        }
        return s;
      }
      case 'simple':
        return yield* this.simple(n, io);
    }
  }

  private *simple(n: Extract<Node, { type: 'simple' }>, io: Io): Proc {
    for (const [k, v] of n.assigns) if (n.words.length === 0) this.host.vars.set(k, this.expand(v));
    if (n.words.length === 0) return 0;
    const argv = n.words.flatMap((w) => this.fields(w));
    let cio = io;
    for (const r of n.redirects) {
      const target = this.expand(r.target);
      if (r.op === '>&') {
        if (r.fd === 2 && target === '1') cio = { ...cio, err: cio.out };
        continue;
      }
      if (target === '/dev/null') {
        cio = r.fd === 1 ? { ...cio, out: () => {} } : { ...cio, err: () => {} };
        continue;
      }
      const bad = this.host.fs.write(target, '', r.op === '>>');
      if (bad) {
        io.err(this.cannotCreate(target, bad));
        return this.host.flavour === 'dash' && this.name !== 'bash' ? 2 : 1;
      }
      const sink = (t: string, partial?: boolean) => this.host.fs.write(target, partial ? t : `${t}\n`, true);
      cio = r.fd === 1 ? { ...cio, out: sink } : { ...cio, err: sink };
    }
    if (argv.length === 0) return 0;
    const [cmd] = argv as [string];
    if (cmd === 'exit') throw new ExitSignal(argv[1] !== undefined ? Number(argv[1]) & 255 : this.status);
    if (cmd === 'export') {
      for (const a of argv.slice(1)) {
        const eq = a.indexOf('=');
        if (eq > 0) this.host.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return 0;
    }
    if (cmd === 'trap') {
      const action = argv[1] ?? '';
      for (const sig of argv.slice(2)) this.host.trap?.(sig.replace(/^SIG/, ''), action);
      return 0;
    }
    if (cmd === 'sh' || cmd === 'bash' || cmd === '/bin/sh' || cmd === '/bin/bash') {
      if (argv[1] === '-c' && argv[2] !== undefined) return yield* new Shell(this.host, cmd.endsWith('bash') ? 'bash' : 'sh').run(argv[2], cio);
      return 0;
    }
    const b = builtin(cmd, argv, cio, this.host, this.name);
    if (b) return yield* b;
    const prog = this.host.program?.(argv, cio);
    if (prog) return yield* prog;
    cio.err(this.notFound(cmd));
    return 127;
  }

  /** `sh: can't create /data/f: Read-only file system` as each shell words it. */
  cannotCreate(target: string, e: FsError): string {
    const bash = this.name === 'bash' || this.host.flavour === 'bash';
    const why = e === 'EROFS' ? 'Read-only file system' : e === 'EISDIR' ? 'Is a directory' : bash ? 'No such file or directory' : this.host.flavour === 'dash' ? 'Directory nonexistent' : 'nonexistent directory';
    if (bash) return `bash: line ${this.line}: ${target}: ${why}`;
    if (this.host.flavour === 'dash') return `sh: ${this.line}: cannot create ${target}: ${why}`;
    return `sh: can't create ${target}: ${why}`;
  }

  notFound(cmd: string): string {
    if (this.name === 'bash' || this.host.flavour === 'bash') return `bash: line ${this.line}: ${cmd}: command not found`;
    if (this.host.flavour === 'dash') return `sh: ${this.line}: ${cmd}: not found`;
    return `sh: ${cmd}: not found`;
  }

  /** Expand a word into fields (unquoted expansions split on spaces). */
  fields(word: string): string[] {
    const quoted = /["']/.test(word);
    const v = this.expand(word);
    if (quoted) return [v];
    return v.split(/\s+/).filter((x) => x !== '');
  }

  /** Quote removal, `$VAR`, `${VAR}`, `$?`, `$(cmd)`, `$((expr))`. */
  expand(word: string): string {
    let out = '';
    let i = 0;
    const n = word.length;
    let dq = false;
    while (i < n) {
      const c = word[i]!;
      if (c === "'" && !dq) {
        const j = word.indexOf("'", i + 1);
        out += word.slice(i + 1, j);
        i = j + 1;
      } else if (c === '"') {
        dq = !dq;
        i++;
      } else if (c === '\\' && i + 1 < n) {
        const d = word[i + 1]!;
        out += dq && !'$`"\\\n'.includes(d) ? `\\${d}` : d;
        i += 2;
      } else if (c === '$') {
        const [text, len] = this.dollar(word, i);
        out += text;
        i += len;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  private dollar(word: string, i: number): [string, number] {
    const rest = word.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('$((')) {
      let depth = 0;
      let j = 1;
      for (; j < rest.length; j++) {
        if (rest[j] === '(') depth++;
        else if (rest[j] === ')' && --depth === 0) break;
      }
      const expr = rest.slice(3, j - 1);
      return [String(arith(expr, (name) => Number(this.host.vars.get(name) ?? 0))), j + 1];
    }
    if (rest.startsWith('$(')) {
      let depth = 0;
      let j = 1;
      for (; j < rest.length; j++) {
        if (rest[j] === '(') depth++;
        else if (rest[j] === ')' && --depth === 0) break;
      }
      return [this.capture(rest.slice(2, j)), j + 1];
    }
    if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(rest))) return [this.host.vars.get(m[1]!) || (m[2] ?? ''), m[0].length];
    if ((m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) return [this.host.vars.get(m[1]!) ?? '', m[0].length];
    if (rest.startsWith('$?')) return [String(this.status), 2];
    if (rest.startsWith('$$')) return ['1', 2];
    return ['$', 1];
  }

  /** `$(cmd)`: run instantly and return its output without the trailing newline. */
  private capture(src: string): string {
    let buf = '';
    const sub = new Shell(this.host, this.name);
    const g = sub.run(src, { out: (t, partial) => (buf += partial ? t : `${t}\n`), err: () => {} });
    for (let r = g.next(), guard = 0; !r.done && guard < 1000; r = g.next(), guard++);
    return buf.replace(/\n+$/, '');
  }
}

/** Integer arithmetic for `$((…))`: + - * / % and parentheses over numbers and variables. */
export function arith(expr: string, lookup: (name: string) => number): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -atom();
    if (t === undefined) return 0;
    return /^\d+$/.test(t) ? Number(t) : lookup(t);
  };
  const prod = (): number => {
    let v = atom();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = atom();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = prod();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + prod() : v - prod();
    return v;
  };
  return sum();
}

export type { Io };
