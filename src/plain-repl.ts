/**
 * The line-mode REPL (`--plain`, or when stdin/stdout is not a terminal): the
 * same commands and output as `kubedojo run` — heredocs, `\` continuations,
 * followed streams — one command at a time, with no escape codes. On a pipe
 * it prints `$ command` before each command's output, exactly as `run` does.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Environment } from './commands/environment.js';
import { runScript } from './commands/run.js';
import { parseScript } from './commands/script.js';

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/;

/** Collects typed lines into complete script chunks (a command with its continuation or heredoc body). */
export class ChunkReader {
  private lines: string[] = [];
  private marker: string | undefined;

  /** Add a line; returns a complete chunk, or undefined while more lines are needed. */
  push(line: string): string | undefined {
    this.lines.push(line);
    if (this.marker !== undefined) {
      if (line.trim() !== this.marker) return undefined;
      this.marker = undefined;
      return this.take();
    }
    if (line.endsWith('\\')) return undefined;
    const joined = this.lines.join('\n').replace(/\\\n/g, ' ');
    const here = HEREDOC.exec(joined.trim());
    if (here && !joined.trim().startsWith('#')) {
      this.marker = here[2];
      return undefined;
    }
    return this.take();
  }

  get pending(): boolean {
    return this.lines.length > 0;
  }

  take(): string {
    const chunk = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.marker = undefined;
    return chunk;
  }
}

export interface PlainIo {
  input: Readable;
  output: Writable;
  tty: boolean;
}

export function startPlainRepl(env: Environment, io: PlainIo = { input: process.stdin, output: process.stdout, tty: !!process.stdin.isTTY && !!process.stdout.isTTY }): Promise<number> {
  return new Promise((resolve) => {
    const { tty } = io;
    const rl = createInterface({ input: io.input, output: tty ? io.output : undefined, terminal: tty, prompt: 'kubedojo> ' });
    const write = (t: string) => io.output.write(t);
    if (tty) write('kubedojo (plain mode). Type "help" for commands, Ctrl-D to quit.\n');
    const reader = new ChunkReader();
    let failed = 0;
    const runChunk = (chunk: string) => {
      // On a terminal the learner already sees what they typed: leave out run's `$ command` echo.
      const echoes = new Set(tty ? parseScript(chunk).map((l) => `$ ${l.text}\n`) : []);
      const code = runScript(env, chunk, {
        write: (t) => {
          if (echoes.has(t)) echoes.delete(t);
          else write(t);
        },
      });
      if (code !== 0) failed = code;
    };
    rl.on('line', (line) => {
      const t = line.trim();
      if (tty && reader.pending === false && (t === 'exit' || t === 'quit')) {
        rl.close();
        return;
      }
      const chunk = reader.push(line);
      if (chunk !== undefined) runChunk(chunk);
      if (tty) rl.setPrompt(reader.pending ? '> ' : 'kubedojo> ');
      if (tty) rl.prompt();
    });
    rl.on('close', () => {
      if (reader.pending) runChunk(reader.take());
      resolve(tty ? 0 : failed === 0 ? 0 : 1);
    });
    if (tty) rl.prompt();
  });
}
