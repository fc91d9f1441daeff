/** `kubectl cordon NODE` / `kubectl uncordon NODE`: spec.unschedulable by strategic merge patch. */
import type { KubectlEnv, Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, dryRunOf } from './print-object.js';
import { serverError } from './output.js';

export function nodesFor(env: KubectlEnv, verb: string): KObject[] | undefined {
  const sel = env.flags.selector as string | undefined;
  if (env.args.length === 0 && !sel) {
    env.ctx.err(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
    return undefined;
  }
  if (sel) {
    const r = env.client.list<KObject>('nodes', undefined, { labelSelector: sel });
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return undefined;
    }
    return r.object.items;
  }
  const out: KObject[] = [];
  for (const a of env.args) {
    const name = a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a;
    const r = env.client.get('nodes', undefined, name);
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return undefined;
    }
    out.push(r.object);
  }
  return out;
}

/** Set spec.unschedulable; prints `node/x cordoned` or `node/x already cordoned`. */
export function setUnschedulable(env: KubectlEnv, node: KObject, on: boolean, dryRun: 'none' | 'client' | 'server'): boolean {
  const name = node.metadata?.name ?? '';
  const word = on ? 'cordoned' : 'uncordoned';
  if (!!(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === on) {
    env.ctx.out(`node/${name} already ${word}`);
    return true;
  }
  if (dryRun !== 'client') {
    const r = env.client.patch('nodes', undefined, name, { spec: { unschedulable: on ? true : null } }, 'strategic', undefined, { dryRun: dryRun === 'server' });
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return false;
    }
  }
  env.ctx.out(`node/${name} ${word}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
  return true;
}

function make(verb: 'cordon' | 'uncordon'): Verb {
  return {
    name: verb,
    short: verb === 'cordon' ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    usage: `kubectl ${verb} NODE [options]`,
    flags: [{ name: 'selector', short: 'l', type: 'string' }, DRY_RUN_FLAG],
    run(env) {
      const dry = dryRunOf(env.ctx, env.flags, () => undefined);
      if (typeof dry === 'object') {
        env.ctx.err(dry.error);
        return 1;
      }
      const nodes = nodesFor(env, verb);
      if (!nodes) return 1;
      let ok = true;
      for (const n of nodes) ok = setUnschedulable(env, n, verb === 'cordon', dry) && ok;
      return ok ? 0 : 1;
    },
  };
}

export const cordonVerb = make('cordon');
export const uncordonVerb = make('uncordon');
