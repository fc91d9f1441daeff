/**
 * `az`: the Azure CLI commands kubedojo understands, one small module per
 * command group. Words are matched to the longest known command path;
 * unknown ones get Azure's "misspelled" error and a short list of what is here.
 */
import type { Command } from '../types.js';
import { cloudOf } from '../../cluster/cloud/cloud.js';
import { parseAzArgs, type AzArg } from './args.js';
import { OUTPUT_CHOICES } from './output.js';
import { makeEnv, type AzCommand } from './command.js';
import { aksCommands } from './aks.js';
import { aksLifecycleCommands } from './aks-lifecycle.js';
import { nodepoolCommands } from './nodepool.js';
import { groupCommands } from './group.js';
import { networkCommands } from './network.js';
import { resourceCommands } from './resource.js';
import { vmssCommands } from './vmss.js';
import { accountCommands } from './account.js';
import { storageCommands } from './storage.js';
import { netappCommands } from './netappfiles.js';
import { approutingCommands } from './approuting.js';
import { networkLbCommands } from './network-lb.js';

const GLOBAL_ARGS: AzArg[] = [
  { name: '--output', aliases: ['-o'], type: 'string', choices: OUTPUT_CHOICES },
  { name: '--query', type: 'string' },
  { name: '--only-show-errors', type: 'bool' },
  { name: '--debug', type: 'bool' },
  { name: '--verbose', type: 'bool' },
  { name: '--subscription', type: 'string' },
];

export function azCommands(): AzCommand[] {
  return [...aksCommands(), ...aksLifecycleCommands(), ...nodepoolCommands(), ...groupCommands(), ...networkCommands(), ...resourceCommands(), ...vmssCommands(), ...accountCommands(), ...storageCommands(), ...netappCommands(), ...approutingCommands(), ...networkLbCommands()];
}

function supportedList(cmds: AzCommand[], prefix: string): string {
  const under = cmds.filter((c) => c.path.startsWith(prefix)).map((c) => `  az ${c.path}`);
  return `kubedojo's az understands:\n${under.join('\n')}`;
}

export const az: Command = {
  name: 'az',
  summary: 'Azure CLI: az aks, az aks nodepool, az aks approuting, az group, az network vnet|lb|public-ip|nsg, az resource, az vmss, az disk, az storage',
  run(ctx, args) {
    const cmds = azCommands();
    const words = args.filter((a) => !a.startsWith('-'));
    let cmd: AzCommand | undefined;
    for (const c of cmds) {
      const p = c.path.split(' ');
      if (p.every((w, i) => args[i] === w) && (!cmd || p.length > cmd.path.split(' ').length)) cmd = c;
    }
    if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
      ctx.out(`Welcome to Azure CLI (kubedojo's simulated Azure)!\n\n${supportedList(cmds, '')}`);
      return 0;
    }
    if (!cmd) {
      // The deepest known group the words reach.
      let depth = 0;
      while (depth < words.length && cmds.some((c) => c.path.split(' ').slice(0, depth + 1).join(' ') === words.slice(0, depth + 1).join(' '))) depth++;
      const group = words.slice(0, depth).join(' ');
      const bad = words[depth];
      if (bad === undefined) {
        ctx.err(`ERROR: az ${group}: the command requires a subcommand.\n${supportedList(cmds, group ? `${group} ` : '')}`);
        return 2;
      }
      ctx.err(`ERROR: '${bad}' is misspelled or not recognized by the system.\n${supportedList(cmds, group ? `${group} ` : '')}`);
      return 2;
    }
    const rest = args.slice(cmd.path.split(' ').length);
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.out(`Command\n    az ${cmd.path} : ${cmd.summary}\n\nArguments\n${cmd.args.map((a) => `    ${[a.name, ...(a.aliases ?? [])].join(' ')}${a.required ? ' [Required]' : ''}`).join('\n')}`);
      return 0;
    }
    const parsed = parseAzArgs(rest, [...cmd.args, ...GLOBAL_ARGS]);
    if (!parsed.ok) {
      const anchor = `az-${cmd.path.replace(/ /g, '-')}`;
      ctx.err(`ERROR: ${parsed.error}\n\nRead more about the command in reference docs: https://learn.microsoft.com/cli/azure/${cmd.path.split(' ').slice(0, -1).join('/')}#${anchor}`);
      return 2;
    }
    return cmd.run(makeEnv(ctx, cloudOf(ctx.world), parsed.values, cmd));
  },
};
