/**
 * `kubectl get -w` / `--watch-only` as a Stream: a watch from the list's
 * resourceVersion whose events become one-row Tables (rendered when the
 * event arrives, as the apiserver does), printed on poll() without repeating
 * the header, columns aligned to the widths already printed. Deleted objects
 * print their last state.
 */
import type { KubectlEnv } from './index.js';
import type { Stream } from '../types.js';
import type { Table } from '../../cluster/api/table.js';
import type { RequestOptions } from '../../cluster/api/request.js';
import type { Format } from './output/format.js';
import { printObjects } from './output/format.js';
import { headerRow, rowCells, type TableTextOptions } from './output/table-text.js';
import { groupResource, kindPrefix, type Target } from './targets.js';
import { serverError } from './output.js';
import { width } from '../tabwriter.js';

export interface WatchOptions extends RequestOptions {
  allNs: boolean;
  format: Format;
  tableOptions?: TableTextOptions;
  printedHeader?: boolean;
  rv?: string;
  widthsFrom?: string[][];
}

export function watchStream(env: KubectlEnv, target: Target, o: WatchOptions): Stream {
  const { ctx, cluster, client } = env;
  const def = target.def;
  const ns = def.namespaced && !(o.allNs && target.names.length === 0) ? env.namespace : undefined;
  const pending: string[][] = [];
  const pendingText: string[] = [];
  let header = !o.printedHeader;
  const widths: number[] = [];
  const remember = (rows: string[][]) => {
    for (const r of rows) r.forEach((c, i) => i < r.length - 1 && (widths[i] = Math.max(widths[i] ?? 0, 6, width(c) + 3)));
  };
  if (o.widthsFrom) remember(o.widthsFrom);
  const tableOpts: TableTextOptions = o.tableOptions ?? { wide: o.format.kind === 'table' && o.format.wide, namespaceColumn: o.allNs && def.namespaced };
  const names = new Set(target.names);
  const rv = o.rv ?? String(cluster.store.revision);
  const w = client.watch(groupResource(def), ns, (e) => {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR') return;
    if (names.size > 0 && !names.has(e.object.metadata?.name ?? '')) return;
    if (o.format.kind === 'table') {
      const t: Table = cluster.api.table(def, [e.object]);
      if (header) {
        if (!tableOpts.noHeaders) pending.push(headerRow(t, tableOpts));
        header = false;
      }
      for (const r of t.rows) pending.push(rowCells(t, r, tableOpts));
    } else {
      pendingText.push(printObjects(o.format, [e.object], true, { noHeaders: true, prefixOf: () => kindPrefix(def) }));
    }
  }, { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, resourceVersion: rv });
  let stopped = false;
  if (!w.ok) {
    ctx.err(serverError(w.status));
    stopped = true;
  }
  return {
    poll() {
      if (pending.length > 0) {
        remember(pending);
        ctx.out(pending.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(Math.max(0, widths[i]! - width(c))))).join('')).join('\n'));
        pending.length = 0;
      }
      if (pendingText.length > 0) {
        ctx.out(pendingText.join('').replace(/\n$/, ''));
        pendingText.length = 0;
      }
    },
    done: () => stopped,
    stop() {
      if (w.ok) w.cancel();
      stopped = true;
    },
  };
}
