/**
 * What a mutating verb prints: `deployment.apps/web created` (with ` (dry run)`
 * / ` (server dry run)`), or the object itself with `-o yaml|json|name`.
 */
import type { ResourceDef } from '../../cluster/api/resource.js';
import type { KObject } from '../../cluster/api/types.js';
import type { FlagSpec } from '../flags.js';
import type { CommandContext } from '../types.js';
import { goJson } from './go-json.js';
import { parseFormat, printObjects } from './output/format.js';
import { klogLine } from './klog.js';

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

/**
 * `-o` (checked first, before any side effect) and `--dry-run` of a writing
 * command. Undefined when either is bad; the error has been printed.
 */
export function writeFlags(ctx: CommandContext, flags: Record<string, unknown>, o: { output?: boolean; files?: boolean } = {}): { dry: DryRun; output: string | undefined } | undefined {
  const output = flags.output as string | undefined;
  if (o.output !== false) {
    const oe = outputError(output, o.files ? ctx.files : undefined);
    if (oe) {
      ctx.err(oe);
      return undefined;
    }
  }
  const dry = dryRunOf(ctx, flags, (m) => ctx.err(klogLine(ctx, 'W', 'helpers.go:702', m)));
  if (typeof dry === 'object') {
    ctx.err(dry.error);
    return undefined;
  }
  return { dry, output };
}

export function kindLabel(def: Pick<ResourceDef, 'group' | 'singular' | 'kind'>): string {
  const s = def.kind.toLowerCase();
  return def.group ? `${s}.${def.group}` : s;
}

/** Check `-o` before doing anything: an unknown format fails without side effects. */
export function outputError(output: string | undefined, files?: CommandContext['files']): string | undefined {
  if (output === undefined || output === '') return undefined;
  const base = output.split('=')[0]!;
  if (!ALLOWED.split(',').includes(base)) return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`;
  if (!files) return undefined;
  const f = parseFormat(output, files);
  return f.ok ? undefined : f.error;
}

/** Hide managedFields as kubectl does unless --show-managed-fields. */
export function forOutput(o: KObject, showManaged = false): KObject {
  if (showManaged || !o.metadata || !('managedFields' in o.metadata)) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

/**
 * Print the result of a write: the object (-o) or `<kind>/<name> <verb>[ (dry run)]`.
 * `typed`: the object came from one of kubectl's typed generators, whose JSON keeps Go struct order.
 */
export function printWritten(ctx: CommandContext, def: Pick<ResourceDef, 'group' | 'singular' | 'kind'>, obj: KObject, verb: string, dryRun: DryRun, output: string | undefined, showManaged = false, typed = false): void {
  const name = obj.metadata?.name ?? '';
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const shown = forOutput(obj, showManaged);
  if (output === undefined || output === '') {
    ctx.out(`${kindLabel(def)}/${name} ${verb}${suffix}`);
    return;
  }
  if (output === 'json' && typed) {
    ctx.out(goJson(shown));
    return;
  }
  const f = parseFormat(output, ctx.files);
  if (!f.ok || f.format.kind === 'table') {
    ctx.out(`${kindLabel(def)}/${name} ${verb}${suffix}`);
    return;
  }
  ctx.out(printObjects(f.format, [shown], true, { noHeaders: false, prefixOf: () => kindLabel(def) }).replace(/\n$/, ''));
}
