/** `kubectl rollout history|pause|restart|resume|status|undo`. */
import type { Verb } from '../verb.js';
import { rolloutStatus } from './status.js';
import { rolloutHistory, rolloutUndo } from './history.js';
import { rolloutPause, rolloutRestart, rolloutResume } from './actions.js';

export const rolloutVerb: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [],
  subcommands: [rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutStatus, rolloutUndo],
  run(env) {
    if (env.args.length > 0) {
      env.ctx.err(`error: unknown command "${env.args[0]}" for "kubectl rollout"`);
      return 1;
    }
    env.ctx.out(
      'Manage the deployments of one or more resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).',
    );
    return 0;
  },
};
