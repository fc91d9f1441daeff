/**
 * `kubedojo run`: a script against a fresh cluster, printing `$ <command>`
 * and then what the command printed, as the REPL would. Streams (`get -w`,
 * `logs -f`) are followed while the clock advances, up to a bound.
 */
import type { Environment } from './environment.js';
import { parseScript } from './script.js';
import type { Stream } from './types.js';

export interface RunOptions {
  write: (text: string) => void;
  /** How long a stream is followed in simulated time (default 60 s). */
  followMs?: number;
}

export function runScript(env: Environment, source: string, o: RunOptions): number {
  let failed = 0;
  for (const line of parseScript(source)) {
    o.write(`$ ${line.text}\n`);
    const streams: Stream[] = [];
    const code = env.shell.exec(line.text, {
      stdin: line.stdin,
      out: (t) => o.write(t.endsWith('\n') ? t : `${t}\n`),
      err: (t) => o.write(t.endsWith('\n') ? t : `${t}\n`),
      follow: (s) => streams.push(s),
    });
    for (const s of streams) followStream(env, s, o.followMs ?? 60_000);
    if (code !== 0) failed = code;
  }
  return failed;
}

function followStream(env: Environment, s: Stream, limitMs: number): void {
  const end = env.world.clock.now() + limitMs;
  s.poll();
  while (!s.done() && env.world.clock.now() < end) {
    env.world.advance(Math.min(1000, end - env.world.clock.now()));
    s.poll();
  }
  s.stop();
}
