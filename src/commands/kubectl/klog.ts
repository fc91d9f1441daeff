/**
 * kubectl's klog lines (`E1123 12:34:52.749572   10478 run.go:72] …`), which real
 * kubectl prints for some errors and warnings. The time is the simulated
 * clock's; the process id is fixed so that transcripts are reproducible.
 */
import type { CommandContext } from '../types.js';

const PID = 4242;

export function klogLine(ctx: CommandContext, level: 'E' | 'W' | 'I', source: string, message: string): string {
  const d = new Date(ctx.world.clock.now());
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
  return `${level}${stamp} ${String(PID).padStart(7)} ${source}] ${message}`;
}

/** cobra's required-flag failure as kubectl 1.32 reports it (through klog). */
export function requiredFlagError(ctx: CommandContext, names: string[]): string {
  const err = `required flag(s) ${names.map((n) => `"${n}"`).join(', ')} not set`;
  return klogLine(ctx, 'E', 'run.go:72', `"command failed" err=${JSON.stringify(err)}`);
}
