/**
 * The command layer's contract. kubectl, az, etcdctl and kubedojo's own
 * commands are small objects; they turn words into API requests and print
 * results to the context's streams. The TUI, `kubedojo run` and lessons all
 * go through the same Shell.
 */
import type { World } from '../cluster/world.js';
import type { Session } from './session.js';

export interface FileSource {
  /** Read a file (relative to cwd). Returns an error message instead of throwing. */
  read(path: string): { ok: true; text: string } | { ok: false; error: string };
  /** A directory's entries (for `apply -f dir/`), or undefined when not a directory. */
  list(path: string): string[] | undefined;
}

/** Something that keeps printing as the clock moves (`get -w`, `logs -f`), until stopped. */
export interface Stream {
  /** Called after the world changed or the clock moved; prints what is new. */
  poll(): void;
  /** The stream ended on its own (timeout, object deleted). */
  done(): boolean;
  stop(): void;
}

export interface CommandContext {
  world: World;
  session: Session;
  files: FileSource;
  /** Text for `-f -` (a heredoc in a run script, a paste in the TUI). */
  stdin?: string;
  out(text: string): void;
  err(text: string): void;
  /**
   * Hand a stream to the front end. `run` polls it while advancing the clock
   * up to a bound; the TUI keeps it until Ctrl-C.
   */
  follow(stream: Stream): void;
  /** Front-end environment: `run`, the TUI or a lesson replay. */
  mode: 'run' | 'tui' | 'lesson';
}

export interface Command {
  name: string;
  aliases?: string[];
  summary: string;
  /** Returns the exit code. Never throws for bad input: print the error and return 1. */
  run(ctx: CommandContext, args: string[]): number;
}
