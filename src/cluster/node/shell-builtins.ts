/** The commands scripts in examples use, with busybox / coreutils output shapes. */
import type { Proc, ShellHost } from './shell-run.js';
import { emitText, fileBuiltin } from './shell-files.js';

export interface Io {
  /** A line of output; `partial`: the text has no newline after it (`cat` of a file without one, `echo -n`). */
  out(line: string, partial?: boolean): void;
  err(line: string): void;
  stdin?: string;
}

const ALWAYS = new Set(['echo', 'printf', 'test', '[', 'true', 'false', ':', 'pwd', 'cd', 'read']);

// A command that finishes at once is a generator that never waits.
// eslint-disable-next-line require-yield
export function* done(code: number): Proc {
  return code;
}

/** `sleep` arguments: seconds with an optional s/m/h/d suffix, or `infinity`. */
export function sleepMs(args: string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]!]!;
  }
  return Math.round(total);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `date` as GNU/busybox print it in the UTC C locale: `Thu Jan 15 09:00:05 UTC 2026`. */
export function unixDate(ms: number, format?: string): string {
  const d = new Date(ms);
  if (format === '+%s') return String(Math.floor(ms / 1000));
  if (format?.startsWith('+')) {
    return format.slice(1).replace(/%([YmdHMSsTFZ])/g, (_, f: string) =>
      ({ Y: String(d.getUTCFullYear()), m: p2(d.getUTCMonth() + 1), d: p2(d.getUTCDate()), H: p2(d.getUTCHours()), M: p2(d.getUTCMinutes()), S: p2(d.getUTCSeconds()), s: String(Math.floor(ms / 1000)), T: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`, F: `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`, Z: 'UTC' })[f]!,
    );
  }
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function test(args: string[], host: ShellHost): boolean {
  const a = args;
  if (a.length === 0) return false;
  if (a[0] === '!') return !test(a.slice(1), host);
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, x] = a as [string, string];
    if (op === '-z') return x === '';
    if (op === '-n') return x !== '';
    if (op === '-f' || op === '-e' || op === '-r' || op === '-s') return host.fs.read(x) !== undefined;
    if (op === '-d') return host.fs.list(x) !== undefined;
    return false;
  }
  const [x, op, y] = a as [string, string, string];
  const nx = Number(x);
  const ny = Number(y);
  switch (op) {
    case '=':
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '-eq':
      return nx === ny;
    case '-ne':
      return nx !== ny;
    case '-lt':
      return nx < ny;
    case '-le':
      return nx <= ny;
    case '-gt':
      return nx > ny;
    case '-ge':
      return nx >= ny;
    default:
      return false;
  }
}

function printf(args: string[]): string {
  const [fmt = '', ...rest] = args;
  let k = 0;
  return fmt
    .replace(/%([sd%])/g, (_, f: string) => (f === '%' ? '%' : f === 'd' ? String(Math.trunc(Number(rest[k++] ?? 0))) : (rest[k++] ?? '')))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

/** A builtin or known utility, or undefined when the shell should look further. */
export function builtin(cmd: string, argv: string[], io: Io, host: ShellHost, shellName: string): Proc | undefined {
  const base = cmd.split('/').pop()!;
  if (!ALWAYS.has(base) && !host.has(base)) return undefined;
  const args = argv.slice(1);
  const file = fileBuiltin(base, args, io, host);
  if (file) return file;
  const busybox = host.flavour === 'ash';
  const emit = (text: string) => emitText(io, text);
  switch (base) {
    case 'echo': {
      let a = args;
      let newline = true;
      if (a[0] === '-n') {
        newline = false;
        a = a.slice(1);
      } else if (a[0] === '-e') a = a.slice(1);
      const text = a.join(' ');
      emit(newline ? `${text}\n` : text);
      return done(0);
    }
    case 'printf':
      emit(printf(args));
      return done(0);
    case ':':
    case 'true':
    case 'cd':
    case 'read':
      return done(0);
    case 'false':
      return done(1);
    case 'test':
    case '[':
      return done(test(base === '[' ? args.slice(0, -1) : args, host) ? 0 : 1);
    case 'pwd':
      io.out(host.vars.get('PWD') ?? '/');
      return done(0);
    case 'sleep': {
      const ms = sleepMs(args);
      if (ms === undefined) {
        io.err(args.length === 0 ? (busybox ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...' : 'sleep: missing operand') : `sleep: invalid number '${args[0]}'`);
        return done(1);
      }
      return (function* (): Proc {
        if (ms > 0) yield ms;
        return 0;
      })();
    }
    case 'date':
      io.out(unixDate(host.now(), args.find((a) => a.startsWith('+'))));
      return done(0);
    case 'hostname':
      io.out(host.hostname);
      return done(0);
    case 'whoami':
      io.out('root');
      return done(0);
    case 'id':
      io.out(busybox ? 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)' : 'uid=0(root) gid=0(root) groups=0(root)');
      return done(0);
    case 'uname':
      io.out(args.includes('-a') ? `Linux ${host.hostname} ${host.vars.get('__KERNEL') ?? '5.15.0-1079-azure'} #88-Ubuntu SMP x86_64 GNU/Linux` : args.includes('-r') ? (host.vars.get('__KERNEL') ?? '5.15.0-1079-azure') : 'Linux');
      return done(0);
    case 'env':
    case 'printenv': {
      const visible = [...host.vars].filter(([k]) => !k.startsWith("__"));
      if (args.length) {
        const v = host.vars.get(args[0]!);
        if (v === undefined) return done(1);
        io.out(v);
        return done(0);
      }
      for (const [k, v] of visible) emit(`${k}=${v}\n`);
      return done(0);
    }
    case 'grep': {
      const pat = args.find((a) => !a.startsWith('-')) ?? '';
      const lines = (io.stdin ?? '').split('\n').filter((l) => l !== '' && l.includes(pat));
      if (args.includes('-c')) io.out(String(lines.length));
      else if (!args.includes('-q')) for (const l of lines) io.out(l);
      return done(lines.length ? 0 : 1);
    }
    default:
      void shellName;
      return undefined;
  }
}
