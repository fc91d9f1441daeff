/** The shape of one kubectl verb and what it runs with. */
import type { CommandContext } from '../types.js';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Client } from '../../cluster/api/client.js';
import type { Cluster } from '../../cluster/cluster.js';

export interface KubectlEnv {
  ctx: CommandContext;
  cluster: Cluster;
  client: Client;
  namespace: string;
  /** The namespace was given explicitly with -n. */
  namespaceSet: boolean;
  flags: FlagValues;
  args: string[];
  set: Set<string>;
  /** How many args came before `--` (-1 when there was no `--`). */
  dashAt: number;
  /** The command path as kubectl names it in errors: `create deployment`. */
  path: string;
  /** The kubeconfig context in use. */
  contextName: string;
}

/** Runs without a cluster (`config`, `version --client`): no context resolution first. */
export interface OfflineEnv {
  ctx: CommandContext;
  flags: FlagValues;
  args: string[];
  set: Set<string>;
  dashAt: number;
  path: string;
}

export interface Verb {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help`. */
  short?: string;
  /** `kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]` */
  usage?: string;
  flags: FlagSpec[];
  /** Flags cobra marks required: `error: required flag(s) "image" not set`. */
  required?: string[];
  subcommands?: Verb[];
  /** Hidden from help and suggestions. */
  hidden?: boolean;
  run(env: KubectlEnv): number;
  offline?(env: OfflineEnv): number;
}
