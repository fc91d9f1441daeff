/** Reading manifests for `-f`: files, directories, `-` (stdin); YAML with several documents, or JSON; `List` kinds unwrapped. */
import { parseAllDocuments } from 'yaml';
import type { CommandContext } from '../types.js';
import type { KObject } from '../../cluster/api/types.js';

export interface Manifest {
  source: string;
  object: KObject;
}

export type ManifestResult = { ok: true; items: Manifest[] } | { ok: false; error: string };

export function parseManifestText(text: string, source: string): ManifestResult {
  const items: Manifest[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false });
  } catch (e) {
    return { ok: false, error: `error: error parsing ${source}: ${(e as Error).message}` };
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      const line = err.linePos?.[0]?.line ?? 1;
      return { ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlMessage(err.message)}` };
    }
    const v = doc.toJS() as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: `error: error validating "${source}": error validating data: invalid object; if you choose to ignore these errors, turn validation off with --validate=false` };
    const o = v as KObject;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      for (const it of o.items as KObject[]) items.push({ source, object: it });
    } else items.push({ source, object: o });
  }
  return { ok: true, items };
}

function yamlMessage(m: string): string {
  const first = m.split('\n')[0] ?? m;
  if (/Implicit map keys need to be followed by map values/.test(first)) return 'could not find expected \':\'';
  if (/Nested mappings are not allowed in compact mappings/.test(first)) return 'mapping values are not allowed in this context';
  if (/bad indentation/i.test(first) || /indentation/i.test(first)) return 'did not find expected key';
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** Collect manifests from `-f` values (files, directories, `-`). */
export function readManifests(ctx: CommandContext, paths: string[], recursive = false): ManifestResult {
  const items: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      const r = parseManifestText(ctx.stdin ?? '', 'STDIN');
      if (!r.ok) return r;
      items.push(...r.items);
      continue;
    }
    const entries = ctx.files.list(p);
    const files = entries
      ? entries.filter((e) => /\.(ya?ml|json)$/.test(e) || (recursive && ctx.files.list(`${p}/${e}`))).map((e) => `${p.replace(/\/$/, '')}/${e}`)
      : [p];
    for (const f of files) {
      const r = ctx.files.read(f);
      if (!r.ok) return { ok: false, error: `error: the path "${f}" does not exist` };
      const parsed = parseManifestText(r.text, f);
      if (!parsed.ok) return parsed;
      items.push(...parsed.items);
    }
  }
  return { ok: true, items };
}
