/** Data sources of configmaps and secrets: --from-literal, --from-file (files and directories), --from-env-file. */
import type { CommandContext } from '../../types.js';

export type SourceResult = { ok: true; data: [string, string][] } | { ok: false; error: string };

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function validKey(key: string, kind: string): string | undefined {
  if (CONFIG_KEY.test(key) && key !== '.' && key !== '..' && !key.startsWith('..')) return undefined;
  return `error: "${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`;
}

export interface Sources {
  literals: string[];
  files: string[];
  envFiles: string[];
}

/** Collect key/value pairs in kubectl's order: files, then literals, then env files. */
export function readSources(ctx: CommandContext, s: Sources, kind: string, name: string): SourceResult {
  const data: [string, string][] = [];
  if (s.envFiles.length > 0 && (s.files.length > 0 || s.literals.length > 0)) return { ok: false, error: 'error: from-env-file cannot be combined with from-file or from-literal' };
  const add = (k: string, v: string): string | undefined => {
    const bad = validKey(k, kind);
    if (bad) return bad;
    if (data.some(([x]) => x === k)) return `error: cannot add key "${k}", another key by that name already exists in Data for ${kind} "${name}"`;
    data.push([k, v]);
    return undefined;
  };
  for (const f of s.files) {
    const eq = f.indexOf('=');
    const key = eq >= 0 ? f.slice(0, eq) : undefined;
    const path = eq >= 0 ? f.slice(eq + 1) : f;
    if (key === '') return { ok: false, error: `error: key names or file paths cannot be empty` };
    const entries = ctx.files.list(path);
    if (entries) {
      if (key !== undefined) return { ok: false, error: `error: cannot give a key name for a directory path` };
      for (const e of entries) {
        const r = ctx.files.read(`${path.replace(/\/$/, '')}/${e}`);
        if (!r.ok) continue;
        const err = add(e, r.text);
        if (err) return { ok: false, error: err };
      }
      continue;
    }
    const r = ctx.files.read(path);
    if (!r.ok) return { ok: false, error: `error: error reading ${path}: no such file or directory` };
    const err = add(key ?? path.slice(path.lastIndexOf('/') + 1), r.text);
    if (err) return { ok: false, error: err };
  }
  for (const l of s.literals) {
    const eq = l.indexOf('=');
    if (eq <= 0) return { ok: false, error: `error: invalid literal source ${l}, expected key=value` };
    const err = add(l.slice(0, eq), l.slice(eq + 1));
    if (err) return { ok: false, error: err };
  }
  for (const f of s.envFiles) {
    const r = ctx.files.read(f);
    if (!r.ok) return { ok: false, error: `error: error reading ${f}: no such file or directory` };
    for (const raw of r.text.replace(/\r\n/g, '\n').split('\n')) {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!ENV_NAME.test(key)) {
        return {
          ok: false,
          error: `error: "${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        };
      }
      const err = add(key, eq >= 0 ? line.slice(eq + 1) : '');
      if (err) return { ok: false, error: err };
    }
  }
  return { ok: true, data };
}

export function sourcesOf(flags: Record<string, unknown>): Sources {
  return { literals: (flags['from-literal'] as string[]) ?? [], files: (flags['from-file'] as string[]) ?? [], envFiles: (flags['from-env-file'] as string[]) ?? [] };
}

export const SOURCE_FLAGS = [
  { name: 'from-literal', type: 'stringArray' as const, usage: 'Specify a key and literal value to insert (i.e. mykey=somevalue)' },
  { name: 'from-file', type: 'strings' as const, usage: 'Key file can be specified using its file path, in which case file basename will be used as key, or optionally with a key and file path.' },
  { name: 'from-env-file', type: 'stringArray' as const, usage: 'Specify the path to a file to read lines of key=val pairs.' },
  { name: 'append-hash', type: 'bool' as const, usage: 'Append a hash of the data to its name.' },
];

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Go marshals maps with sorted keys. */
export function sortEntries<T>(e: [string, T][]): [string, T][] {
  return [...e].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
