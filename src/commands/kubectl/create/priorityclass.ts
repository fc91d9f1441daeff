/** `kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--preemption-policy=…]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg } from './common.js';

export const createPriorityClass: Verb = {
  name: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  usage: 'kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'value', type: 'int', default: 0 },
    { name: 'global-default', type: 'bool' },
    { name: 'description', type: 'string' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' },
  ],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const obj: Record<string, unknown> = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name, creationTimestamp: null }, value: env.flags.value };
    if (env.flags['global-default']) obj.globalDefault = true;
    if (env.flags.description) obj.description = env.flags.description;
    obj.preemptionPolicy = env.flags['preemption-policy'];
    return finishCreate(env, 'priorityclasses.scheduling.k8s.io', obj);
  },
};
