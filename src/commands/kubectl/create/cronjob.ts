/** `kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, afterDash, finishCreate, nameArg, withNamespace } from './common.js';

export const createCronJob: Verb = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
  required: ['image', 'schedule'],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const restart = (env.flags.restart as string | undefined) || 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never') {
      env.ctx.err(`error: restart policy must be one of OnFailure, Never`);
      return 1;
    }
    const command = afterDash(env);
    const container = { name, image: env.flags.image, ...(command.length > 0 ? { command } : {}), resources: {} };
    const obj = {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: withNamespace(env, { name, creationTimestamp: null }),
      spec: {
        schedule: env.flags.schedule,
        jobTemplate: {
          metadata: withNamespace(env, { name, creationTimestamp: null }),
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: restart } } },
        },
      },
      status: {},
    };
    return finishCreate(env, 'cronjobs.batch', obj);
  },
};
