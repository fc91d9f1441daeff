/**
 * `-o` for objects (everything but the human-readable Tables): yaml, json,
 * name, jsonpath, jsonpath-as-json, custom-columns, go-template, and their
 * -file variants. Parsing the flag is separate from printing so a bad format
 * fails before any request is made.
 */
import type { FileSource } from '../../types.js';
import type { KObject } from '../../../cluster/api/types.js';
import { tabulate } from '../../tabwriter.js';
import { customColumnRows, parseCustomColumns, type CustomColumn } from './custom-columns.js';
import { executeGoTemplate, parseGoTemplate } from './go-template.js';
import { toGoJson } from './json.js';
import { collectJsonPath, executeJsonPath, parseJsonPathTemplate, type JsonPathNode } from './jsonpath.js';
import { toGoYaml } from './yaml.js';

export type Format =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath' | 'jsonpath-as-json'; nodes: JsonPathNode[] }
  | { kind: 'custom-columns'; columns: CustomColumn[] }
  | { kind: 'go-template'; nodes: ReturnType<typeof parseGoTemplate> & { ok: true } extends { nodes: infer N } ? N : never };

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseFormat(output: string | undefined, files: FileSource): { ok: true; format: Format } | { ok: false; error: string } {
  if (output === undefined || output === '') return { ok: true, format: { kind: 'table', wide: false } };
  if (output === 'wide') return { ok: true, format: { kind: 'table', wide: true } };
  if (output === 'yaml' || output === 'json' || output === 'name') return { ok: true, format: { kind: output } };
  const eq = output.indexOf('=');
  const name = eq < 0 ? output : output.slice(0, eq);
  let arg = eq < 0 ? '' : output.slice(eq + 1);
  if (name.endsWith('-file') || name === 'templatefile') {
    const r = files.read(arg);
    if (!r.ok) return { ok: false, error: `error: open ${arg}: no such file or directory` };
    arg = r.text;
  }
  switch (name) {
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json': {
      if (arg === '') return { ok: false, error: 'error: template format specified but no template given' };
      const p = parseJsonPathTemplate(arg);
      if (!p.ok) return { ok: false, error: `error: ${p.error}` };
      return { ok: true, format: { kind: name === 'jsonpath-as-json' ? 'jsonpath-as-json' : 'jsonpath', nodes: p.nodes } };
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      const spec = name === 'custom-columns-file' ? fileColumns(arg) : arg;
      const p = parseCustomColumns(spec);
      return p.ok ? { ok: true, format: { kind: 'custom-columns', columns: p.columns } } : p;
    }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile': {
      if (arg === '') return { ok: false, error: 'error: template format specified but no template given' };
      const p = parseGoTemplate(arg);
      return p.ok ? { ok: true, format: { kind: 'go-template', nodes: p.nodes } } : p;
    }
    default:
      return { ok: false, error: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}` };
  }
}

/** custom-columns-file: a header line and a line of paths. */
function fileColumns(text: string): string {
  const [headers = '', paths = ''] = text.split('\n').filter((l) => l.trim() !== '');
  const h = headers.trim().split(/\s+/);
  const p = paths.trim().split(/\s+/);
  return h.map((x, i) => `${x}:${p[i] ?? ''}`).join(',');
}

/** Hide what kubectl hides by default (managedFields). */
export function forDisplay(o: KObject): KObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

export function listOf(items: KObject[]): KObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * Print objects in a non-table format. `single` is a request for exactly one
 * named object (printed bare rather than wrapped in a List).
 */
export function printObjects(format: Exclude<Format, { kind: 'table' }>, objects: KObject[], single: boolean, opts: { noHeaders: boolean; prefixOf: (o: KObject) => string }): string {
  const shown = objects.map(forDisplay);
  const doc = single && shown.length === 1 ? shown[0]! : listOf(shown);
  switch (format.kind) {
    case 'yaml':
      return toGoYaml(doc);
    case 'json':
      return toGoJson(doc);
    case 'name':
      return shown.map((o) => `${opts.prefixOf(o)}/${o.metadata?.name ?? ''}\n`).join('');
    case 'jsonpath':
      return executeJsonPath(format.nodes, doc);
    case 'jsonpath-as-json':
      return toGoJson(collectJsonPath(format.nodes, doc));
    case 'custom-columns':
      return shown.length === 0 && !opts.noHeaders ? '' : tabulate(customColumnRows(format.columns, shown, opts.noHeaders)) + '\n';
    case 'go-template':
      return executeGoTemplate(format.nodes, doc);
  }
}
