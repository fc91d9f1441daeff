/**
 * `kubectl get`: server-side Tables printed as kubectl prints them (one block
 * per type, `kind/` prefixes when several types were asked for), or the
 * objects as yaml, json, name, jsonpath, custom-columns or go-template.
 * `-w` hands a Stream to the front end that prints rows as the clock moves.
 */
import type { KubectlEnv, Verb } from './index.js';
import type { Table } from '../../cluster/api/table.js';
import type { KObject, KList } from '../../cluster/api/types.js';
import { withKind } from '../../cluster/api/server.js';
import { tabulate } from '../tabwriter.js';
import { serverError } from './output.js';
import { parseFormat, printObjects } from './output/format.js';
import { sortIndexes } from './output/sort.js';
import { tableRows, type TableTextOptions } from './output/table-text.js';
import { groupResource, kindPrefix, parseTargets, type Target } from './targets.js';
import { watchStream } from './get-watch.js';

const NEEDS_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples';

function namespaceFor(env: KubectlEnv, t: Target, allNs: boolean): string | undefined {
  if (!t.def.namespaced) return undefined;
  return allNs && t.names.length === 0 ? undefined : env.namespace;
}

export const getVerb: Verb = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'chunk-size', type: 'int', ignored: true },
    { name: 'output-watch-events', type: 'bool', ignored: true },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run(env) {
    const { ctx, cluster, client, flags, args } = env;
    const parsedFormat = parseFormat(flags.output as string | undefined, ctx.files);
    if (!parsedFormat.ok) {
      ctx.err(parsedFormat.error);
      return 1;
    }
    const format = parsedFormat.format;
    if (args.length === 0) {
      ctx.err(NEEDS_TYPE);
      return 1;
    }
    const parsed = parseTargets(cluster.registry, args);
    if (!parsed.ok) {
      ctx.err(parsed.error);
      return 1;
    }
    const targets = parsed.targets;
    const allNs = !!flags['all-namespaces'];
    const watch = !!flags.watch || !!flags['watch-only'];
    if (watch && targets.length > 1) {
      ctx.err('error: you may only specify a single resource type');
      return 1;
    }
    const ignoreNotFound = !!flags['ignore-not-found'];
    const sortBy = flags['sort-by'] as string | undefined;
    const options = { labelSelector: flags.selector as string | undefined, fieldSelector: flags['field-selector'] as string | undefined };
    const errors: string[] = [];
    const multi = targets.length > 1 || !!flags['show-kind'];

    if (format.kind !== 'table') {
      const objects: KObject[] = [];
      for (const t of targets) {
        const ns = namespaceFor(env, t, allNs);
        if (t.names.length > 0) {
          for (const n of t.names) {
            const r = client.get(groupResource(t.def), ns, n);
            if (r.ok) objects.push(withKind(t.def, r.object));
            else if (!(ignoreNotFound && r.status.reason === 'NotFound')) errors.push(serverError(r.status));
          }
        } else {
          const r = client.list<KObject>(groupResource(t.def), ns, options);
          if (!r.ok) errors.push(serverError(r.status));
          else objects.push(...sorted(r.object.items, sortBy).map((o) => withKind(t.def, o)));
        }
      }
      const single = targets.length === 1 && targets[0]!.names.length === 1;
      const byPrefix = new Map(targets.map((t) => [`${t.def.group}/${t.def.kind}`, kindPrefix(t.def)]));
      const text = !(single && objects.length === 0) ? printObjects(format, objects, single, { noHeaders: !!flags['no-headers'], prefixOf: (o) => byPrefix.get(`${String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0] : ''}/${o.kind}`) ?? String(o.kind).toLowerCase() }) : '';
      if (text !== '') ctx.out(text.replace(/\n$/, ''));
      for (const e of errors) ctx.err(e);
      if (watch && targets[0]) ctx.follow(watchStream(env, targets[0], { ...options, allNs, format, tableOptions: undefined }));
      return errors.length > 0 ? 1 : 0;
    }

    const blocks: string[] = [];
    let anyRows = false;
    let lastTable: { table: Table; opts: TableTextOptions; rv: string } | undefined;
    for (const t of targets) {
      const ns = namespaceFor(env, t, allNs);
      const gr = groupResource(t.def);
      let table: Table | undefined;
      let rv = '';
      if (t.names.length > 0) {
        for (const n of t.names) {
          const r = client.get<Table>(gr, ns, n, { asTable: true, includeObject: !!sortBy });
          if (!r.ok) {
            if (!(ignoreNotFound && r.status.reason === 'NotFound')) errors.push(serverError(r.status));
            continue;
          }
          if (!table) table = r.object;
          else table.rows.push(...r.object.rows);
        }
      } else {
        const r = client.list(gr, ns, { ...options, asTable: true, includeObject: !!sortBy });
        if (!r.ok) {
          errors.push(serverError(r.status));
          continue;
        }
        table = r.object as unknown as Table;
        rv = (r.object as unknown as KList).metadata.resourceVersion ?? '';
      }
      if (!table) continue;
      if (sortBy) table.rows = sortIndexes(table.rows.map((row) => row.object), sortBy).map((i) => table!.rows[i]!);
      const opts: TableTextOptions = {
        wide: format.wide,
        noHeaders: !!flags['no-headers'],
        namespaceColumn: allNs && t.def.namespaced,
        kindPrefix: multi ? kindPrefix(t.def) : undefined,
        showLabels: !!flags['show-labels'],
        labelColumns: (flags['label-columns'] as string[] | undefined) ?? [],
      };
      lastTable = { table, opts, rv };
      if (table.rows.length === 0 || flags['watch-only']) continue;
      anyRows = true;
      blocks.push(tabulate(tableRows(table, opts)));
    }
    if (blocks.length > 0) ctx.out(blocks.join('\n\n'));
    for (const e of errors) ctx.err(e);
    if (!anyRows && errors.length === 0 && !ignoreNotFound && !flags['watch-only']) {
      const namespaced = targets.some((t) => t.def.namespaced);
      ctx.err(namespaced && !allNs ? `No resources found in ${env.namespace} namespace.` : 'No resources found');
    }
    if (watch && targets[0]) {
      ctx.follow(watchStream(env, targets[0], { ...options, allNs, format, tableOptions: lastTable?.opts, printedHeader: anyRows, rv: lastTable?.rv, widthsFrom: anyRows && lastTable ? tableRows(lastTable.table, lastTable.opts) : undefined }));
    }
    return errors.length > 0 ? 1 : 0;
  },
};

function sorted(items: KObject[], sortBy: string | undefined): KObject[] {
  if (!sortBy) return items;
  return sortIndexes(items, sortBy).map((i) => items[i]!);
}
