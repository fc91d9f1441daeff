/**
 * Arguments as the Azure CLI (Python argparse under knack) parses them:
 * `--name value`, `--name=value`, `-n value`, bool switches, nargs='+'
 * lists (`--zones 1 2 3`), and argparse's own error words.
 */
export type AzArgType = 'string' | 'int' | 'float' | 'bool' | 'list';

export interface AzArg {
  /** Long option, e.g. `--resource-group`. */
  name: string;
  /** Other spellings: `-g`, `--ca-profile`. */
  aliases?: string[];
  type: AzArgType;
  required?: boolean;
  /** Accepted values (case-insensitive, as az enums are). */
  choices?: string[];
  /** Help text for the short usage line. */
  help?: string;
}

export type AzValues = Record<string, string | number | boolean | string[] | undefined>;

export type AzParsed = { ok: true; values: AzValues } | { ok: false; error: string };

/** `--resource-group/-g` as argparse names an option in its messages. */
export function optionLabel(a: AzArg): string {
  return [a.name, ...(a.aliases ?? [])].join('/');
}

/** The key a value is stored under: `--node-count` → `node-count`. */
export function key(a: AzArg): string {
  return a.name.replace(/^-+/, '');
}

export function parseAzArgs(argv: string[], specs: AzArg[]): AzParsed {
  const byOpt = new Map<string, AzArg>();
  for (const s of specs) for (const o of [s.name, ...(s.aliases ?? [])]) byOpt.set(o, s);
  const values: AzValues = {};
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let word = argv[i]!;
    let inline: string | undefined;
    if (word.startsWith('--') && word.includes('=')) {
      inline = word.slice(word.indexOf('=') + 1);
      word = word.slice(0, word.indexOf('='));
    }
    const spec = word.startsWith('-') && word.length > 1 && !/^-\d/.test(word) ? byOpt.get(word) : undefined;
    if (!spec) {
      unknown.push(argv[i]!);
      continue;
    }
    const label = optionLabel(spec);
    if (spec.type === 'bool') {
      if (inline !== undefined) return { ok: false, error: `argument ${label}: ignored explicit argument '${inline}'` };
      values[key(spec)] = true;
      continue;
    }
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1 && !/^-\d/.test(next))) return undefined;
      i++;
      return next;
    };
    if (spec.type === 'list') {
      const items: string[] = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < argv.length && !(argv[i + 1]!.startsWith('-') && argv[i + 1]!.length > 1 && !/^-\d/.test(argv[i + 1]!))) items.push(argv[++i]!);
      if (items.length === 0) return { ok: false, error: `argument ${label}: expected at least one argument` };
      values[key(spec)] = items;
      continue;
    }
    const raw = takeValue();
    if (raw === undefined) return { ok: false, error: `argument ${label}: expected one argument` };
    if (spec.type === 'int') {
      if (!/^[-+]?\d+$/.test(raw.trim())) return { ok: false, error: `argument ${label}: invalid int value: '${raw}'` };
      values[key(spec)] = Number(raw);
      continue;
    }
    if (spec.type === 'float') {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw.trim())) return { ok: false, error: `argument ${label}: invalid float value: '${raw}'` };
      values[key(spec)] = Number(raw);
      continue;
    }
    if (spec.choices) {
      const hit = spec.choices.find((c) => c.toLowerCase() === raw.toLowerCase());
      if (!hit) return { ok: false, error: `argument ${label}: invalid choice: '${raw}' (choose from ${spec.choices.map((c) => `'${c}'`).join(', ')})` };
      values[key(spec)] = hit;
      continue;
    }
    values[key(spec)] = raw;
  }
  const missing = specs.filter((s) => s.required && values[key(s)] === undefined);
  if (missing.length > 0) return { ok: false, error: `the following arguments are required: ${missing.map(optionLabel).join(', ')}` };
  if (unknown.length > 0) return { ok: false, error: `unrecognized arguments: ${unknown.join(' ')}` };
  return { ok: true, values };
}

/** `k1=v1 k2=v2` (space-separated, as az takes tags and labels) → a map. */
export function keyValues(items: string[] | undefined): Record<string, string> | undefined {
  if (!items) return undefined;
  const out: Record<string, string> = {};
  for (const it of items.flatMap((x) => x.split(' ')).filter(Boolean)) {
    const eq = it.indexOf('=');
    if (eq < 0) out[it] = '';
    else out[it.slice(0, eq)] = it.slice(eq + 1);
  }
  return out;
}

export const RG: AzArg = { name: '--resource-group', aliases: ['-g'], type: 'string', required: true };
export const NAME: AzArg = { name: '--name', aliases: ['-n'], type: 'string', required: true };
export const CLUSTER_NAME: AzArg = { name: '--cluster-name', type: 'string', required: true };
export const NO_WAIT: AzArg = { name: '--no-wait', type: 'bool' };
export const YES: AzArg = { name: '--yes', aliases: ['-y'], type: 'bool' };
