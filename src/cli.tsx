#!/usr/bin/env node
/**
 * kubedojo's entry: the TUI by default; `run <file|->` for scripts; `serve`
 * and `demo` join as their issues land. Non-TTY input falls back to a plain
 * line-mode REPL that prints the same text.
 */
import './gc-tuning.js';
import { readFileSync } from 'node:fs';
import { createEnvironment, type Environment } from './commands/environment.js';
import { runScript } from './commands/run.js';
import { startPlainRepl } from './plain-repl.js';
import type { Dojo } from './lessons/dojo.js';
import type { AlongsideServe } from './server/cli.js';

const VERSION = '0.1.0';

function usage(): string {
  return [
    'kubedojo: learn Kubernetes on Azure (AKS) in your terminal',
    '',
    'Usage:',
    '  kubedojo                 open the interactive session',
    '  kubedojo run <file|->    run commands from a file (one a line) and print the transcript',
    '  kubedojo lessons test|lint [dir]  prove or check lesson files (instructors)',
    '  kubedojo demo                     a short self-playing tour',
    '  kubedojo serve           serve the cluster to real kubectl (HTTPS on 127.0.0.1, kubeconfig written)',
    '  kubedojo --serve         the interactive session, and serve its cluster to real kubectl at the same time',
    '  kubedojo --plain         line-mode session (screen readers, logs, pipes)',
    '  kubedojo --no-color      no colours (also NO_COLOR=1); letters and symbols stay',
    '',
    'Options:',
    '  --seed N                 seed of the simulated cluster (default 1)',
    '  --lessons DIR            take lessons from your own folder (workshops)',
    '  --serve-port N           port for --serve (default 6443)',
    '  --version                print the version',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => {
    const had = argv.includes(name);
    argv = argv.filter((a) => a !== name);
    return had;
  };
  const noColor = flag('--no-color') || (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '');
  const plain = flag('--plain');
  const withServe = flag('--serve');
  const servePortIdx = argv.indexOf('--serve-port');
  let servePort = 6443;
  if (servePortIdx >= 0) {
    servePort = Number(argv[servePortIdx + 1]);
    if (!Number.isInteger(servePort) || servePort < 0 || servePort > 65535) {
      process.stderr.write('kubedojo: --serve-port needs a port number\n');
      return 2;
    }
    argv = [...argv.slice(0, servePortIdx), ...argv.slice(servePortIdx + 2)];
  }
  const seedIdx = argv.indexOf('--seed');
  let seed = 1;
  if (seedIdx >= 0) {
    seed = Number(argv[seedIdx + 1]);
    if (!Number.isInteger(seed)) {
      process.stderr.write(`kubedojo: --seed needs an integer\n`);
      return 2;
    }
    argv = [...argv.slice(0, seedIdx), ...argv.slice(seedIdx + 2)];
  }
  const lessonsIdx = argv.indexOf('--lessons');
  let lessonsDir: string | undefined;
  if (lessonsIdx >= 0) {
    lessonsDir = argv[lessonsIdx + 1];
    if (!lessonsDir) {
      process.stderr.write('kubedojo: --lessons needs a folder of lesson files\n');
      return 2;
    }
    argv = [...argv.slice(0, lessonsIdx), ...argv.slice(lessonsIdx + 2)];
  }
  const [cmd, ...rest] = argv;
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`kubedojo ${VERSION}\n`);
    return 0;
  }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (cmd === 'run') {
    const file = rest[0];
    if (!file) {
      process.stderr.write('kubedojo run: missing script file (use - for standard input)\n');
      return 2;
    }
    let source: string;
    try {
      source = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`kubedojo run: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    const env = createEnvironment({ seed });
    return runScript(env, source, { write: (t) => process.stdout.write(t) }) === 0 ? 0 : 1;
  }
  if (cmd === 'lessons') {
    const { lessonsMain } = await import('./lessons/cli.js');
    return lessonsMain(rest, (t) => process.stdout.write(t));
  }
  if (cmd === 'demo' && process.stdin.isTTY && process.stdout.isTTY && !plain) {
    const { Dojo } = await import('./lessons/dojo.js');
    const { confProgress } = await import('./lessons/progress.js');
    const dojo = new Dojo({ seed, lessonsDir, progress: confProgress(), mode: 'tui' });
    if (noColor) process.env.FORCE_COLOR = '0';
    const { startTui } = await import('./ui/start.js');
    return startTui(dojo.env, dojo, { demo: true });
  }
  if (cmd === 'demo') {
    const { playPlain } = await import('./lessons/demo.js');
    return playPlain(createEnvironment({ seed }), (t) => process.stdout.write(t)) === 0 ? 0 : 1;
  }
  if (cmd === 'serve') {
    const { serveMain } = await import('./server/cli.js');
    return serveMain(rest, seed);
  }
  if (cmd === undefined) {
    const { Dojo } = await import('./lessons/dojo.js');
    const { confProgress } = await import('./lessons/progress.js');
    const dojo = new Dojo({ seed, lessonsDir, progress: confProgress(), mode: 'tui' });
    const tty = !plain && !!process.stdin.isTTY && !!process.stdout.isTTY;
    let serve: AlongsideServe | undefined;
    if (withServe) {
      const { serveAlongside } = await import('./server/cli.js');
      // The TUI's ticker drives the clock; the plain REPL has none, so serve runs it in real time.
      const r = await serveAlongside(() => dojo.env.world, { port: servePort, speed: tty ? 0 : 1 });
      if (!r.ok) {
        process.stderr.write(`${r.error}\n`);
        return 1;
      }
      serve = r.value;
    }
    try {
      if (!tty) {
        const notice = dojo.startupNotice();
        if (notice && process.stdout.isTTY) process.stdout.write(`${notice}\n`);
        if (serve) process.stdout.write(`${serve.lines.join('\n')}\n`);
        return await startPlainRepl(dojoEnvironment(dojo));
      }
      // chalk decides its colour level when Ink is first loaded: say "none" before that.
      if (noColor) process.env.FORCE_COLOR = '0';
      const { startTui } = await import('./ui/start.js');
      return await startTui(dojo.env, dojo, { serve });
    } finally {
      await serve?.handle.close();
    }
  }
  process.stderr.write(`kubedojo: unknown command "${cmd}"\n\n${usage()}\n`);
  return 2;
}

/** The plain REPL runs scripts on an Environment: this one sends every line through the Dojo (lessons, undo). */
function dojoEnvironment(dojo: Dojo): Environment {
  const shell = {
    exec: (line: string, o: Parameters<Environment['shell']['exec']>[1]) => dojo.exec(line, { out: o.out, err: o.err, stdin: o.stdin, follow: o.follow }),
  };
  return {
    get world() {
      return dojo.env.world;
    },
    get session() {
      return dojo.env.session;
    },
    shell: shell as unknown as Environment['shell'],
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kubedojo: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
