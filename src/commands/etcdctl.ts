/**
 * `etcdctl get <key> [--prefix] [--keys-only]`: the cluster's store as etcd
 * holds it, keys `/registry/<resource>/<namespace>/<name>`. Real etcd keeps
 * Kubernetes objects as protobuf; kubedojo prints the stored JSON instead and
 * says so once on stderr.
 */
import type { Command } from './types.js';
import { parseFlags } from './flags.js';

const NOTE = '# kubedojo: values shown as JSON; a real cluster stores them in etcd as protobuf (bytes starting with "k8s\\0").';

export const etcdctl: Command = {
  name: 'etcdctl',
  summary: 'Read the cluster store (etcd) directly: etcdctl get /registry/pods --prefix --keys-only',
  run(ctx, args) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === 'help') {
      ctx.out('NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nCOMMANDS:\n\tget\t\t\tGets the key or a range of keys\n\tversion\t\t\tPrints the version of etcdctl');
      return 0;
    }
    if (sub === 'version') {
      ctx.out('etcdctl version: 3.5.16\nAPI version: 3.5');
      return 0;
    }
    if (sub !== 'get') {
      ctx.err(`Error: unknown command "${sub}" for "etcdctl"\nRun 'etcdctl --help' for usage.`);
      return 1;
    }
    const parsed = parseFlags(rest, [
      { name: 'prefix', type: 'bool' },
      { name: 'keys-only', type: 'bool' },
      { name: 'limit', type: 'int' },
      { name: 'write-out', short: 'w', type: 'string' },
      { name: 'endpoints', type: 'string', ignored: true },
      { name: 'cacert', type: 'string', ignored: true },
      { name: 'cert', type: 'string', ignored: true },
      { name: 'key', type: 'string', ignored: true },
    ]);
    if (!parsed.ok) {
      ctx.err(`Error: ${parsed.error}`);
      return 1;
    }
    const key = parsed.args[0];
    if (key === undefined || parsed.args.length > 2) {
      ctx.err('Error: get command needs one argument as key and an optional argument as range_end');
      return 1;
    }
    const cluster = ctx.session.cluster();
    if (!cluster) {
      ctx.err('Error: context deadline exceeded');
      return 1;
    }
    const store = cluster.store;
    let entries = parsed.flags.prefix ? store.list('/').filter((e) => e.key.startsWith(key)) : [store.get(key)].filter((e) => e !== undefined);
    const limit = parsed.flags.limit as number | undefined;
    if (limit && limit > 0) entries = entries.slice(0, limit);
    if (parsed.flags['write-out'] === 'json') {
      ctx.out(JSON.stringify({ header: { revision: store.revision }, kvs: entries.map((e) => ({ key: Buffer.from(e.key).toString('base64'), create_revision: e.createRevision, mod_revision: e.modRevision, version: 1 })), count: entries.length }));
      return 0;
    }
    if (!parsed.flags['keys-only'] && entries.length > 0) ctx.err(NOTE);
    const lines: string[] = [];
    for (const e of entries) {
      lines.push(e.key);
      lines.push(parsed.flags['keys-only'] ? '' : JSON.stringify(e.value));
    }
    if (lines.length > 0) ctx.out(lines.join('\n') + (parsed.flags['keys-only'] ? '\n' : ''));
    return 0;
  },
};
