/** `kubectl set image|env|resources`. */
import type { Verb } from '../verb.js';
import { setImage } from './image.js';
import { setEnv } from './env.js';
import { setResources } from './resources.js';

export const setVerb: Verb = {
  name: 'set',
  short: 'Set specific features on objects',
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [],
  subcommands: [setEnv, setImage, setResources],
  run(env) {
    if (env.args.length > 0) {
      env.ctx.err(`error: unknown command "${env.args[0]}" for "kubectl set"`);
      return 1;
    }
    env.ctx.out('Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env            Update environment variables on a pod template\n  image          Update the image of a pod template\n  resources      Update resource requests/limits on objects with pod templates\n\nUsage:\n  kubectl set SUBCOMMAND [options]');
    return 0;
  },
};
