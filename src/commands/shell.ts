/**
 * The one entry for typed commands: splits the line, finds the command
 * (kubectl, az, etcdctl, sleep, …) and runs it. Unknown commands get a short
 * helpful message; nothing typed here can throw out of it.
 */
import type { Command, CommandContext, FileSource, Stream } from './types.js';
import type { World } from '../cluster/world.js';
import type { Session } from './session.js';
import { tokenize } from './tokenize.js';
import { allCommands } from './registry.js';

export interface ExecOptions {
  stdin?: string;
  out: (text: string) => void;
  err: (text: string) => void;
  follow?: (s: Stream) => void;
}

export class Shell {
  readonly commands: Command[];

  constructor(
    readonly world: World,
    readonly session: Session,
    readonly files: FileSource,
    readonly mode: CommandContext['mode'] = 'run',
    extra: Command[] = [],
  ) {
    this.commands = [...allCommands(), ...extra];
  }

  find(name: string): Command | undefined {
    return this.commands.find((c) => c.name === name || c.aliases?.includes(name));
  }

  /** Run one line. Returns the exit code. */
  exec(line: string, o: ExecOptions): number {
    const t = tokenize(line);
    if (!t.ok) {
      o.err(`kubedojo: ${t.error}`);
      return 2;
    }
    if (t.words.length === 0) return 0;
    const [name, ...args] = t.words as [string, ...string[]];
    const cmd = this.find(name);
    if (!cmd) {
      o.err(unknownCommand(name, this.commands));
      return 127;
    }
    const ctx: CommandContext = {
      world: this.world,
      session: this.session,
      files: this.files,
      stdin: o.stdin,
      out: o.out,
      err: o.err,
      follow: o.follow ?? ((s) => s.stop()),
      mode: this.mode,
    };
    try {
      const code = cmd.run(ctx, args);
      // What a request set in motion happens within milliseconds on a real control plane: let the
      // controllers react now (no simulated time passes), so the next command sees it.
      this.world.runUntilIdle();
      return code;
    } catch (e) {
      // A thrown exception is a kubedojo bug: report it as one, keep the session.
      o.err(`kubedojo: internal error in "${name}": ${(e as Error).message}\nThis is a bug in kubedojo; the cluster is unchanged by this command.`);
      return 70;
    }
  }
}

export function unknownCommand(name: string, commands: Command[]): string {
  const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  const close = names.filter((n) => n.length > 1 && editDistance(n, name) <= 2).sort((a, b) => editDistance(a, name) - editDistance(b, name));
  const hint = close.length > 0 ? `\nDid you mean ${close[0]}?` : '';
  return `kubedojo: command not found: ${name}${hint}\nType "help" for the commands kubedojo understands (kubectl, az, etcdctl, sleep, …).`;
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length]![b.length]!;
}
