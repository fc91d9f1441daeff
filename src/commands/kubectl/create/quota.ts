/** `kubectl create quota NAME [--hard=key1=value1] [--scopes=Scope1,Scope2]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { sortEntries } from './sources.js';

export const createQuota: Verb = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  usage: 'kubectl create quota NAME [--hard=key1=value1] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS, { name: 'hard', type: 'string' }, { name: 'scopes', type: 'string' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const hard: [string, string][] = [];
    for (const part of String(env.flags.hard ?? '').split(',').filter((x) => x !== '')) {
      const eq = part.indexOf('=');
      if (eq <= 0) {
        env.ctx.err(`error: invalid parameter ${part}, expected key=value`);
        return 1;
      }
      hard.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
    const scopes = String(env.flags.scopes ?? '').split(',').filter((x) => x !== '');
    const spec: Record<string, unknown> = {};
    if (hard.length > 0) spec.hard = Object.fromEntries(sortEntries(hard));
    if (scopes.length > 0) spec.scopes = scopes;
    return finishCreate(env, 'resourcequotas', { kind: 'ResourceQuota', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }) as never, spec, status: {} });
  },
};
