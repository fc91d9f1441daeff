/** `kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, afterDash, finishCreate, nameArg, withNamespace } from './common.js';
import { serverError } from '../output.js';

export const createJob: Verb = {
  name: 'job',
  short: 'Create a job with the specified name',
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string', usage: 'Image name to run.' }, { name: 'from', type: 'string', usage: 'The name of the resource to create a Job from (only cronjob is supported).' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const image = env.flags.image as string | undefined;
    const from = env.flags.from as string | undefined;
    const command = afterDash(env);
    if (!image && !from) {
      env.ctx.err('error: either --image or --from must be specified');
      return 1;
    }
    if (image && from) {
      env.ctx.err('error: --image and --from are mutually exclusive');
      return 1;
    }
    if (from && command.length > 0) {
      env.ctx.err('error: cannot specify --from and command');
      return 1;
    }
    if (from) {
      const [type, cj] = from.split('/', 2) as [string, string | undefined];
      const def = env.cluster.registry.resolve(type);
      if (!def || def.kind !== 'CronJob' || !cj) {
        env.ctx.err(`error: from must be an existing cronjob: ${def ? `unknown object type ${def.kind}` : `the server doesn't have a resource type "${type}"`}`);
        return 1;
      }
      const got = env.client.get('cronjobs.batch', env.namespace, cj);
      if (!got.ok) {
        env.ctx.err(serverError(got.status));
        return 1;
      }
      const cron = got.object as { metadata?: { name?: string; uid?: string }; spec?: { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } };
      const tpl = cron.spec?.jobTemplate ?? {};
      const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl.metadata?.annotations ?? {}) };
      const meta = withNamespace(env, {
        name,
        creationTimestamp: null,
        ...(tpl.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
        annotations,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cron.metadata?.name, uid: cron.metadata?.uid, controller: true }],
      });
      return finishCreate(env, 'jobs.batch', { kind: 'Job', apiVersion: 'batch/v1', metadata: meta as never, spec: tpl.spec ?? {}, status: {} });
    }
    const container = { name, image, ...(command.length > 0 ? { command } : {}), resources: {} };
    const obj = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: withNamespace(env, { name, creationTimestamp: null }),
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    };
    return finishCreate(env, 'jobs.batch', obj);
  },
};
