/** `kubectl create -f FILENAME` (files, directories, `-` for stdin). */
import type { KubectlEnv } from '../verb.js';
import { readManifests } from '../manifests.js';
import { printWritten, writeFlags } from '../print-object.js';
import { fieldValidation, resolveManifest, sourcedError } from '../apply/resolve.js';
import { lastAppliedAnnotation } from '../apply/last-applied.js';

export function createFromFiles(env: KubectlEnv): number {
  const { ctx, flags } = env;
  const files = (flags.filename as string[] | undefined) ?? [];
  if (env.args.length > 0) {
    ctx.err(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
    return 1;
  }
  if (files.length === 0) {
    ctx.err("error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples");
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
  let code = 0;
  for (const { object, source } of read.items) {
    const t = resolveManifest(env, object, source);
    if (typeof t === 'string') {
      ctx.err(t);
      code = 1;
      continue;
    }
    const body = flags['save-config'] ? lastAppliedAnnotation(object, true) : object;
    if (dry === 'client') {
      printWritten(ctx, t.def, body, 'created', dry, output);
      continue;
    }
    const r = env.client.create(t.gr, t.ns, body, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']), fieldValidation: fieldValidation(flags.validate) });
    if (r.ok) printWritten(ctx, t.def, r.object, 'created', dry, output);
    else {
      ctx.err(sourcedError(r.status, 'creating', source));
      code = 1;
    }
  }
  return code;
}
