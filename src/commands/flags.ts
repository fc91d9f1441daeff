/**
 * Flags as cobra/pflag parse them: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-o=yaml`, bool flags without a value, `--` ends flags. Errors
 * use pflag's words (`unknown flag: --foo`, `unknown shorthand flag: 'x' in -x`).
 */
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  usage?: string;
  /** Accepted but ignored quietly (`-v`). */
  ignored?: boolean;
  /** pflag's NoOptDefVal: the value when the flag is given without `=value` (`--dry-run` → `unchanged`). */
  noOptDefault?: string;
}

/** How pflag names a flag in its errors: `-r, --replicas` when it has a shorthand. */
export function flagDisplay(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

export type FlagValues = Record<string, string | number | boolean | string[] | undefined>;

export type ParsedFlags = { ok: true; flags: FlagValues; args: string[]; set: Set<string>; /** cobra's ArgsLenAtDash: how many args came before `--` (-1 if none). */ dashAt: number } | { ok: false; error: string };

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  const set = new Set<string>();
  for (const s of specs) if (s.default !== undefined) flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  const args: string[] = [];
  let dashAt = -1;
  const assign = (spec: FlagSpec, raw: string, shown: string): string | undefined => {
    set.add(spec.name);
    switch (spec.type) {
      case 'bool':
        if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(raw)) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        flags[spec.name] = ['true', '1', 't', 'TRUE', 'True'].includes(raw);
        return undefined;
      case 'int': {
        if (!/^-?\d+$/.test(raw)) return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        flags[spec.name] = Number(raw);
        return undefined;
      }
      case 'duration': {
        if (parseGoDuration(raw) === undefined) return `invalid argument "${raw}" for "${shown}" flag: time: invalid duration ${JSON.stringify(raw)}`;
        flags[spec.name] = raw;
        return undefined;
      }
      case 'stringArray': {
        const prev = flags[`__${spec.name}`] ? (flags[spec.name] as string[]) : [];
        flags[spec.name] = [...prev, raw];
        flags[`__${spec.name}`] = true;
        return undefined;
      }
      case 'strings': {
        const prev = set.has(spec.name) && Array.isArray(flags[spec.name]) && flags[`__${spec.name}`] ? (flags[spec.name] as string[]) : [];
        flags[spec.name] = [...prev, ...raw.split(',').filter((x) => x !== '')];
        flags[`__${spec.name}`] = true;
        return undefined;
      }
      default:
        flags[spec.name] = raw;
        return undefined;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      dashAt = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (eq >= 0) {
        const e = assign(spec, a.slice(eq + 1), flagDisplay(spec));
        if (e) return { ok: false, error: e };
      } else if (spec.noOptDefault !== undefined) {
        const e = assign(spec, spec.noOptDefault, flagDisplay(spec));
        if (e) return { ok: false, error: e };
      } else if (spec.type === 'bool') {
        set.add(spec.name);
        flags[spec.name] = true;
      } else {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        const e = assign(spec, argv[++i]!, flagDisplay(spec));
        if (e) return { ok: false, error: e };
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      let j = 1;
      while (j < a.length) {
        const ch = a[j]!;
        const spec = byShort.get(ch);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${a}` };
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            const e = assign(spec, a.slice(j + 2), flagDisplay(spec));
            if (e) return { ok: false, error: e };
            break;
          }
          set.add(spec.name);
          flags[spec.name] = true;
          j++;
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest === '') {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
          rest = argv[++i]!;
        }
        const e = assign(spec, rest, flagDisplay(spec));
        if (e) return { ok: false, error: e };
        break;
      }
      continue;
    }
    args.push(a);
  }
  for (const k of Object.keys(flags)) if (k.startsWith('__')) delete flags[k];
  return { ok: true, flags, args, set, dashAt };
}

/** Go's time.ParseDuration (`30s`, `1m30s`, `500ms`, `2h`, `0`), in ms; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const part of s.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * unit[part[2]!]!;
  return m[1] === '-' ? -total : total;
}
