/** `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json] [--subresource=…]` */
import { parse as parseYaml } from 'yaml';
import type { Verb } from './verb.js';
import type { PatchType } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { resolveRefs } from './refs.js';
import { deepEqual } from '../../cluster/api/paths.js';
import { mergePatch, jsonPatch, strategicMergePatch } from '../../cluster/api/patch.js';

const TYPES: Record<string, PatchType> = { json: 'json', merge: 'merge', strategic: 'strategic' };

export const patchVerb: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run(env) {
    const { ctx, flags, client } = env;
    const type = TYPES[String(flags.type)];
    if (!type) {
      ctx.err(`error: --type must be one of [json merge strategic], not "${String(flags.type)}"`);
      return 1;
    }
    let text = flags.patch as string | undefined;
    if (flags['patch-file']) {
      if (text) {
        ctx.err('error: cannot specify --patch and --patch-file together');
        return 1;
      }
      const f = ctx.files.read(String(flags['patch-file']));
      if (!f.ok) {
        ctx.err(`error: unable to read patch file: open ${String(flags['patch-file'])}: no such file or directory`);
        return 1;
      }
      text = f.text;
    }
    if (!text) {
      ctx.err("error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubectl patch -h' for help and examples");
      return 1;
    }
    let body: unknown;
    try {
      body = parseYaml(text) as unknown;
    } catch (e) {
      ctx.err(`error: unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
      return 1;
    }
    const wf = writeFlags(ctx, flags);
    if (!wf) return 1;
    const { dry } = wf;
    const refs = resolveRefs(env, { files: flags.filename as string[] | undefined, recursive: !!flags.recursive });
    if (!refs.ok) {
      ctx.err(refs.error);
      return 1;
    }
    let code = 0;
    for (const ref of refs.refs) {
      const sub = flags.subresource as string | undefined;
      const before = client.get(ref.gr, ref.ns, ref.name);
      if (!before.ok) {
        ctx.err(serverError(before.status));
        code = 1;
        continue;
      }
      if (dry === 'client') {
        const patched = type === 'merge' ? mergePatch(before.object, body) : type === 'json' ? jsonPatch(before.object, body) : strategicMergePatch(before.object, body);
        printWritten(ctx, ref.def, patched as never, 'patched', dry, flags.output as string | undefined);
        continue;
      }
      const r = client.patch(ref.gr, ref.ns, ref.name, body, type, sub, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        code = 1;
        continue;
      }
      const same = deepEqual(r.object, before.object);
      printWritten(ctx, ref.def, r.object, same ? 'patched (no change)' : 'patched', dry, flags.output as string | undefined);
    }
    return code;
  },
};
