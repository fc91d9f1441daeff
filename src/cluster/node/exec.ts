/**
 * Running a command inside a container (kubectl exec, exec probes, preStop
 * hooks): the image's shell and utilities at the current time, with
 * containerd's error when the binary isn't there.
 */
import type { ContainerProcess } from './process.js';
import { Shell, type Proc, type ShellHost } from './shell-run.js';
import type { ExecTools } from '../api/server.js';
import type { Io } from './shell-builtins.js';

/** `elapsedMs` is the time the command slept (a preStop `sleep 5` delays SIGTERM by 5 s). */
export type ExecOutcome = { ok: true; stdout: string; stderr: string; exitCode: number; elapsedMs: number } | { ok: false; message: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** Words the shell treats itself at a command's start (keywords, builtins), ahead of an image program of that name. */
const SHELL_OWN = new Set(['exit', 'export', 'trap', 'echo', 'printf', 'test', '[', 'true', 'false', ':', 'pwd', 'cd', 'read', 'if', 'then', 'elif', 'else', 'fi', 'for', 'while', 'until', 'do', 'done']);

/** `OCI runtime exec failed: …` for a binary the image doesn't have. */
export function execNotFound(cmd: string): string {
  return cmd.includes('/')
    ? `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": stat ${cmd}: no such file or directory: unknown`
    : `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`;
}

/** A tool's whole output, replayed line by line into the shell (so pipes and redirects see it); it takes no simulated time. */
function* replay(run: () => { stdout: string; stderr: string; exitCode: number }, io: Io): Proc {
  yield 0;
  const r = run();
  const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  for (const l of lines(r.stdout)) io.out(l);
  for (const l of lines(r.stderr)) io.err(l);
  return r.exitCode;
}

/** The container's host, with `tools` answering before the image's own programs. */
function withTools(host: ShellHost, tools: ExecTools | undefined): ShellHost {
  if (!tools) return host;
  return {
    ...host,
    program: (argv, io) => {
      const run = tools(argv);
      return run ? replay(run, io) : host.program?.(argv, io);
    },
  };
}

export function execIn(proc: ContainerProcess, argv: string[], now: number, stdin?: string, tools?: ExecTools): ExecOutcome {
  const cmd = argv[0];
  if (!cmd) return { ok: false, message: 'command is required' };
  const base = cmd.split('/').pop()!;
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string, partial?: boolean) => (stdout += partial ? t : `${t}\n`), err: (t: string) => (stderr += `${t}\n`), stdin };
  if (!tools && runsDirectly(proc, cmd, base)) {
    const g = proc.execProgram(argv, io);
    if (!g) return { ok: false, message: execNotFound(cmd) };
    return finish(g, () => ({ stdout, stderr }));
  }
  const host = withTools(proc.host(() => now), tools);
  let script: string;
  let shellName: 'sh' | 'bash' = 'sh';
  if (SHELLS.has(base)) {
    if (!host.has(base)) return { ok: false, message: execNotFound(cmd) };
    const ci = argv.indexOf('-c');
    if (ci < 0) return { ok: true, stdout: '', stderr: '', exitCode: 0, elapsedMs: 0 };
    script = argv[ci + 1] ?? '';
    shellName = base === 'bash' ? 'bash' : 'sh';
  } else {
    if (!host.has(base) && !(host.program && host.program(argv, io))) return { ok: false, message: execNotFound(cmd) };
    script = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  return finish(new Shell(host, shellName).run(script, io), () => ({ stdout, stderr }));
}

/**
 * An image program that isn't on the shell's PATH (an exec probe's binary):
 * the shell would only hand its argv back to the program, so it runs directly.
 */
function runsDirectly(proc: ContainerProcess, cmd: string, base: string): boolean {
  return !SHELLS.has(base) && !SHELL_OWN.has(base) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd) && !proc.hasBinary(base);
}

/** An exec probe's command: its exit status, with its output only when it fails. */
export function execProbe(proc: ContainerProcess, argv: string[], now: number): { ok: true; exitCode: number; output: string } | { ok: false; message: string } {
  const cmd = argv[0];
  const r = cmd && runsDirectly(proc, cmd, cmd.split('/').pop()!) ? proc.probeProgram(argv) : undefined;
  if (r) return { ok: true, exitCode: r.exitCode, output: r.exitCode === 0 ? '' : r.stdout + r.stderr };
  const e = execIn(proc, argv, now);
  if (!e.ok) return e;
  return { ok: true, exitCode: e.exitCode, output: e.exitCode === 0 ? '' : e.stdout + e.stderr };
}

/** Run the command to its end at once; the time it slept is reported, not spent. */
function finish(g: Proc, output: () => { stdout: string; stderr: string }): ExecOutcome {
  let r = g.next();
  let elapsedMs = 0;
  for (let guard = 0; !r.done && guard < 10_000; guard++) {
    if (r.value === Infinity) break;
    elapsedMs += r.value;
    r = g.next();
  }
  return { ok: true, ...output(), exitCode: r.done ? r.value : 0, elapsedMs };
}
