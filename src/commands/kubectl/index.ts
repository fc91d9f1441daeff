/**
 * `kubectl`: global flags, then one small module per verb. This is the
 * foundation's minimal set (get, apply, create -f, delete); the kubectl issue
 * grows it to the full command layer.
 */
import type { Command, CommandContext } from '../types.js';
import { parseFlags, type FlagSpec, type FlagValues } from '../flags.js';
import type { Client } from '../../cluster/api/client.js';
import type { Cluster } from '../../cluster/cluster.js';
import { getVerb } from './get.js';
import { applyVerb, createVerb } from './apply.js';
import { deleteVerb } from './delete.js';

export interface KubectlEnv {
  ctx: CommandContext;
  cluster: Cluster;
  client: Client;
  namespace: string;
  /** The namespace was given explicitly with -n. */
  namespaceSet: boolean;
  flags: FlagValues;
  args: string[];
  set: Set<string>;
}

export interface Verb {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  run(env: KubectlEnv): number;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'strings' },
  { name: 'v', short: 'v', type: 'string', ignored: true },
  { name: 'kubeconfig', type: 'string', ignored: true },
  { name: 'request-timeout', type: 'string', ignored: true },
];

const VERBS: Verb[] = [getVerb, applyVerb, createVerb, deleteVerb];

export const kubectl: Command = {
  name: 'kubectl',
  aliases: ['k'],
  summary: 'Run kubectl against the current context',
  run(ctx, args) {
    const verbName = args[0];
    if (!verbName) {
      ctx.out('kubectl controls the Kubernetes cluster manager.\n\nUsage:\n  kubectl [flags] [options]');
      return 0;
    }
    const verb = VERBS.find((v) => v.name === verbName || v.aliases?.includes(verbName));
    if (!verb) {
      ctx.err(`error: unknown command "${verbName}" for "kubectl"`);
      return 1;
    }
    const parsed = parseFlags(args.slice(1), [...GLOBAL_FLAGS, ...verb.flags]);
    if (!parsed.ok) {
      ctx.err(`error: ${parsed.error}\nSee 'kubectl ${verb.name} --help' for usage.`);
      return 1;
    }
    const contextName = parsed.flags.context as string | undefined;
    const kctx = ctx.session.context(contextName);
    if (!kctx) {
      ctx.err(contextName ? `error: context "${contextName}" does not exist` : 'error: current-context is not set');
      return 1;
    }
    const cluster = ctx.session.cluster(contextName);
    const base = ctx.session.client(contextName, `kubectl ${verb.name}`);
    if (!cluster || !base) {
      ctx.err(`E0000 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"\nerror: You must be logged in to the server (the server could not be reached: cluster ${kctx.cluster} is not running)`);
      return 1;
    }
    let client = base;
    const as = parsed.flags.as as string | undefined;
    if (as) {
      const groups = parsed.flags['as-group'] as string[] | undefined;
      const impersonating = base;
      client = Object.assign(Object.create(Object.getPrototypeOf(base) as object) as Client, base, {
        request: (req: Parameters<Client['request']>[0]) => impersonating.request({ ...req, impersonate: { user: as, groups } } as never),
      });
    }
    const namespace = (parsed.flags.namespace as string | undefined) ?? ctx.session.namespace(contextName);
    return verb.run({ ctx, cluster, client, namespace, namespaceSet: parsed.set.has('namespace'), flags: parsed.flags, args: parsed.args, set: parsed.set });
  },
};
