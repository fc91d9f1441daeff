/** What `kubectl set image|env|resources` share: the pod template inside each workload kind, and the patch-and-report step. */
import type { KObject } from '../../../cluster/api/types.js';
import type { KubectlEnv } from '../verb.js';
import { resolveRefs, type Ref } from '../refs.js';
import { serverError } from '../output.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from '../print-object.js';
import { clone, deepEqual, getPath } from '../../../cluster/api/paths.js';

export interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  [k: string]: unknown;
}

export function podSpecPath(kind: string): string | undefined {
  switch (kind) {
    case 'Pod':
      return 'spec';
    case 'CronJob':
      return 'spec.jobTemplate.spec.template.spec';
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      return 'spec.template.spec';
    default:
      return undefined;
  }
}

export const SET_FLAGS = [
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-set' },
  DRY_RUN_FLAG,
  ...PRINT_FLAGS,
];

/**
 * For each object named by `resourceArgs`, let `mutate` change its containers (a copy) and send the
 * difference as a strategic merge patch; print `<kind>/<name> <verb>` when something changed.
 */
export function updateContainers(env: KubectlEnv, resourceArgs: string[], verb: string, mutate: (containers: Container[], obj: KObject, ref: Ref) => string | undefined): number {
  const { ctx, flags, client } = env;
  const wf = writeFlags(ctx, flags, { output: false });
  if (!wf) return 1;
  const { dry } = wf;
  const refs = resolveRefs({ ...env, args: resourceArgs }, { selector: flags.selector as string | undefined, all: !!flags.all, files: flags.filename as string[] | undefined });
  if (!refs.ok) {
    ctx.err(refs.error);
    return 1;
  }
  let code = 0;
  for (const ref of refs.refs) {
    const path = podSpecPath(ref.def.kind);
    const cur = client.get(ref.gr, ref.ns, ref.name);
    if (!cur.ok) {
      ctx.err(serverError(cur.status));
      code = 1;
      continue;
    }
    if (!path) {
      ctx.err(`error: ${ref.def.kind.toLowerCase()}${ref.def.group ? `.${ref.def.group}` : ''}/${ref.name} the object is not a pod or does not have a pod template: *unstructured.Unstructured`);
      code = 1;
      continue;
    }
    const before = (getPath(cur.object, `${path}.containers`) as Container[] | undefined) ?? [];
    const containers = clone(before);
    const err = mutate(containers, cur.object, ref);
    if (err) {
      ctx.err(err);
      code = 1;
      continue;
    }
    if (deepEqual(containers, before)) continue;
    const patch: Record<string, unknown> = {};
    let at = patch;
    for (const part of path.split('.')) at = (at[part] = {}) as Record<string, unknown>;
    at['$setElementOrder/containers'] = containers.map((c) => ({ name: c.name }));
    at.containers = containers.map((c) => {
      const old = (before.find((b) => b.name === c.name) ?? {}) as Record<string, unknown>;
      const diff: Record<string, unknown> = { name: c.name };
      for (const [k, v] of Object.entries(c)) {
        if (deepEqual(v, old[k])) continue;
        // env merges by name: removed variables must be deleted explicitly.
        if (k === 'env' && Array.isArray(old.env)) {
          const gone = (old.env as { name: string }[]).filter((e) => !(v as { name: string }[]).some((n) => n.name === e.name));
          diff[k] = [...(v as unknown[]), ...gone.map((e) => ({ name: e.name, $patch: 'delete' }))];
        } else diff[k] = v;
      }
      for (const k of Object.keys(old)) if (!(k in c)) diff[k] = null;
      return diff;
    });
    if (dry === 'client') {
      printWritten(ctx, ref.def, cur.object, verb, dry, flags.output as string | undefined);
      continue;
    }
    const r = client.patch(ref.gr, ref.ns, ref.name, patch, 'strategic', undefined, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
    if (!r.ok) {
      ctx.err(serverError(r.status));
      code = 1;
      continue;
    }
    printWritten(ctx, ref.def, r.object, verb, dry, flags.output as string | undefined);
  }
  return code;
}

/** Split `TYPE NAME… K=V…` into resource args and the rest (the first word with `=` or ending in `-`, after the first). */
export function splitArgs(args: string[], isChange: (a: string) => boolean): [string[], string[]] {
  const i = args.findIndex((a, n) => n > 0 && isChange(a));
  return i < 0 ? [args, []] : [args.slice(0, i), args.slice(i)];
}
