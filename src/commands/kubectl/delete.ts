/**
 * `kubectl delete`: names, TYPE/NAME, -f, -l, --all, -A, --grace-period,
 * --now, --force, --cascade, --ignore-not-found, --dry-run, and --wait (on by
 * default): it advances the simulated clock until each object is gone.
 */
import type { Verb } from './verb.js';
import type { PropagationPolicy } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, kindLabel, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { parseGoDuration } from '../flags.js';
import { quotedRef, resolveRefs, type Ref } from './refs.js';

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

function cascadeOf(v: string, warn: (m: string) => void): PropagationPolicy | { error: string } {
  switch (v) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      warn('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.');
      return 'Background';
    case 'false':
      warn('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
    default:
      return { error: `error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan".` };
  }
}

export const deleteVerb: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'now', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'interactive', short: 'i', type: 'bool' },
    { name: 'raw', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run(env) {
    const { ctx, client, flags } = env;
    const warn = (m: string) => ctx.err(m);
    const cascade = cascadeOf(String(flags.cascade), warn);
    if (typeof cascade === 'object') {
      ctx.err(cascade.error);
      return 1;
    }
    const wf = writeFlags(ctx, flags, { output: false });
    if (!wf) return 1;
    const { dry } = wf;
    let grace = flags['grace-period'] as number;
    if (flags.now) {
      if (grace !== -1) {
        ctx.err('error: --now and --grace-period cannot be specified together');
        return 1;
      }
      grace = 1;
    }
    if (grace === 0 && !flags.force) grace = 1;
    if (flags.force && grace < 0) grace = 0;
    const output = flags.output as string | undefined;
    if (output !== undefined && output !== 'name') {
      ctx.err(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
      return 1;
    }
    const refs = resolveRefs(env, {
      selector: flags.selector as string | undefined,
      fieldSelector: flags['field-selector'] as string | undefined,
      all: !!flags.all,
      allNamespaces: !!flags['all-namespaces'],
      files: flags.filename as string[] | undefined,
      recursive: !!flags.recursive,
    });
    if (!refs.ok) {
      ctx.err(refs.error);
      return 1;
    }
    if (grace === 0 && flags.force) ctx.err(FORCE_WARNING);
    if (refs.refs.length === 0) {
      if (!flags['ignore-not-found']) ctx.err(refs.selected && !flags['all-namespaces'] ? `No resources found` : 'No resources found');
      return 0;
    }
    let code = 0;
    const waiting: { ref: Ref; uid: string | undefined }[] = [];
    for (const ref of refs.refs) {
      // A client dry run sends nothing; kubectl only reads the object to name it.
      const r = dry === 'client' ? client.get(ref.gr, ref.ns, ref.name) : client.delete(ref.gr, ref.ns, ref.name, { propagationPolicy: cascade, gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: dry === 'server' });
      if (!r.ok) {
        if (r.status.reason === 'NotFound' && (flags['ignore-not-found'] || refs.selected)) continue;
        ctx.err(serverError(r.status));
        code = 1;
        continue;
      }
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      if (output === 'name') ctx.out(`${kindLabel(ref.def)}/${ref.name}`);
      else ctx.out(`${quotedRef(ref.def, ref.name)} ${grace === 0 && flags.force ? 'force deleted' : 'deleted'}${suffix}`);
      if (dry === 'none') waiting.push({ ref, uid: r.object.metadata?.uid });
    }
    if (flags.wait && waiting.length > 0) {
      const gone = () =>
        waiting.every(({ ref, uid }) => {
          const g = client.get(ref.gr, ref.ns, ref.name);
          return !g.ok || (uid !== undefined && g.object.metadata?.uid !== uid);
        });
      const timeout = parseGoDuration(String(flags.timeout)) || 7 * 24 * 3_600_000;
      if (!ctx.world.advanceUntil(gone, timeout)) {
        const left = waiting.find(({ ref }) => client.get(ref.gr, ref.ns, ref.name).ok)!;
        ctx.err(`error: timed out waiting for the condition on ${left.ref.gr}/${left.ref.name}`);
        return 1;
      }
    }
    return code;
  },
};
