/**
 * A thrown exception in the UI is a kubedojo bug: it goes to a log file with
 * its stack, and the learner sees one line naming the file.
 */
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function bugLogPath(): string {
  return join(process.env.KUBEDOJO_CONFIG_DIR ?? tmpdir(), 'kubedojo-bugs.log');
}

/** Log the error; returns the one line to show. Never throws. */
const logged = new Set<string>();

export function reportBug(where: string, error: unknown, extra = ''): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const path = bugLogPath();
  const key = `${where}|${e.message}`;
  if (logged.has(key)) return `kubedojo bug in ${where}: ${e.message} — details in ${path}; the session goes on`;
  logged.add(key);
  try {
    appendFileSync(path, `--- ${new Date().toISOString()} ${where}\n${e.stack ?? e.message}\n${extra}\n`);
  } catch {
    return `kubedojo bug in ${where}: ${e.message} (could not write ${path}); the session goes on`;
  }
  return `kubedojo bug in ${where}: ${e.message} — details in ${path}; the session goes on`;
}
