/** Every command the shell knows, in the order `help` lists them. Each issue adds its commands here. */
import type { Command } from './types.js';
import { curl, proxyRules } from './network.js';
import { simulate } from './simulate.js';
import { kubectl } from './kubectl/index.js';
import { builtinCommands } from './builtins.js';
import { az } from './az/index.js';
import { clockCommand } from './clock.js';
import { load } from './load.js';
import { etcdctl } from './etcdctl.js';
import { why } from './why.js';
import { queue } from './queue.js';
import { jobs, kill } from './port-forwards.js';

export function allCommands(): Command[] {
  return [kubectl, az, ...builtinCommands(), curl, proxyRules, simulate, clockCommand, load, etcdctl, why, queue, jobs, kill];
}
