/** `kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N|--max-unavailable=N` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';
import { parseLabelSelector } from '../../../cluster/api/selectors.js';
import { labelSelectorOf } from './label-selector.js';

const intOrString = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

export const createPdb: Verb = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  usage: 'kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
  flags: [...GENERATOR_FLAGS, { name: 'selector', type: 'string' }, { name: 'min-available', type: 'string' }, { name: 'max-unavailable', type: 'string' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const sel = env.flags.selector as string | undefined;
    const min = env.flags['min-available'] as string | undefined;
    const max = env.flags['max-unavailable'] as string | undefined;
    if (!sel) {
      env.ctx.err('error: a selector must be specified');
      return 1;
    }
    if (!min && !max) {
      env.ctx.err('error: one of min-available or max-unavailable must be specified');
      return 1;
    }
    if (min && max) {
      env.ctx.err('error: min-available and max-unavailable cannot be both specified');
      return 1;
    }
    const parsed = parseLabelSelector(sel);
    if (!parsed.ok) {
      env.ctx.err(`error: ${parsed.error}`);
      return 1;
    }
    const spec: Record<string, unknown> = {};
    if (min) spec.minAvailable = intOrString(min);
    spec.selector = labelSelectorOf(sel);
    if (max) spec.maxUnavailable = intOrString(max);
    const obj = {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: withNamespace(env, { name, creationTimestamp: null }),
      spec,
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
    return finishCreate(env, 'poddisruptionbudgets.policy', obj);
  },
};
