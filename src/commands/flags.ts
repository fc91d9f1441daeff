/**
 * Flags as cobra/pflag parse them: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-o=yaml`, bool flags without a value, `--` ends flags. Errors
 * use pflag's words (`unknown flag: --foo`, `unknown shorthand flag: 'x' in -x`).
 */
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  usage?: string;
  /** Accepted but ignored quietly (`-v`). */
  ignored?: boolean;
}

export type FlagValues = Record<string, string | number | boolean | string[] | undefined>;

export type ParsedFlags = { ok: true; flags: FlagValues; args: string[]; set: Set<string> } | { ok: false; error: string };

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  const set = new Set<string>();
  for (const s of specs) if (s.default !== undefined) flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  const args: string[] = [];
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
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (eq >= 0) {
        const e = assign(spec, a.slice(eq + 1), `--${name}`);
        if (e) return { ok: false, error: e };
      } else if (spec.type === 'bool') {
        set.add(spec.name);
        flags[spec.name] = true;
      } else {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        const e = assign(spec, argv[++i]!, `--${name}`);
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
            const e = assign(spec, a.slice(j + 2), `-${ch}, --${spec.name}`);
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
        const e = assign(spec, rest, `-${ch}, --${spec.name}`);
        if (e) return { ok: false, error: e };
        break;
      }
      continue;
    }
    args.push(a);
  }
  for (const k of Object.keys(flags)) if (k.startsWith('__')) delete flags[k];
  return { ok: true, flags, args, set };
}
