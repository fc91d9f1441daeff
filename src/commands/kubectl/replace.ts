/** `kubectl replace -f FILENAME [--force]`: a PUT of the whole object (or delete and re-create with --force). */
import type { Verb } from './verb.js';
import { readManifests } from './manifests.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { resolveManifest, sourcedError } from './apply/resolve.js';
import { quotedRef } from './refs.js';
import { LAST_APPLIED, lastAppliedAnnotation } from './apply/last-applied.js';

export const replaceVerb: Verb = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  usage: 'kubectl replace -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'raw', type: 'string' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run(env) {
    const { ctx, flags, client } = env;
    const files = (flags.filename as string[] | undefined) ?? [];
    if (files.length === 0) {
      ctx.err("error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples");
      return 1;
    }
    const wf = writeFlags(ctx, flags);
    if (!wf) return 1;
    const { dry } = wf;
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
      let body = object;
      if (flags['save-config'] || object.metadata?.annotations?.[LAST_APPLIED]) body = lastAppliedAnnotation(object, true);
      if (dry === 'client') {
        printWritten(ctx, t.def, body, 'replaced', dry, flags.output as string | undefined);
        continue;
      }
      if (flags.force) {
        const d = client.delete(t.gr, t.ns, t.name, { propagationPolicy: 'Background', gracePeriodSeconds: (flags['grace-period'] as number) >= 0 ? (flags['grace-period'] as number) : undefined });
        if (!d.ok && d.status.reason !== 'NotFound') {
          ctx.err(sourcedError(d.status, 'deleting', source));
          code = 1;
          continue;
        }
        if (d.ok) ctx.out(`${quotedRef(t.def, t.name)} deleted`);
        ctx.world.advanceUntil(() => !client.get(t.gr, t.ns, t.name).ok, 300_000);
        const c = client.create(t.gr, t.ns, body, { fieldManager: String(flags['field-manager']) });
        if (!c.ok) {
          ctx.err(sourcedError(c.status, 'creating', source));
          code = 1;
          continue;
        }
        printWritten(ctx, t.def, c.object, 'replaced', dry, flags.output as string | undefined);
        continue;
      }
      const r = client.update(t.gr, t.ns, t.name, body, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
      if (!r.ok) {
        ctx.err(sourcedError(r.status, 'replacing', source));
        code = 1;
        continue;
      }
      printWritten(ctx, t.def, r.object, 'replaced', dry, flags.output as string | undefined);
    }
    return code;
  },
};
