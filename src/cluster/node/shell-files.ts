/**
 * The file utilities scripts use on volumes — cat, touch, rm, mkdir, ls,
 * head, tail, wc, dd, du — with busybox or coreutils wording, including the
 * errors of a read-only mount.
 */
import type { Proc, ShellHost } from './shell-run.js';
import type { Io } from './shell-builtins.js';
import type { FsError } from './volumes/container-fs.js';

// eslint-disable-next-line require-yield
function* done(code: number): Proc {
  return code;
}

const why = (e: FsError, busybox: boolean) => (e === 'EROFS' ? 'Read-only file system' : e === 'EISDIR' ? 'Is a directory' : busybox ? 'No such file or directory' : 'No such file or directory');

/** Print text as lines; a last line without a newline stays partial. */
export function emitText(io: Io, text: string): void {
  if (text === '') return;
  const lines = text.split('\n');
  const partial = lines[lines.length - 1] !== '';
  if (!partial) lines.pop();
  lines.forEach((l, i) => io.out(l, partial && i === lines.length - 1));
}

/** `-n 3`, `-n3`, `-3` → 3; the rest are file operands. */
function countAndFiles(args: string[], dflt: number): { n: number; files: string[]; follow: boolean; flags: Set<string> } {
  let n = dflt;
  let follow = false;
  const files: string[] = [];
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') n = Number(args[++i]);
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-f' || a === '-F') follow = true;
    else if (a.startsWith('-') && a.length > 1) for (const ch of a.slice(1)) flags.add(ch);
    else files.push(a);
  }
  return { n, files, follow, flags };
}

const SIZE_UNITS: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, M: 1048576, G: 1073741824, kB: 1000, MB: 1e6, GB: 1e9 };

function ddSize(s: string | undefined): number | undefined {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(s ?? '');
  if (!m) return undefined;
  const f = SIZE_UNITS[m[2]!];
  return f === undefined ? undefined : Number(m[1]) * f;
}

function human(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v}` : `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[i]}`;
}

export function fileBuiltin(base: string, args: string[], io: Io, host: ShellHost): Proc | undefined {
  const busybox = host.flavour === 'ash';
  const fs = host.fs;
  const isDir = (p: string) => (fs.isDir ? fs.isDir(p) : fs.list(p) !== undefined);
  switch (base) {
    case 'cat': {
      if (args.length === 0) {
        if (io.stdin) emitText(io, io.stdin);
        return done(0);
      }
      let code = 0;
      for (const f of args) {
        const text = fs.read(f);
        if (text === undefined) {
          const dir = isDir(f);
          io.err(busybox ? `cat: ${dir ? `read error: Is a directory` : `can't open '${f}': No such file or directory`}` : `cat: ${f}: ${dir ? 'Is a directory' : 'No such file or directory'}`);
          code = 1;
        } else emitText(io, text);
      }
      return done(code);
    }
    case 'touch': {
      let code = 0;
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        if (fs.read(f) !== undefined || isDir(f)) continue;
        const e = fs.write(f, '', true);
        if (e) {
          io.err(busybox ? `touch: ${f}: ${why(e, busybox)}` : `touch: cannot touch '${f}': ${why(e, busybox)}`);
          code = 1;
        }
      }
      return done(code);
    }
    case 'mkdir': {
      const parents = args.some((a) => /^-[a-z]*p/.test(a));
      let code = 0;
      for (const d of args.filter((a) => !a.startsWith('-'))) {
        if (isDir(d)) {
          if (parents) continue;
          io.err(busybox ? `mkdir: can't create directory '${d}': File exists` : `mkdir: cannot create directory '${d}': File exists`);
          code = 1;
          continue;
        }
        const e = fs.mkdir?.(d);
        if (e) {
          io.err(busybox ? `mkdir: can't create directory '${d}': ${why(e, busybox)}` : `mkdir: cannot create directory '${d}': ${why(e, busybox)}`);
          code = 1;
        }
      }
      return done(code);
    }
    case 'rm': {
      const force = args.some((a) => /^-[a-z]*f/.test(a));
      let code = 0;
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const r = fs.remove(f);
        if (r === true || (r === false && force)) continue;
        const text = r === false ? 'No such file or directory' : why(r, busybox);
        io.err(busybox ? `rm: can't remove '${f}': ${text}` : `rm: cannot remove '${f}': ${text}`);
        code = 1;
      }
      return done(code);
    }
    case 'ls': {
      const { files, flags } = countAndFiles(args, 0);
      const paths = files.length ? files : [host.vars.get('PWD') ?? '/'];
      let code = 0;
      for (const path of paths) {
        const entries = fs.list(path);
        if (entries === undefined) {
          if (fs.read(path) !== undefined) {
            io.out(flags.has('l') ? longLine(path, fs.size?.(path) ?? 0, false, host.now()) : path);
            continue;
          }
          io.err(busybox ? `ls: ${path}: No such file or directory` : `ls: cannot access '${path}': No such file or directory`);
          code = busybox ? 1 : 2;
          continue;
        }
        if (paths.length > 1) io.out(`${path}:`);
        if (flags.has('l')) {
          io.out(`total ${entries.length * 4}`);
          for (const e of entries) {
            const full = `${path.replace(/\/$/, '')}/${e}`;
            const dir = isDir(full);
            io.out(longLine(e, dir ? 4096 : (fs.size?.(full) ?? 0), dir, host.now()));
          }
        } else for (const e of entries) io.out(e);
      }
      return done(code);
    }
    case 'head':
    case 'tail': {
      const { n, files, follow } = countAndFiles(args, 10);
      const file = files[0];
      let text = io.stdin;
      if (file !== undefined) {
        text = fs.read(file);
        if (text === undefined) {
          io.err(busybox ? `${base}: can't open '${file}': No such file or directory` : `${base}: cannot open '${file}' for reading: No such file or directory`);
          return done(1);
        }
      }
      const lines = (text ?? '').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const l of base === 'head' ? lines.slice(0, n) : n === 0 ? [] : lines.slice(-n)) io.out(l);
      if (base === 'tail' && follow) {
        return (function* (): Proc {
          yield Infinity;
          return 0;
        })();
      }
      return done(0);
    }
    case 'wc': {
      const { files, flags } = countAndFiles(args, 0);
      const count = (text: string, size: number) => {
        const l = text.split('\n').length - 1;
        const w = text.split(/\s+/).filter((x) => x !== '').length;
        if (flags.size === 0) return busybox ? `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(size).padStart(7)}` : `${l} ${w} ${size}`;
        return [flags.has('l') ? l : undefined, flags.has('w') ? w : undefined, flags.has('c') ? size : undefined].filter((x) => x !== undefined).join(' ');
      };
      if (files.length === 0) {
        io.out(count(io.stdin ?? '', (io.stdin ?? '').length));
        return done(0);
      }
      let code = 0;
      for (const f of files) {
        const text = fs.read(f);
        if (text === undefined) {
          io.err(busybox ? `wc: can't open '${f}': No such file or directory` : `wc: ${f}: No such file or directory`);
          code = 1;
          continue;
        }
        io.out(`${count(text, fs.size?.(f) ?? text.length)} ${f}`);
      }
      return done(code);
    }
    case 'dd': {
      const kv = new Map(args.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as const));
      const bs = ddSize(kv.get('bs') ?? '512') ?? 512;
      const count = Number(kv.get('count') ?? 0);
      const of = kv.get('of');
      const bytes = bs * count;
      if (of) {
        const e = fs.write(of, '', false, bytes);
        if (e) {
          io.err(`dd: can't open '${of}': ${why(e, busybox)}`);
          return done(1);
        }
      }
      const secs = Math.max(0.001, bytes / 1.5e9);
      return (function* (): Proc {
        yield Math.round(secs * 1000);
        io.err(`${count}+0 records in`);
        io.err(`${count}+0 records out`);
        io.err(busybox ? `${bytes} bytes (${human(bytes)}B) copied, ${secs.toFixed(6)} seconds, ${human(Math.round(bytes / secs))}B/s` : `${bytes} bytes copied, ${secs.toFixed(6)} s, ${(bytes / secs / 1e9).toFixed(1)} GB/s`);
        return 0;
      })();
    }
    case 'du': {
      const { files, flags } = countAndFiles(args, 0);
      let code = 0;
      for (const f of files.length ? files : ['.']) {
        const total = sizeUnder(host, f);
        if (total === undefined) {
          io.err(busybox ? `du: ${f}: No such file or directory` : `du: cannot access '${f}': No such file or directory`);
          code = 1;
          continue;
        }
        const kib = Math.ceil(total / 1024) + 4;
        io.out(`${flags.has('h') ? human(kib * 1024) : kib}\t${f}`);
      }
      return done(code);
    }
    default:
      return undefined;
  }
}

function sizeUnder(host: ShellHost, path: string): number | undefined {
  const entries = host.fs.list(path);
  if (entries === undefined) {
    const s = host.fs.size?.(path) ?? host.fs.read(path)?.length;
    return s;
  }
  let n = 0;
  for (const e of entries) n += sizeUnder(host, `${path.replace(/\/$/, '')}/${e}`) ?? 0;
  return n;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function longLine(name: string, size: number, dir: boolean, now: number): string {
  const d = new Date(now);
  const when = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${dir ? 'drwxr-xr-x    2' : '-rw-r--r--    1'} root     root     ${String(size).padStart(10)} ${when} ${name}`;
}
