/**
 * `kubectl` (and `k`): finds the verb (and sub-verb: `create deployment`,
 * `rollout status`) as cobra does, parses its flags with the global ones,
 * checks required flags, resolves the kubeconfig context and runs it.
 * Unknown verbs get cobra's `Did you mean this?` suggestions.
 */
import type { Command, CommandContext } from '../types.js';
import { parseFlags, type FlagSpec } from '../flags.js';
import { editDistance } from '../shell.js';
import { kubectlHelp, verbHelp } from './help.js';
import { requiredFlagError } from './klog.js';
import type { KubectlEnv, Verb } from './verb.js';
import { VERBS } from './verbs.js';

export type { KubectlEnv, Verb, OfflineEnv } from './verb.js';
export { VERBS } from './verbs.js';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation.' },
  { name: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation.' },
  { name: 'as-uid', type: 'string', ignored: true },
  { name: 'v', short: 'v', type: 'string', ignored: true },
  { name: 'kubeconfig', type: 'string', ignored: true },
  { name: 'request-timeout', type: 'string', ignored: true },
  { name: 'cluster', type: 'string', ignored: true },
  { name: 'user', type: 'string', ignored: true },
  { name: 'insecure-skip-tls-verify', type: 'bool', ignored: true },
  { name: 'warnings-as-errors', type: 'bool', ignored: true },
  { name: 'help', short: 'h', type: 'bool', ignored: true },
];

/** Commands cobra would suggest for a typo: edit distance ≤ 2 or a prefix, in kubectl's command order. */
export function suggestVerbs(typed: string, verbs: Verb[] = VERBS): string[] {
  const t = typed.toLowerCase();
  if (t === '') return [];
  return verbs.filter((v) => !v.hidden && (editDistance(v.name, t) <= 2 || v.name.startsWith(t))).map((v) => v.name);
}

export function unknownVerbMessage(typed: string, verbs: Verb[] = VERBS, parent = 'kubectl'): string {
  const s = suggestVerbs(typed, verbs);
  const head = `Error: unknown command "${typed}" for "${parent}"`;
  return s.length === 0 ? head : `${head}\n\nDid you mean this?\n${s.map((n) => `\t${n}`).join("\n")}\n\n`;
}

function findVerb(list: Verb[], word: string): Verb | undefined {
  return list.find((v) => v.name === word || v.aliases?.includes(word));
}

function takesValue(specs: FlagSpec[], arg: string): boolean {
  if (arg.includes('=')) return false;
  const spec = arg.startsWith('--') ? specs.find((s) => s.name === arg.slice(2)) : arg.length === 2 ? specs.find((s) => s.short === arg[1]) : undefined;
  // cobra assumes a flag it does not know takes a value (`kubectl -o yaml create …`).
  return spec ? spec.type !== 'bool' && spec.noOptDefault === undefined : true;
}

/** Locate the verb path among the words, skipping flags and their values. */
function commandPath(args: string[]): { verb?: Verb; path: string[]; rest: string[]; unknown?: string } {
  const path: Verb[] = [];
  const rest: string[] = [];
  let list = VERBS;
  let unknown: string | undefined;
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      rest.push(a);
      const specs = [...GLOBAL_FLAGS, ...(path[path.length - 1]?.flags ?? [])];
      if (takesValue(specs, a) && i + 1 < args.length) rest.push(args[++i]!);
      continue;
    }
    const sub = list.length > 0 && positional === 0 ? findVerb(list, a) : undefined;
    if (sub) {
      path.push(sub);
      list = sub.subcommands ?? [];
      continue;
    }
    if (path.length === 0) {
      unknown = a;
      break;
    }
    list = [];
    positional++;
    rest.push(a);
  }
  return { verb: path[path.length - 1], path: path.map((v) => v.name), rest, unknown };
}

export function runKubectl(ctx: CommandContext, args: string[]): number {
  const found = commandPath(args);
  if (found.unknown !== undefined) {
    ctx.err(unknownVerbMessage(found.unknown));
    return 1;
  }
  const verb = found.verb;
  if (!verb) {
    const parsed = parseFlags(found.rest, GLOBAL_FLAGS);
    if (!parsed.ok) {
      ctx.err(`Error: ${parsed.error}\nSee 'kubectl --help' for usage.`);
      return 1;
    }
    ctx.out(kubectlHelp(VERBS));
    return 0;
  }
  const path = found.path.join(' ');
  const parsed = parseFlags(found.rest, [...GLOBAL_FLAGS.filter((g) => !verb.flags.some((f) => f.name === g.name || (f.short && f.short === g.short))), ...verb.flags]);
  if (!parsed.ok) {
    ctx.err(`Error: ${parsed.error}\nSee 'kubectl ${path} --help' for usage.`);
    return 1;
  }
  if (parsed.flags.help) {
    ctx.out(verbHelp(path, verb));
    return 0;
  }
  const missing = (verb.required ?? []).filter((r) => !parsed.set.has(r));
  if (missing.length > 0) {
    ctx.err(requiredFlagError(ctx, missing));
    return 1;
  }
  if (verb.offline) return verb.offline({ ctx, flags: parsed.flags, args: parsed.args, set: parsed.set, dashAt: parsed.dashAt, path });
  const contextName = (parsed.flags.context as string | undefined) ?? ctx.session.currentContext;
  const kctx = ctx.session.context(contextName);
  if (!kctx) {
    ctx.err(contextName ? `error: context "${contextName}" does not exist` : 'error: current-context is not set');
    return 1;
  }
  const cluster = ctx.session.cluster(contextName);
  const base = ctx.session.client(contextName, `kubectl ${path}`);
  if (!cluster || !base) {
    ctx.err(`The connection to the server ${kctx.cluster}-dns.hcp.eastus.azmk8s.io:443 was refused - did you specify the right host or port?`);
    return 1;
  }
  const as = parsed.flags.as as string | undefined;
  const asGroups = parsed.flags['as-group'] as string[] | undefined;
  const client = as || asGroups ? base.impersonating({ user: as ?? base.user.username, groups: asGroups }) : base;
  const namespace = (parsed.flags.namespace as string | undefined) || ctx.session.namespace(contextName);
  const env: KubectlEnv = { ctx, cluster, client, namespace, namespaceSet: parsed.set.has('namespace'), flags: parsed.flags, args: parsed.args, set: parsed.set, dashAt: parsed.dashAt, path, contextName: contextName! };
  return verb.run(env);
}

export const kubectl: Command = {
  name: 'kubectl',
  aliases: ['k'],
  summary: 'Run kubectl against the current context',
  run: runKubectl,
};
