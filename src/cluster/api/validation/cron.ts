/**
 * The standard cron parser CronJobs use (robfig/cron v3 ParseStandard):
 * five fields or a descriptor (@hourly, @every 1h), with its error texts.
 * `nextAfter` gives the next firing time for the CronJob controller.
 */

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** Either day field restricted with `*` / `?`: the other one alone decides. */
  domStar: boolean;
  dowStar: boolean;
  /** `@every <duration>`: a fixed interval in ms. */
  everyMs?: number;
}

type Bounds = { min: number; max: number; names?: Record<string, number> };

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export type CronResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

function parseInt10(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s);
}

function value(s: string, b: Bounds): number | string {
  const named = b.names?.[s.toLowerCase()];
  return named ?? parseInt10(s);
}

function parseField(field: string, b: Bounds): Set<number> | string {
  const out = new Set<number>();
  for (const expr of field.split(',')) {
    const slash = expr.split('/');
    if (slash.length > 2) return `too many slashes: ${expr}`;
    const range = slash[0]!.split('-');
    if (range.length > 2) return `too many hyphens: ${expr}`;
    let start: number;
    let end: number;
    let star = false;
    if (range[0] === '*' || range[0] === '?') {
      start = b.min;
      end = b.max;
      star = true;
    } else {
      const s = value(range[0]!, b);
      if (typeof s === 'string') return s;
      start = s;
      if (range.length === 2) {
        const e = value(range[1]!, b);
        if (typeof e === 'string') return e;
        end = e;
      } else end = start;
    }
    let step = 1;
    if (slash.length === 2) {
      const st = parseInt10(slash[1]!);
      if (typeof st === 'string') return st;
      step = st;
      if (!star && range.length === 1) end = b.max;
      if (step <= 0) return `step of range should be a positive number: ${expr}`;
    }
    if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
    if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
    for (let i = start; i <= end; i += step) out.add(i);
  }
  return out;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

function parseGoDuration(s: string): number | undefined {
  if (!DURATION.test(s)) return undefined;
  const mult: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * mult[m[2]!]!;
  return total;
}

export function parseCron(spec: string): CronResult {
  let s = spec.trim();
  if (s.length === 0) return { ok: false, error: 'empty spec string' };
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    if (i < 0) return { ok: false, error: `provided bad location ${s.slice(s.indexOf('=') + 1)}: unknown time zone ${s.slice(s.indexOf('=') + 1)}` };
    s = s.slice(i + 1).trim();
  }
  if (s.startsWith('@')) {
    if (s.startsWith('@every ')) {
      const d = parseGoDuration(s.slice(7).trim());
      if (d === undefined) return { ok: false, error: `failed to parse duration ${s}: time: invalid duration ${JSON.stringify(s.slice(7).trim())}` };
      const all = (n: number, m: number) => new Set(Array.from({ length: m - n + 1 }, (_, i) => n + i));
      return { ok: true, schedule: { minute: all(0, 59), hour: all(0, 23), dom: all(1, 31), month: all(1, 12), dow: all(0, 6), domStar: true, dowStar: true, everyMs: Math.max(1000, d) } };
    }
    const expanded = DESCRIPTORS[s];
    if (!expanded) return { ok: false, error: `unrecognized descriptor: ${s}` };
    s = expanded;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const sets: Set<number>[] = [];
  for (let i = 0; i < 5; i++) {
    const r = parseField(fields[i]!, FIELDS[i]!);
    if (typeof r === 'string') return { ok: false, error: r };
    sets.push(r);
  }
  const star = (f: string) => f === '*' || f === '?' || f.startsWith('*/') || f.startsWith('?/');
  return { ok: true, schedule: { minute: sets[0]!, hour: sets[1]!, dom: sets[2]!, month: sets[3]!, dow: sets[4]!, domStar: star(fields[2]!), dowStar: star(fields[4]!) } };
}

/** The first firing strictly after `after` (ms, UTC), searching up to five years ahead. */
export function nextAfter(c: CronSchedule, after: number): number | undefined {
  if (c.everyMs) return after - (after % 1000) + c.everyMs;
  let t = Math.floor(after / 60000) * 60000 + 60000;
  const limit = after + 5 * 366 * 86400000;
  while (t <= limit) {
    const d = new Date(t);
    if (!c.month.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    const domOk = c.dom.has(d.getUTCDate());
    const dowOk = c.dow.has(d.getUTCDay());
    const dayOk = c.domStar || c.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!c.hour.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (c.minute.has(d.getUTCMinutes())) return t;
    t += 60000;
  }
  return undefined;
}
