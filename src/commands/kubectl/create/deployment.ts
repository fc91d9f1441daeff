/** `kubectl create deployment NAME --image=image [--replicas=1] [--port=p] [-- command args…]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, afterDash, finishCreate, nameArg, withNamespace } from './common.js';

/** The container name kubectl derives from an image: its last path part without tag or digest. */
export function containerNameFor(image: string): string {
  let base = image.slice(image.lastIndexOf('/') + 1);
  const at = base.indexOf('@');
  if (at >= 0) base = base.slice(0, at);
  const colon = base.indexOf(':');
  if (colon >= 0) base = base.slice(0, colon);
  return base;
}

export const createDeployment: Verb = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', type: 'strings', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  required: ['image'],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const command = afterDash(env);
    const images = (env.flags.image as string[]) ?? [];
    if (images.length > 1 && command.length > 0) {
      env.ctx.err(`error: cannot specify multiple --image options and command\nSee 'kubectl ${env.path} -h' for help and examples`);
      return 1;
    }
    const labels = { app: name };
    const port = env.flags.port as number;
    const containers = images.map((image, i) => ({
      name: containerNameFor(image),
      image,
      ...(i === 0 && command.length > 0 ? { command } : {}),
      ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const obj = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: withNamespace(env, { name, creationTimestamp: null, labels }),
      spec: {
        replicas: env.flags.replicas as number,
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
    return finishCreate(env, 'deployments.apps', obj as never);
  },
};
