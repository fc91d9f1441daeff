/**
 * KEDA's cron trigger: active from a `start` occurrence until the next `end`
 * occurrence, in a time zone. As KEDA decides it: with the next start and the
 * next end after now, the window is open when the next end comes first.
 * Five-field cron expressions (minute hour day-of-month month day-of-week)
 * with `*`, lists, ranges and steps.
 */

type Field = Set<number>;

function parseField(text: string, min: number, max: number): Field | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    let lo = min;
    let hi = max;
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-').map(Number);
      lo = a!;
      hi = b ?? (m[2] ? max : a!);
    }
    const step = m[2] ? Number(m[2]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

function parseCron(expr: string): Cron | { error: string } {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return { error: `expected exactly 5 fields, found ${f.length}: [${f.join(' ')}]` };
  const minute = parseField(f[0]!, 0, 59);
  const hour = parseField(f[1]!, 0, 23);
  const dom = parseField(f[2]!.replace('?', '*'), 1, 31);
  const month = parseField(f[3]!, 1, 12);
  const dowRaw = parseField(f[4]!.replace('?', '*'), 0, 7);
  if (!minute || !hour || !dom || !month || !dowRaw) return { error: `failed to parse cron expression "${expr}"` };
  const dow = new Set([...dowRaw].map((d) => d % 7));
  return { minute, hour, dom, month, dow };
}

/** Minutes east of UTC for a time zone at an instant (fixed for the search). */
function offsetMinutes(timezone: string, t: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(t));
    const get = (k: string) => Number(parts.find((p) => p.type === k)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((local - Math.floor(t / 60_000) * 60_000) / 60_000);
  } catch {
    return undefined;
  }
}

/** The next time (ms, UTC) after `t` the expression fires, within 400 days. */
function next(c: Cron, t: number, offset: number): number {
  const MIN = 60_000;
  let local = (Math.floor(t / MIN) + 1) * MIN + offset * MIN;
  const limit = local + 400 * 24 * 60 * MIN;
  while (local < limit) {
    const d = new Date(local);
    if (!c.month.has(d.getUTCMonth() + 1) || !c.dom.has(d.getUTCDate()) || !c.dow.has(d.getUTCDay())) {
      local = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!c.hour.has(d.getUTCHours())) {
      local = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!c.minute.has(d.getUTCMinutes())) {
      local += MIN;
      continue;
    }
    return local - offset * MIN;
  }
  return Infinity;
}

/** Is the window open at `now`, and when does it next change? */
export function cronActive(start: string, end: string, timezone: string, now: number): { active: boolean; nextStart: number; nextEnd: number } | { error: string } {
  const s = parseCron(start);
  if ('error' in s) return { error: `error parsing start schedule: ${s.error}` };
  const e = parseCron(end);
  if ('error' in e) return { error: `error parsing end schedule: ${e.error}` };
  const off = offsetMinutes(timezone, now);
  if (off === undefined) return { error: `unable to load timezone. Error: unknown time zone ${timezone}` };
  const nextStart = next(s, now, off);
  const nextEnd = next(e, now, off);
  if (start.trim() === end.trim()) return { error: 'error parsing cron metadata: start and end should not be same' };
  return { active: nextEnd < nextStart, nextStart, nextEnd };
}
