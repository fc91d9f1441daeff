/** What every `kubectl create <kind>` generator shares: its flags, the name argument, and the create-or-print step. */
import type { FlagSpec } from '../../flags.js';
import type { KObject } from '../../../cluster/api/types.js';
import type { KubectlEnv } from '../verb.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from '../print-object.js';
import { serverError } from '../output.js';
import { lastAppliedAnnotation } from '../apply/last-applied.js';

export const GENERATOR_FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...PRINT_FLAGS,
  { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
];

/** `kubectl create deployment NAME …`: exactly one name. */
export function nameArg(env: KubectlEnv): string | undefined {
  const args = env.dashAt >= 0 ? env.args.slice(0, env.dashAt) : env.args;
  if (args.length === 1 && args[0]) return args[0];
  if (args.length === 0) env.ctx.err(`error: exactly one NAME is required, got 0\nSee 'kubectl ${env.path} -h' for help and examples`);
  else env.ctx.err(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl ${env.path} -h' for help and examples`);
  return undefined;
}

/** Kinds whose generator wraps server errors as `error: failed to create <kind>: …`. */
const WRAPS = new Set(['Deployment', 'Job', 'CronJob', 'Ingress']);

/** metadata.namespace is set only when -n was given (kubectl's EnforceNamespace). */
export function withNamespace(env: KubectlEnv, meta: Record<string, unknown>): Record<string, unknown> {
  if (!env.namespaceSet) return meta;
  const { name, ...rest } = meta;
  return { name, namespace: env.namespace, ...rest };
}

/** Print the generated object (client dry run) or send it (server dry run / for real). */
export function finishCreate(env: KubectlEnv, gr: string, obj: KObject): number {
  const { ctx, flags } = env;
  const wf = writeFlags(ctx, flags);
  if (!wf) return 1;
  const { dry, output } = wf;
  const def = env.cluster.registry.resolve(gr);
  if (!def) {
    ctx.err(`error: the server doesn't have a resource type "${gr}"`);
    return 1;
  }
  let body = obj;
  if (flags['save-config']) body = lastAppliedAnnotation(obj);
  if (dry === 'client') {
    printWritten(ctx, def, body, 'created', dry, output, !!flags['show-managed-fields'], true);
    return 0;
  }
  const ns = def.namespaced ? env.namespace : undefined;
  const r = env.client.create(gr, ns, body, { dryRun: dry === 'server', fieldManager: String(flags['field-manager'] ?? 'kubectl-create') });
  if (!r.ok) {
    ctx.err(WRAPS.has(def.kind) && r.status.reason !== 'Invalid' ? `error: failed to create ${def.kind.toLowerCase()}: ${r.status.message}` : serverError(r.status));
    return 1;
  }
  printWritten(ctx, def, r.object, 'created', dry, output, !!flags['show-managed-fields'], true);
  return 0;
}

/** What came after `--` (a container command). */
export function afterDash(env: KubectlEnv): string[] {
  return env.dashAt >= 0 ? env.args.slice(env.dashAt) : [];
}
