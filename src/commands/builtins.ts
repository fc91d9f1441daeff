/** kubedojo's own small commands: sleep (advance the clock), help, echo. */
import type { Command } from './types.js';
import { parseDuration } from '../cluster/clock.js';

export const sleep: Command = {
  name: 'sleep',
  summary: 'Advance the simulated clock (sleep 30s, sleep 5m)',
  run(ctx, args) {
    const d = args[0] === undefined ? undefined : parseDuration(args[0]);
    if (d === undefined) {
      ctx.err(args[0] === undefined ? 'sleep: missing operand' : `sleep: invalid time interval '${args[0]}'`);
      return 1;
    }
    ctx.world.advance(d);
    return 0;
  },
};

export const echo: Command = {
  name: 'echo',
  summary: 'Print its arguments',
  run(ctx, args) {
    ctx.out(args.join(' '));
    return 0;
  },
};

export const help: Command = {
  name: 'help',
  summary: 'List the commands kubedojo understands',
  run(ctx) {
    ctx.out(
      [
        'kubedojo understands:',
        '  kubectl …      (or k …)  talk to the cluster, as on a real one',
        '  sleep 30s      let simulated time pass',
        '  help           this list',
      ].join('\n'),
    );
    return 0;
  },
};

export function builtinCommands(): Command[] {
  return [sleep, echo, help];
}
