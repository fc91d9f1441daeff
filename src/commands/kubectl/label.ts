/**
 * `kubectl label` and `kubectl annotate`: `KEY=VALUE` sets, `KEY-` removes,
 * `--overwrite` rules and errors as upstream, `--all`, `-l`, `--list`; sent as
 * a merge patch on metadata.
 */
import type { KubectlEnv, Verb } from './verb.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, kindLabel, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { resolveRefs } from './refs.js';
import { labelErrors } from '../../cluster/api/validation/names.js';

type Which = 'labels' | 'annotations';

function parseChanges(words: string[], which: Which): { set: [string, string][]; remove: string[] } | { error: string } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const w of words) {
    if (w.endsWith('-') && !w.includes('=')) {
      remove.push(w.slice(0, -1));
      continue;
    }
    const eq = w.indexOf('=');
    if (eq <= 0) return { error: `error: invalid ${which === 'labels' ? 'label' : 'annotation'} format: ${w}` };
    const k = w.slice(0, eq);
    const v = w.slice(eq + 1);
    if (which === 'labels') {
      const errs = labelErrors({ [k]: v });
      if (errs.length > 0) return { error: `error: invalid label value: "${w}": ${errs.map((e) => e.detail).join('; ')}` };
    }
    set.push([k, v]);
  }
  for (const r of remove) if (set.some(([k]) => k === r)) return { error: `error: can not both modify and remove ${which === 'labels' ? 'a label' : 'an annotation'} in the same command` };
  return { set, remove };
}

function run(env: KubectlEnv, which: Which): number {
  const { ctx, flags, client } = env;
  const singular = which === 'labels' ? 'label' : 'annotation';
  const files = (flags.filename as string[] | undefined) ?? [];
  let resourceArgs: string[];
  let changeArgs: string[];
  if (files.length > 0) {
    resourceArgs = [];
    changeArgs = env.args;
  } else {
    const firstChange = env.args.findIndex((a, i) => i > 0 && (a.includes('=') || a.endsWith('-')));
    resourceArgs = firstChange < 0 ? env.args : env.args.slice(0, firstChange);
    changeArgs = firstChange < 0 ? [] : env.args.slice(firstChange);
  }
  const changes = parseChanges(changeArgs, which);
  if ('error' in changes) {
    ctx.err(changes.error);
    return 1;
  }
  if (changes.set.length === 0 && changes.remove.length === 0 && !flags.list) {
    ctx.err(`error: at least one ${singular} update is required\nSee 'kubectl ${which === 'labels' ? 'label' : 'annotate'} -h' for help and examples`);
    return 1;
  }
  const wf = writeFlags(ctx, flags);
  if (!wf) return 1;
  const { dry } = wf;
  const refs = resolveRefs({ ...env, args: resourceArgs }, { selector: flags.selector as string | undefined, all: !!flags.all, allNamespaces: !!flags['all-namespaces'], files });
  if (!refs.ok) {
    ctx.err(refs.error);
    return 1;
  }
  let code = 0;
  for (const ref of refs.refs) {
    const cur = client.get(ref.gr, ref.ns, ref.name);
    if (!cur.ok) {
      ctx.err(serverError(cur.status));
      code = 1;
      continue;
    }
    const old = { ...((cur.object.metadata?.[which] as Record<string, string> | undefined) ?? {}) };
    if (flags.list) {
      for (const [k, v] of Object.entries(old).sort()) ctx.out(`${k}=${v}`);
      continue;
    }
    if (!flags.overwrite) {
      const clash = changes.set.filter(([k, v]) => k in old && old[k] !== v);
      if (clash.length > 0) {
        if (which === 'labels') ctx.err(`error: '${clash[0]![0]}' already has a value (${old[clash[0]![0]]!}), and --overwrite is false`);
        else ctx.err(`error: --overwrite is false but found the following declared annotation(s): ${clash.map(([k]) => `'${k}' already has a value (${old[k]!})`).join('; ')}`);
        code = 1;
        continue;
      }
    }
    const patch: Record<string, string | null> = {};
    const next = { ...old };
    for (const [k, v] of changes.set) {
      patch[k] = v;
      next[k] = v;
    }
    for (const k of changes.remove) {
      if (!(k in old)) ctx.err(`${singular} "${k}" not found.`);
      else {
        patch[k] = null;
        delete next[k];
      }
    }
    const changed = JSON.stringify(Object.entries(old).sort()) !== JSON.stringify(Object.entries(next).sort());
    let msg: string;
    if (which === 'annotations') msg = 'annotated';
    else msg = !changed ? 'not labeled' : !flags.overwrite && Object.keys(next).length < Object.keys(old).length ? 'unlabeled' : 'labeled';
    if (dry === 'client' || !changed) {
      printWritten(ctx, ref.def, { ...cur.object, metadata: { ...cur.object.metadata, [which]: next } }, msg, dry, flags.output as string | undefined);
      continue;
    }
    const rv = flags['resource-version'] as string | undefined;
    const r = client.patch(ref.gr, ref.ns, ref.name, { metadata: { [which]: patch, ...(rv ? { resourceVersion: rv } : {}) } }, 'merge', undefined, { dryRun: dry === 'server', fieldManager: `kubectl-${which === 'labels' ? 'label' : 'annotate'}` });
    if (!r.ok) {
      ctx.err(serverError(r.status));
      code = 1;
      continue;
    }
    printWritten(ctx, ref.def, r.object, msg, dry, flags.output as string | undefined);
  }
  void kindLabel;
  return code;
}

const COMMON = [
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
  { name: 'field-manager', type: 'string' as const },
  DRY_RUN_FLAG,
  ...PRINT_FLAGS,
];

export const labelVerb: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: COMMON,
  run: (env) => run(env, 'labels'),
};

export const annotateVerb: Verb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: COMMON,
  run: (env) => run(env, 'annotations'),
};
