/**
 * The Azure CLI's output formats (knack): json (keys sorted, 2-space indent),
 * jsonc, yaml, tsv, table (a command's table transformer, headers with the
 * first letter capitalised, null columns dropped, tabulate "simple" layout),
 * none; and `--query` JMESPath applied first.
 */
import { stringify } from 'yaml';
import type { CommandContext } from '../types.js';
import type { AzError } from '../../cluster/cloud/errors.js';
import { jmes } from './jmespath.js';

export type OutputFormat = 'json' | 'jsonc' | 'yaml' | 'yamlc' | 'tsv' | 'table' | 'none';

export const OUTPUT_CHOICES: OutputFormat[] = ['json', 'jsonc', 'none', 'table', 'tsv', 'yaml', 'yamlc'];

export type Row = Record<string, unknown>;

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** tabulate(tablefmt='simple', disable_numparse=True): header, dashes, two-space gaps, left-aligned. */
export function simpleTable(rows: Row[]): string {
  if (rows.length === 0) return '';
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const keep = cols.filter((c) => rows.some((r) => r[c] !== null && r[c] !== undefined));
  const headers = keep.map((c) => c.charAt(0).toUpperCase() + c.slice(1));
  const cells = rows.map((r) => keep.map((c) => scalar(r[c])));
  const widths = keep.map((_, i) => Math.max(headers[i]!.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Default table: each object's scalar top-level fields. */
function defaultRows(v: unknown): Row[] {
  const items = Array.isArray(v) ? v : [v];
  return items.map((it) => {
    if (it === null || typeof it !== 'object') return { Result: it };
    const row: Row = {};
    for (const [k, x] of Object.entries(it as Row)) if (x === null || typeof x !== 'object') row[k] = x;
    return row;
  });
}

function tsv(v: unknown): string {
  const items = Array.isArray(v) ? v : [v];
  return items
    .map((it) => {
      if (it === null || typeof it !== 'object') return scalar(it);
      return Object.values(it as Row)
        .filter((x) => x === null || typeof x !== 'object')
        .map(scalar)
        .join('\t');
    })
    .join('\n');
}

export interface PrintOptions {
  format: OutputFormat;
  query?: string;
  /** The command's table transformer (`_aks_agentpool_table_format` and friends). */
  table?: (v: unknown) => Row[];
}

/** Print a result; returns an exit code (a bad --query is an error). */
export function printResult(ctx: CommandContext, value: unknown, o: PrintOptions): number {
  let v = sortKeys(value);
  if (o.query) {
    const r = jmes(o.query, v);
    if (!r.ok) {
      ctx.err(`ERROR: ${r.error}`);
      return 2;
    }
    v = r.value;
  }
  switch (o.format) {
    case 'none':
      return 0;
    case 'json':
    case 'jsonc':
      ctx.out(JSON.stringify(v, null, 2));
      return 0;
    case 'yaml':
    case 'yamlc':
      ctx.out(stringify(v).replace(/\n$/, ''));
      return 0;
    case 'tsv':
      ctx.out(tsv(v));
      return 0;
    case 'table': {
      const rows = !o.query && o.table ? o.table(v) : defaultRows(v);
      const t = simpleTable(rows);
      if (t) ctx.out(t);
      return 0;
    }
  }
}

/** `ERROR: (Code) message` + the Code/Message lines azure-core adds, or argparse/validation text. */
export function printAzError(ctx: CommandContext, e: AzError): number {
  if (e.source === 'cli') ctx.err(`ERROR: ${e.message}`);
  else ctx.err(`ERROR: (${e.code}) ${e.message}\nCode: ${e.code}\nMessage: ${e.message}`);
  return e.code === 'ResourceNotFound' || e.code === 'ResourceGroupNotFound' || e.code === 'NotFound' ? 3 : 1;
}
