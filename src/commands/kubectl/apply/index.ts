/**
 * `kubectl apply -f FILENAME`: client-side apply (create with the
 * last-applied annotation, or a three-way strategic merge patch; nothing sent
 * when unchanged) and `--server-side` (an apply patch).
 */
import { fieldValidation } from './resolve.js';
import type { KubectlEnv, Verb } from '../verb.js';
import type { KObject } from '../../../cluster/api/types.js';
import { readManifests } from '../manifests.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, type DryRun, writeFlags } from '../print-object.js';
import { serverError } from '../output.js';
import { LAST_APPLIED, lastAppliedAnnotation } from './last-applied.js';
import { resolveManifest, sourcedError, type Target } from './resolve.js';
import { threeWayPatch } from './three-way.js';
import { toGoYaml as goYaml } from '../output/yaml.js';
import { goJson } from '../go-json.js';

function withNamespace(o: KObject, t: Target): KObject {
  if (!t.def.namespaced) return o;
  return { ...o, metadata: { ...(o.metadata ?? {}), namespace: t.ns } };
}

function applyOne(env: KubectlEnv, object: KObject, source: string, dry: DryRun, output: string | undefined): boolean {
  const { ctx, client, flags } = env;
  const t = resolveManifest(env, object, source);
  if (typeof t === 'string') {
    ctx.err(t);
    return false;
  }
  if (!t.name) {
    ctx.err(`error: error when retrieving current configuration of:\nResource: "${t.gr}", GroupVersionKind: "${t.def.kind}"\nName: "", Namespace: "${t.ns ?? ''}"\nfrom server for: "${source}": resource name may not be empty`);
    return false;
  }
  const opts = { dryRun: dry === 'server', fieldManager: String(flags['field-manager'] ?? 'kubectl-client-side-apply'), fieldValidation: fieldValidation(flags.validate) };
  if (flags['server-side']) {
    const r = client.patch(t.gr, t.ns, t.name, withNamespace(object, t), 'apply', undefined, { ...opts, fieldManager: String(flags['field-manager'] === 'kubectl-client-side-apply' ? 'kubectl' : flags['field-manager']), force: !!flags['force-conflicts'] });
    if (!r.ok) {
      ctx.err(serverError(r.status));
      return false;
    }
    printWritten(ctx, t.def, r.object, 'serverside-applied', dry, output);
    return true;
  }
  const modified = lastAppliedAnnotation(withNamespace(object, t), true);
  const live = client.get(t.gr, t.ns, t.name);
  if (!live.ok && live.status.reason !== 'NotFound') {
    ctx.err(sourcedError(live.status, 'retrieving current configuration of', source));
    return false;
  }
  if (!live.ok) {
    if (dry === 'client') {
      printWritten(ctx, t.def, modified, 'created', dry, output);
      return true;
    }
    const r = client.create(t.gr, t.ns, modified, opts);
    if (!r.ok) {
      ctx.err(sourcedError(r.status, 'creating', source));
      return false;
    }
    printWritten(ctx, t.def, r.object, 'created', dry, output);
    return true;
  }
  const annotations = live.object.metadata?.annotations ?? {};
  const lastText = annotations[LAST_APPLIED];
  if (lastText === undefined) {
    ctx.err(
      `Warning: resource ${t.gr}/${t.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
    );
  }
  let original: unknown;
  try {
    original = lastText ? JSON.parse(lastText) : undefined;
  } catch {
    original = undefined;
  }
  const patch = threeWayPatch(original, modified, live.object);
  if (Object.keys(patch).length === 0) {
    printWritten(ctx, t.def, live.object, 'unchanged', dry, output);
    return true;
  }
  if (dry === 'client') {
    printWritten(ctx, t.def, live.object, 'configured', dry, output);
    return true;
  }
  const r = client.patch(t.gr, t.ns, t.name, patch, 'strategic', undefined, opts);
  if (!r.ok) {
    ctx.err(sourcedError(r.status, 'patching', source));
    return false;
  }
  printWritten(ctx, t.def, r.object, 'configured', dry, output);
  return true;
}

function applyFiles(env: KubectlEnv): number {
  const { ctx, flags } = env;
  const files = (flags.filename as string[] | undefined) ?? [];
  if (files.length === 0) {
    ctx.err(`error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples`);
    return 1;
  }
  if (env.args.length > 0) {
    ctx.err(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
    return 1;
  }
  const wf = writeFlags(ctx, flags);
  if (!wf) return 1;
  const { dry, output } = wf;
  const read = readManifests(ctx, files, !!flags.recursive);
  if (!read.ok) {
    ctx.err(read.error);
    return 1;
  }
  if (read.items.length === 0) {
    ctx.err('error: no objects passed to apply');
    return 1;
  }
  let ok = true;
  for (const { object, source } of read.items) ok = applyOne(env, object, source, dry, output) && ok;
  return ok ? 0 : 1;
}

const viewLastApplied: Verb = {
  name: 'view-last-applied',
  short: 'View the latest last-applied-configuration annotations of a resource/object',
  flags: [{ name: 'output', short: 'o', type: 'string', default: 'yaml' }, { name: 'filename', short: 'f', type: 'strings' }],
  run(env) {
    const [first, second] = env.args;
    const [type, name] = first?.includes('/') ? (first.split('/', 2) as [string, string]) : [first, second];
    const def = type ? env.cluster.registry.resolve(type) : undefined;
    if (!type || !name) {
      env.ctx.err(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl apply view-last-applied -h' for help and examples`);
      return 1;
    }
    if (!def) {
      env.ctx.err(`error: the server doesn't have a resource type "${type}"`);
      return 1;
    }
    const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
    const r = env.client.get(gr, def.namespaced ? env.namespace : undefined, name);
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return 1;
    }
    const text = r.object.metadata?.annotations?.[LAST_APPLIED];
    if (!text) {
      env.ctx.err(`error: no last-applied-configuration annotation found on resource: ${name}`);
      return 1;
    }
    const v = JSON.parse(text) as unknown;
    env.ctx.out(env.flags.output === 'json' ? goJson(v) : goYaml(v).replace(/\n$/, ''));
    return 0;
  },
};

export const applyVerb: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', usage: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  subcommands: [viewLastApplied],
  run(env) {
    if (env.flags.kustomize) {
      env.ctx.err('kubedojo: "kubectl apply -k" (kustomize) is not available here; apply the manifests with -f instead.');
      return 1;
    }
    return applyFiles(env);
  },
};

