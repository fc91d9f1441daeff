/**
 * One container instance as the runtime runs it: its argv resolved against
 * the image (entrypoint, shell scripts, image programs), run on a virtual
 * timeline ahead of the clock so the kubelet knows when it will exit, OOM or
 * open its ports. Log lines, file changes and memory carry their time; what a
 * reader sees is what happened up to now.
 */
import type { ProgramSpec } from '../images/types.js';
import type { ResolvedImage } from '../images/catalogue.js';
import { Shell, type Proc, type ShellHost } from './shell-run.js';
import { done, sleepMs, type Io } from './shell-builtins.js';
import { logTime } from './formats.js';
import { ContainerFs, type Mount } from './volumes/container-fs.js';

export interface LogLine {
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export type ExitReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError' | 'ContainerCannotRun' | 'Unknown';

export interface ExitInfo {
  t: number;
  code: number;
  reason: ExitReason;
  message?: string;
}

export interface ProcessOptions {
  image: ResolvedImage;
  argv: string[];
  env: [string, string][];
  /** The image's files (and /etc/hostname) in the container's own writable layer. */
  files: Record<string, string>;
  /** The pod's volumes mounted into this container. */
  mounts?: Mount[];
  hostname: string;
  podIP: string;
  hostIP: string;
  kernel: string;
  start: number;
  memoryLimitMi?: number;
  cpuLimitMilli?: number;
}

const MAX_LINES = 5000;
/** `@+1000 text`: a program line printed 1000 ms after the previous one. */
const LINE_DELAY = /^@\+(\d+) ?(.*)$/;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export class ContainerProcess {
  readonly start: number;
  readonly lines: LogLine[] = [];
  exit?: ExitInfo;
  /** When the main program's ports answer, and which. */
  ports: number[] = [];
  readyAt = Infinity;
  program?: ProgramSpec;
  sigterm: { afterMs: number; code: number; lines?: string[] } | 'ignore' = 'ignore';
  private vt: number;
  private blockedUntil: number;
  private gen?: Proc;
  /** The container's filesystem: its own layer plus the mounted volumes. */
  readonly fs: ContainerFs;
  private mem: { t: number; mi: number; growth: number }[] = [];
  private cpu: { t: number; milli: number; burn: boolean }[] = [];
  /**
   * The last memory and CPU steps, when the steps were added in time order
   * (then a reading at or after the last step is the last step's value):
   * the eviction manager and metrics read these every few seconds.
   */
  private memSorted = true;
  private memLastT = Infinity;
  private memLastFlat = false;
  private memLastMi = 0;
  private cpuSorted = true;
  private cpuLastT = Infinity;
  private cpuLastMilli = 0;
  private readonly memLimit: number | undefined;
  private oomAt = Infinity;
  private dropped = 0;

  constructor(readonly o: ProcessOptions) {
    this.start = o.start;
    this.memLimit = o.memoryLimitMi;
    this.vt = o.start;
    this.blockedUntil = o.start;
    const version = o.image.info.version ?? o.image.tag;
    const files: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.files)) files[k] = v.replace(/\{\{version\}\}/g, version);
    this.fs = new ContainerFs(files, o.mounts);
    const resolved = this.resolve(o.argv, { out: (t) => this.print(t, 'stdout'), err: (t) => this.print(t, 'stderr') });
    if (typeof resolved === 'string') this.exit = { t: o.start, code: 128, reason: 'StartError', message: resolved };
    else this.gen = resolved;
  }

  /** The shell/program host for this container at its own virtual time. */
  host(atNow?: () => number): ShellHost {
    const spec = this.o.image.spec;
    const now = atNow ?? (() => this.vt);
    const vars = new Map<string, string>([['HOSTNAME', this.o.hostname], ...this.o.env, ['HOME', '/root'], ['__KERNEL', this.o.kernel]]);
    return {
      now,
      vars,
      hostname: this.o.hostname,
      flavour: spec.shell ?? 'ash',
      has: (bin) => this.hasBinary(bin),
      fs: {
        read: (p) => this.fs.read(p, now()),
        size: (p) => this.fs.readEntry(p, now())?.size,
        isDir: (p) => this.fs.isDir(p, now()),
        write: (p, text, append, size) => this.fs.write(p, text, append, now(), size),
        remove: (p) => this.fs.remove(p, now()),
        mkdir: (p) => this.fs.mkdir(p, now()),
        list: (d) => this.fs.list(d, now()),
      },
      program: (argv, io) => {
        const p = this.programFor(argv);
        return p ? this.runProgram(p, argv, io) : undefined;
      },
      trap: (sig, action) => {
        if (sig === 'TERM' || sig === '15') {
          const m = /exit\s+(\d+)/.exec(action);
          this.sigterm = { afterMs: 5, code: m ? Number(m[1]) : 143 };
        }
      },
    };
  }

  /** Is `bin` on the image's PATH (its shell and utilities)? */
  hasBinary(bin: string): boolean {
    const spec = this.o.image.spec;
    return !!spec.shell && (SHELLS.has(bin) || (spec.binaries ?? []).includes(bin));
  }

  /** The image program argv names, run as a process of its own in this container (exec), or undefined. */
  execProgram(argv: string[], io: Io): Proc | undefined {
    const p = this.programFor(argv);
    return p ? this.runProgram(p, argv, io) : undefined;
  }

  /** A generator for argv, or the runtime's StartError text. */
  private resolve(argv: string[], io: Io): Proc | string {
    const spec = this.o.image.spec;
    const cmd = argv[0];
    if (!cmd) return 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown';
    const base = cmd.split('/').pop()!;
    const notFound = cmd.includes('/')
      ? `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${cmd}": stat ${cmd}: no such file or directory: unknown`
      : `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${cmd}": executable file not found in $PATH: unknown`;
    if (SHELLS.has(base)) {
      if (!spec.shell) return notFound;
      const sh = new Shell(this.host(), base === 'bash' ? 'bash' : 'sh');
      const ci = argv.indexOf('-c');
      if (ci >= 0 && argv[ci + 1] !== undefined) return sh.run(argv[ci + 1]!, io);
      // No script and no terminal on stdin: the shell reads EOF and exits 0.
      return done(0);
    }
    const prog = this.programFor(argv);
    if (prog) return this.runProgram(prog, argv, io);
    const host = this.host();
    if (host.has(base)) return new Shell(host).run(argv.map(quote).join(' '), io);
    return notFound;
  }

  private programFor(argv: string[]): ProgramSpec | undefined {
    const programs = this.o.image.spec.programs ?? {};
    const base = (argv[0] ?? '').split('/').pop()!;
    return programs[`${base} ${argv[1] ?? ''}`] ?? programs[base];
  }

  private *runProgram(p: ProgramSpec, argv: string[], io: Io): Proc {
    if (p.wrapper) {
      const next = argv.slice(1);
      if (next.length === 0) return 0;
      if (p.wrapper.when.includes((next[0] ?? '').split('/').pop()!)) for (const l of p.lines ?? []) io.out(this.fill(l, argv));
      const r = this.resolve(next, io);
      if (typeof r === 'string') {
        io.err(`${argv[0]}: exec: ${next[0]}: not found`);
        return 127;
      }
      return yield* r;
    }
    if (this.envMissing(p)) {
      for (const l of p.requiresEnv!.lines) io.err(this.fill(l, argv));
      return p.requiresEnv!.code;
    }
    this.applyProgram(p, argv);
    const started = this.vt;
    for (const raw of p.lines ?? []) {
      const m = LINE_DELAY.exec(raw);
      if (m) yield Number(m[1]);
      io.out(this.fill(m ? m[2]! : raw, argv));
    }
    if (p.exit) {
      const left = started + p.exit.afterMs - this.vt;
      if (left > 0) yield left;
      for (const l of p.exit.lines ?? []) io.out(this.fill(l, argv));
      return p.exit.code;
    }
    yield Infinity;
    return 0;
  }

  /** The program needs one of some environment variables and the container has none of them. */
  private envMissing(p: ProgramSpec): boolean {
    return !!p.requiresEnv && !p.requiresEnv.anyOf.some((k) => this.o.env.some(([x]) => x === k));
  }

  /** What starting program p does to this container (as its main program or exec'd into it). */
  private applyProgram(p: ProgramSpec, argv: string[]): void {
    this.program = p;
    this.sigterm = p.sigterm ?? 'ignore';
    const effects = argEffects(argv);
    this.setMemory((p.memoryMi ?? 1) + (effects.memoryMi ?? 0), p.memoryGrowthMiPerSec ?? 0);
    this.setCpu(effects.cpuCores ? effects.cpuCores * 1000 : (p.cpuMilli ?? 0), !!(p.cpuBurn || effects.cpuCores));
    if (p.ports?.length) {
      this.ports = p.ports;
      this.readyAt = this.vt + (p.readyAfterMs ?? 0);
    }
  }

  /**
   * The image program argv names, exec'd into this container for its exit
   * status (an exec probe): the same effects on the container as execProgram
   * run to its end, but its output is only written out when it fails (empty
   * on success). Undefined when argv names no plain program.
   */
  probeProgram(argv: string[]): { exitCode: number; stdout: string; stderr: string } | undefined {
    const p = this.programFor(argv);
    if (!p || p.wrapper) return undefined;
    const text = (lines: string[]) => lines.map((l) => `${this.fill(l, argv)}\n`).join('');
    if (this.envMissing(p)) {
      const code = p.requiresEnv!.code;
      return { exitCode: code, stdout: '', stderr: code === 0 ? '' : text(p.requiresEnv!.lines) };
    }
    this.applyProgram(p, argv);
    const code = p.exit?.code ?? 0;
    if (code === 0) return { exitCode: 0, stdout: '', stderr: '' };
    const lines = (p.lines ?? []).map((raw) => LINE_DELAY.exec(raw)?.[2] ?? raw);
    return { exitCode: code, stdout: text([...lines, ...(p.exit?.lines ?? [])]), stderr: '' };
  }

  private fill(line: string, argv: string[]): string {
    if (!line.includes('{{')) return line;
    return line.replace(/\{\{(\w+)(?::(\w+))?\}\}/g, (all, key: string, arg?: string) => {
      switch (key) {
        case 'time':
          return logTime(arg ?? 'iso', this.vt);
        case 'version':
          return this.o.image.info.version ?? this.o.image.tag;
        case 'kernel':
          return this.o.kernel;
        case 'hostname':
          return this.o.hostname;
        case 'podIP':
          return this.o.podIP;
        case 'hostIP':
          return this.o.hostIP;
        case 'arg':
          return argv[Number(arg)] ?? '';
        default:
          return all;
      }
    });
  }

  private print(text: string, stream: LogLine['stream']): void {
    this.lines.push({ t: this.vt, stream, text });
    if (this.lines.length > MAX_LINES * 1.2) {
      const cut = this.lines.length - MAX_LINES;
      this.lines.splice(0, cut);
      this.dropped += cut;
    }
  }

  /**
   * A step in memory use from now on. A step that repeats the last one (same
   * flat use, from an earlier time) changes nothing and is not kept: an exec
   * probe runs the image's program every period.
   */
  private setMemory(mi: number, growth: number): void {
    const last = this.mem[this.mem.length - 1];
    if (!(growth === 0 && last && last.growth === 0 && last.mi === mi && last.t <= this.vt)) {
      this.mem.push({ t: this.vt, mi, growth });
      this.memSorted &&= !last || last.t <= this.vt;
      this.memLastT = this.vt;
      this.memLastFlat = growth === 0;
      this.memLastMi = mi;
    }
    const limit = this.o.memoryLimitMi;
    if (limit === undefined) return;
    if (mi > limit) this.oomAt = Math.min(this.oomAt, this.vt);
    else if (growth > 0) this.oomAt = Math.min(this.oomAt, this.vt + Math.ceil(((limit - mi) / growth) * 1000));
  }

  private setCpu(milli: number, burn: boolean): void {
    const last = this.cpu[this.cpu.length - 1];
    if (!(last && last.milli === milli && last.burn === burn && last.t <= this.vt)) {
      this.cpu.push({ t: this.vt, milli, burn });
      this.cpuSorted &&= !last || last.t <= this.vt;
      this.cpuLastT = this.vt;
      this.cpuLastMilli = burn ? Math.min(milli || 1000, this.o.cpuLimitMilli ?? Infinity) : milli;
    }
  }

  /** Run the program up to virtual time `to` (or its exit). */
  advance(to: number): void {
    let guard = 0;
    while (!this.exit && this.gen && this.blockedUntil <= to && guard++ < 200_000) {
      if (this.oomAt <= this.blockedUntil) break;
      this.vt = Math.max(this.vt, this.blockedUntil);
      const r = this.gen.next();
      if (r.done) {
        this.finish(this.vt, r.value & 255);
        break;
      }
      this.blockedUntil = r.value === Infinity ? Infinity : this.vt + Math.max(0, r.value);
    }
    if (!this.exit && this.oomAt <= to) this.finish(this.oomAt, 137, 'OOMKilled');
    if (!this.exit && this.vt < to && this.blockedUntil > to) this.vt = Math.min(to, this.blockedUntil);
  }

  /** The next instant the kubelet must look again: the exit, an OOM, or the end of the simulated stretch. */
  nextEventAt(): number {
    if (this.exit) return this.exit.t;
    return Math.min(this.oomAt, this.gen ? this.blockedUntil : Infinity);
  }

  /** Virtual time simulated so far (the kubelet re-checks a long-running loop from here). */
  get horizon(): number {
    return this.exit ? this.exit.t : Math.min(this.vt, this.blockedUntil);
  }

  private finish(t: number, code: number, reason?: ExitReason): void {
    this.exit = { t, code, reason: reason ?? (code === 0 ? 'Completed' : 'Error') };
    this.gen = undefined;
    this.trimAfter(t);
  }

  private trimAfter(t: number): void {
    while (this.lines.length && this.lines[this.lines.length - 1]!.t > t) this.lines.pop();
    this.fs.trim(t);
  }

  /**
   * SIGTERM at `t`, SIGKILL at `deadline`: a program that handles TERM exits
   * after its shutdown lines; one that ignores it (a shell as PID 1) dies at the deadline with 137.
   */
  terminate(t: number, deadline: number): void {
    if (this.exit && this.exit.t <= t) return;
    if (this.sigterm !== 'ignore') {
      this.advance(t);
      if (this.exit && this.exit.t <= t) return;
      const s = this.sigterm;
      const end = Math.min(t + s.afterMs, deadline);
      this.exit = undefined;
      this.gen = undefined;
      this.trimAfter(t);
      this.vt = end;
      for (const l of s.lines ?? []) this.print(this.fill(l, []), 'stdout');
      this.exit = { t: end, code: end === deadline && t + s.afterMs > deadline ? 137 : s.code, reason: 'Completed' };
      if (this.exit.code !== 0) this.exit.reason = 'Error';
      return;
    }
    this.advance(deadline);
    if (this.exit && this.exit.t <= deadline) return;
    this.finish(deadline, 137, 'Error');
  }

  /** Killed with the machine (node failure): nothing after `t` happened. */
  kill(t: number, code = 137, reason: ExitReason = 'Error'): void {
    if (this.exit && this.exit.t <= t) return;
    this.advance(t);
    if (this.exit && this.exit.t <= t) return;
    this.finish(t, code, reason);
  }

  /** Memory in MiB and CPU in millicores at time t. */
  usage(t: number): { memoryMi: number; cpuMilli: number } {
    if (this.exit && this.exit.t <= t) return { memoryMi: 0, cpuMilli: 0 };
    return { memoryMi: this.memoryAt(t), cpuMilli: this.cpuAt(t) };
  }

  /** CPU in millicores at time t (usage(t).cpuMilli). */
  cpuAt(t: number): number {
    if (this.exit && this.exit.t <= t) return 0;
    if (this.cpuSorted && t >= this.cpuLastT) return this.cpuLastMilli;
    let cpuMilli = 0;
    for (const c of this.cpu) if (c.t <= t) cpuMilli = c.burn ? Math.min(c.milli || 1000, this.o.cpuLimitMilli ?? Infinity) : c.milli;
    return cpuMilli;
  }

  /** Memory in MiB at time t (usage(t).memoryMi). */
  memoryAt(t: number): number {
    if (this.exit && this.exit.t <= t) return 0;
    let memoryMi = 0;
    if (this.memSorted && this.memLastFlat && t >= this.memLastT) memoryMi = this.memLastMi;
    else for (const m of this.mem) if (m.t <= t) memoryMi = m.mi + (m.growth * (t - m.t)) / 1000;
    if (this.memLimit !== undefined) memoryMi = Math.min(memoryMi, this.memLimit);
    return memoryMi;
  }

  /** Lines printed up to `t`. */
  linesUntil(t: number): LogLine[] {
    const out: LogLine[] = [];
    for (const l of this.lines) if (l.t <= t) out.push(l);
    return out;
  }

  readFile(path: string, t: number): string | undefined {
    return this.fs.read(path, t);
  }
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Effects of stress-tool arguments: `--vm-bytes 150M`, `-mem-total 150Mi`, `--cpu 2`, `-cpus 2`. */
function argEffects(argv: string[]): { memoryMi?: number; cpuCores?: number } {
  const out: { memoryMi?: number; cpuCores?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1] ?? '';
    if (a === '--vm-bytes' || a === '-mem-total') out.memoryMi = sizeMi(next);
    if (a === '--cpu' || a === '-cpus' || a === '-c') out.cpuCores = Number(next) || undefined;
  }
  return out;
}

function sizeMi(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGkmg]i?)?[bB]?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const u = (m[2] ?? '').toUpperCase()[0];
  return u === 'G' ? n * 1024 : u === 'K' ? n / 1024 : u === 'M' ? n : n / 1048576;
}

export { sleepMs };
