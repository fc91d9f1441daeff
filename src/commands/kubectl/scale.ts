/** `kubectl scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)`: a merge patch on the scale subresource. */
import type { Verb } from './verb.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { resolveRefs } from './refs.js';
import { parseGoDuration } from '../flags.js';

export const scaleVerb: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int', default: 0 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  required: ['replicas'],
  run(env) {
    const { ctx, flags, client } = env;
    const replicas = flags.replicas as number;
    if (replicas < 0) {
      ctx.err('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      return 1;
    }
    const wf = writeFlags(ctx, flags, { output: false });
    if (!wf) return 1;
    const { dry } = wf;
    const refs = resolveRefs(env, { selector: flags.selector as string | undefined, all: !!flags.all, files: flags.filename as string[] | undefined });
    if (!refs.ok) {
      ctx.err(refs.error);
      return 1;
    }
    if (refs.refs.length === 0) {
      ctx.err('error: no objects passed to scale');
      return 1;
    }
    let code = 0;
    for (const ref of refs.refs) {
      if (!ref.def.scale) {
        ctx.err(`error: no scaler has been implemented for {"${ref.def.group}" "${ref.def.kind}"}`);
        code = 1;
        continue;
      }
      const cur = client.get(ref.gr, ref.ns, ref.name);
      if (!cur.ok) {
        ctx.err(`error: no objects passed to scale ${cur.status.message}`);
        code = 1;
        continue;
      }
      const expected = flags['current-replicas'] as number;
      const now = (cur.object.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      if (expected >= 0 && expected !== now) {
        ctx.err(`error: Expected replicas to be ${expected}, was ${now}`);
        code = 1;
        continue;
      }
      if (dry !== 'client') {
        const rv = flags['resource-version'] as string | undefined;
        const r = client.patch(ref.gr, ref.ns, ref.name, { spec: { replicas }, ...(rv ? { metadata: { resourceVersion: rv } } : {}) }, 'merge', 'scale', { dryRun: dry === 'server' });
        if (!r.ok) {
          ctx.err(serverError(r.status));
          code = 1;
          continue;
        }
      }
      printWritten(ctx, ref.def, cur.object, 'scaled', dry, flags.output as string | undefined);
      const timeout = parseGoDuration(String(flags.timeout)) ?? 0;
      if (timeout > 0 && dry === 'none') {
        ctx.world.advanceUntil(() => {
          const g = client.get(ref.gr, ref.ns, ref.name);
          return g.ok && (g.object.status as { replicas?: number } | undefined)?.replicas === replicas;
        }, timeout);
      }
    }
    return code;
  },
};
