/**
 * `kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N-`: add
 * (`key=value:Effect`, `key:Effect`), remove (`key-`, `key:Effect-`),
 * `--overwrite`, with upstream validation messages.
 */
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, dryRunOf } from './print-object.js';
import { serverError } from './output.js';
import { labelErrors } from '../../cluster/api/validation/names.js';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseSpec(spec: string): { add?: Taint; remove?: { key: string; effect?: string } } | string {
  if (spec.endsWith('-')) {
    const body = spec.slice(0, -1);
    const [key, effect] = body.split(':', 2) as [string, string | undefined];
    if (effect !== undefined && !EFFECTS.includes(effect)) return `error: invalid taint effect: ${effect}, unsupported taint effect`;
    return { remove: { key, effect } };
  }
  const colon = spec.lastIndexOf(':');
  if (colon < 0) return `error: invalid taint spec: ${spec}, at least one taint update is required`;
  const effect = spec.slice(colon + 1);
  const kv = spec.slice(0, colon);
  const eq = kv.indexOf('=');
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? undefined : kv.slice(eq + 1);
  if (!EFFECTS.includes(effect)) return `error: invalid taint effect: ${effect}, unsupported taint effect`;
  const bad = labelErrors({ [key]: value ?? '' });
  if (bad.length > 0) return `error: invalid taint spec: ${spec}, ${bad.map((e) => e.detail).join('; ')}`;
  return { add: { key, ...(value !== undefined && value !== '' ? { value } : {}), effect } };
}

export const taintVerb: Verb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [{ name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'validate', type: 'string' }, { name: 'field-manager', type: 'string', default: 'kubectl-taint' }, { name: 'output', short: 'o', type: 'string' }, DRY_RUN_FLAG],
  run(env) {
    const { ctx, flags, client } = env;
    const help = "\nSee 'kubectl taint -h' for help and examples";
    let args = [...env.args];
    if (args[0] && (args[0] === 'nodes' || args[0] === 'node' || args[0] === 'no')) args = args.slice(1);
    else if (args[0]?.startsWith('node/') || args[0]?.startsWith('nodes/')) args[0] = args[0].slice(args[0].indexOf('/') + 1);
    else if (args[0] && env.args.length > 1) {
      ctx.err(`error: invalid resource type ${args[0]}, only nodes are supported${help}`);
      return 1;
    }
    const names = flags.all || flags.selector ? [] : args.slice(0, 1);
    const specs = flags.all || flags.selector ? args : args.slice(1);
    if (specs.length === 0) {
      ctx.err('error: at least one taint update is required');
      return 1;
    }
    const adds: Taint[] = [];
    const removes: { key: string; effect?: string }[] = [];
    for (const s of specs) {
      const p = parseSpec(s);
      if (typeof p === 'string') {
        ctx.err(p + help);
        return 1;
      }
      if (p.add) adds.push(p.add);
      if (p.remove) removes.push(p.remove);
    }
    const dry = dryRunOf(ctx, flags, () => undefined);
    if (typeof dry === 'object') {
      ctx.err(dry.error);
      return 1;
    }
    let nodes: KObject[];
    if (flags.all || flags.selector) nodes = client.items<KObject>('nodes', undefined, { labelSelector: flags.selector as string | undefined });
    else {
      const r = client.get('nodes', undefined, names[0] ?? '');
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      nodes = [r.object];
    }
    let code = 0;
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      let taints = [...((node.spec as { taints?: Taint[] } | undefined)?.taints ?? [])];
      for (const rm of removes) {
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === rm.key && (rm.effect === undefined || t.effect === rm.effect)));
        if (taints.length === before) {
          ctx.err(`error: taint "${rm.key}${rm.effect ? `:${rm.effect}` : ''}" not found`);
          return 1;
        }
      }
      for (const a of adds) {
        const i = taints.findIndex((t) => t.key === a.key && t.effect === a.effect);
        if (i >= 0) {
          if (!flags.overwrite) {
            ctx.err(`error: node ${name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`);
            return 1;
          }
          taints[i] = { ...a, ...(a.effect === 'NoExecute' ? { timeAdded: new Date(ctx.world.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}) };
        } else taints.push({ ...a, ...(a.effect === 'NoExecute' ? { timeAdded: new Date(ctx.world.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}) });
      }
      const word = adds.length === 0 ? 'untainted' : removes.length > 0 ? 'modified' : 'tainted';
      if (dry !== 'client') {
        const r = client.patch('nodes', undefined, name, { spec: { taints: taints.length > 0 ? taints : null } }, 'merge', undefined, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
        if (!r.ok) {
          ctx.err(serverError(r.status));
          code = 1;
          continue;
        }
      }
      ctx.out(`node/${name} ${word}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`);
    }
    return code;
  },
};
