/**
 * What a mutating verb prints: `deployment.apps/web created` (with ` (dry run)`
 * / ` (server dry run)`), or the object itself with `-o yaml|json|name`.
 */
import type { ResourceDef } from '../../cluster/api/resource.js';
import type { KObject } from '../../cluster/api/types.js';
import type { FlagSpec } from '../flags.js';
import type { CommandContext } from '../types.js';
import { goJson } from './go-json.js';
import { goYaml } from './go-yaml.js';

export type DryRun = 'none' | 'client' | 'server';

export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' };
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' };
export const PRINT_FLAGS: FlagSpec[] = [
  OUTPUT_FLAG,
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
];

const ALLOWED = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** `--dry-run` as kubectl reads it; bare `--dry-run` is deprecated and means client. */
export function dryRunOf(ctx: CommandContext, flags: Record<string, unknown>, warn: (line: string) => void): DryRun | { error: string } {
  const v = String(flags['dry-run'] ?? 'none');
  switch (v) {
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'server':
      return v;
    case 'unchanged':
    case 'true':
      warn('--dry-run is deprecated and can be replaced with --dry-run=client.');
      return 'client';
    default:
      void ctx;
      return { error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
  }
}

export function kindLabel(def: Pick<ResourceDef, 'group' | 'singular' | 'kind'>): string {
  const s = def.kind.toLowerCase();
  return def.group ? `${s}.${def.group}` : s;
}

/** Check `-o` before doing anything: an unknown format fails without side effects. */
export function outputError(output: string | undefined): string | undefined {
  if (output === undefined || output === '') return undefined;
  const base = output.split('=')[0]!;
  if (['json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'go-template', 'template', 'custom-columns'].includes(base)) return undefined;
  return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`;
}

/** Hide managedFields as kubectl does unless --show-managed-fields. */
export function forOutput(o: KObject, showManaged = false): KObject {
  if (showManaged || !o.metadata || !('managedFields' in o.metadata)) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

/** Print the result of a write: the object (-o) or `<kind>/<name> <verb>[ (dry run)]`. */
export function printWritten(ctx: CommandContext, def: Pick<ResourceDef, 'group' | 'singular' | 'kind'>, obj: KObject, verb: string, dryRun: DryRun, output: string | undefined, showManaged = false): void {
  const name = obj.metadata?.name ?? '';
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const shown = forOutput(obj, showManaged);
  if (output === 'yaml') ctx.out(goYaml(shown).replace(/\n$/, ''));
  else if (output === 'json') ctx.out(goJson(shown));
  else if (output === 'name') ctx.out(`${kindLabel(def)}/${name}`);
  else if (output && output.startsWith('jsonpath')) ctx.out(simpleJsonPath(shown, output.slice(output.indexOf('=') + 1)));
  else ctx.out(`${kindLabel(def)}/${name} ${verb}${suffix}`);
}

/** A small jsonpath for `-o jsonpath='{.metadata.name}'` on a single object (the full printer is kubectl-read's). */
function simpleJsonPath(o: unknown, template: string): string {
  return template.replace(/\{([^}]*)\}/g, (_, expr: string) => {
    let cur: unknown = o;
    for (const part of expr.replace(/^\./, '').split(/\.(?![^[]*\])/)) {
      if (part === '') continue;
      const m = /^([^[]*)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return '';
      if (m[1]) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[m[1]] : undefined;
      if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    }
    return cur === undefined || cur === null ? '' : typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
  });
}
