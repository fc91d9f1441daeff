/** The line-mode REPL: the same commands and output as the TUI, one line at a time, no escape codes. */
import { createInterface } from 'node:readline';
import type { Environment } from './commands/environment.js';

export function startPlainRepl(env: Environment): Promise<number> {
  return new Promise((resolve) => {
    const tty = !!process.stdin.isTTY;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty, prompt: tty ? 'kubedojo> ' : '' });
    if (tty) process.stdout.write('kubedojo (plain mode). Type "help" for commands, Ctrl-D to quit.\n');
    let last = 0;
    rl.on('line', (line) => {
      if (!tty && line.trim() !== '') process.stdout.write(`$ ${line.trim()}\n`);
      last = env.shell.exec(line, {
        out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
        err: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
      });
      if (tty) rl.prompt();
    });
    rl.on('close', () => resolve(tty ? 0 : last === 0 ? 0 : 1));
    if (tty) rl.prompt();
  });
}
