/**
 * `queue send NAME COUNT [--namespace NS]`, `queue status [NAME]`, `queue purge NAME`:
 * the simulated Azure Service Bus / Storage queues (src/cluster/cloud/queues.ts).
 * Queues belong to the world, so they outlive clusters; pods of the
 * queue-consumer image drain them, KEDA's azure-servicebus and azure-queue
 * triggers read their length.
 */
import type { Command, CommandContext } from './types.js';
import { parseFlags } from './flags.js';
import { queuesOf } from '../cluster/cloud/queues.js';
import { tabulate } from './tabwriter.js';

const USAGE = [
  'Usage:',
  '  queue send NAME COUNT [--namespace SERVICEBUS_NAMESPACE]   add COUNT messages (creates the queue)',
  '  queue status [NAME]                                         length, consumed/s and consumers',
  '  queue purge NAME                                            drop every waiting message',
  '',
  'Pods running docker.io/kubedojo/queue-consumer with env QUEUE_NAME=NAME take',
  'MESSAGES_PER_SECOND (default 10) messages a second each while Running and Ready.',
].join('\n');

const NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,258}[A-Za-z0-9])?$/;

function status(ctx: CommandContext, name: string | undefined): number {
  const store = queuesOf(ctx.world.clock);
  const queues = name === undefined ? store.all() : [store.get(name)].filter((q) => q !== undefined);
  if (name !== undefined && queues.length === 0) {
    ctx.err(`queue: queue "${name}" not found (queue send ${name} 10 creates it)`);
    return 1;
  }
  if (queues.length === 0) {
    ctx.out('No queues yet. Create one with: queue send orders 100');
    return 0;
  }
  const rows = [['NAME', 'NAMESPACE', 'LENGTH', 'SENT', 'CONSUMED', 'CONSUMED/S', 'CONSUMERS']];
  for (const q of queues) {
    const rate = store.rate(q.name);
    rows.push([q.name, q.namespace, String(store.lengthOf(q.name) ?? 0), String(q.sent), String(Math.floor(q.consumed)), rate.toFixed(1), String(q.consumers.length)]);
  }
  ctx.out(tabulate(rows));
  return 0;
}

export const queue: Command = {
  name: 'queue',
  summary: 'Simulated Service Bus / Storage queues (queue send orders 500; queue status; queue purge orders)',
  run(ctx, args) {
    const p = parseFlags(args, [{ name: 'namespace', type: 'string' }, { name: 'help', short: 'h', type: 'bool' }]);
    if (!p.ok) {
      ctx.err(`queue: ${p.error}\n${USAGE}`);
      return 2;
    }
    const [verb, name, count, ...extra] = p.args;
    if (p.flags.help || verb === undefined || verb === 'help') {
      if (verb === undefined && !p.flags.help) {
        ctx.err(USAGE);
        return 2;
      }
      ctx.out(USAGE);
      return 0;
    }
    const store = queuesOf(ctx.world.clock);
    if (name !== undefined && !NAME_RE.test(name)) {
      ctx.err(`queue: invalid queue name "${name}": use letters, digits, '.', '-' and '_', starting and ending with a letter or digit`);
      return 2;
    }
    switch (verb) {
      case 'status':
      case 'list':
        if (count !== undefined) break;
        return status(ctx, name);
      case 'send': {
        if (name === undefined || count === undefined || extra.length > 0) break;
        const n = Number(count);
        if (!/^\d+$/.test(count) || n <= 0) {
          ctx.err(`queue: invalid COUNT "${count}": must be a whole number of messages greater than 0`);
          return 2;
        }
        const existing = store.get(name);
        const ns = p.flags.namespace as string | undefined;
        if (existing && ns !== undefined && ns !== existing.namespace) {
          ctx.err(`queue: queue "${name}" lives in namespace "${existing.namespace}", not "${ns}"`);
          return 1;
        }
        const q = store.send(name, n, ns);
        ctx.out(`sent ${n} message${n === 1 ? '' : 's'} to queue ${q.name} (length ${store.lengthOf(q.name)})`);
        return 0;
      }
      case 'purge': {
        if (name === undefined || count !== undefined) break;
        const dropped = store.purge(name);
        if (dropped === undefined) {
          ctx.err(`queue: queue "${name}" not found`);
          return 1;
        }
        ctx.out(`purged ${Math.ceil(dropped)} message${Math.ceil(dropped) === 1 ? '' : 's'} from queue ${name}`);
        return 0;
      }
      default:
        ctx.err(`queue: unknown command "${verb}"\n${USAGE}`);
        return 2;
    }
    ctx.err(`queue: wrong arguments for "${verb}"\n${USAGE}`);
    return 2;
  },
};
