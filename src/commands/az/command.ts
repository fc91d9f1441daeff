/** The shape of one `az` command and the helpers every command module shares. */
import type { CommandContext } from '../types.js';
import type { AzureCloud } from '../../cluster/cloud/cloud.js';
import type { AzError } from '../../cluster/cloud/errors.js';
import type { ManagedCluster } from '../../cluster/cloud/types.js';
import type { Task } from '../../cluster/cloud/tasks.js';
import { resourceGroupNotFound, resourceNotFound } from '../../cluster/cloud/errors.js';
import type { AzArg, AzValues } from './args.js';
import { printAzError, printResult, type OutputFormat, type Row } from './output.js';

export interface AzEnv {
  ctx: CommandContext;
  cloud: AzureCloud;
  values: AzValues;
  str(k: string): string | undefined;
  num(k: string): number | undefined;
  bool(k: string): boolean;
  list(k: string): string[] | undefined;
  /** Print a result in the chosen -o format (default json). */
  print(value: unknown, table?: (v: unknown) => Row[]): number;
  fail(e: AzError): number;
  /** Wait for a long operation like the CLI's poller (advancing the world), unless --no-wait. */
  wait(task: Task): AzError | undefined;
  warn(text: string): void;
}

export interface AzCommand {
  /** Words after `az`: `aks nodepool add`. */
  path: string;
  summary: string;
  args: AzArg[];
  /** Default output format when -o is not given. */
  defaultOutput?: OutputFormat;
  run(env: AzEnv): number;
}

/** Longest time the CLI waits on one operation before giving up (simulated). */
export const LRO_LIMIT_MS = 4 * 3_600_000;

export function makeEnv(ctx: CommandContext, cloud: AzureCloud, values: AzValues, cmd: AzCommand): AzEnv {
  const format = ((values.output as string | undefined) ?? cmd.defaultOutput ?? 'json') as OutputFormat;
  return {
    ctx,
    cloud,
    values,
    str: (k) => values[k] as string | undefined,
    num: (k) => values[k] as number | undefined,
    bool: (k) => values[k] === true,
    list: (k) => values[k] as string[] | undefined,
    print: (value, table) => printResult(ctx, value, { format, query: values.query as string | undefined, table }),
    fail: (e) => printAzError(ctx, e),
    wait(task) {
      if (values['no-wait'] === true) return undefined;
      ctx.world.advanceUntil(() => task.done, LRO_LIMIT_MS);
      if (!task.done) return { code: 'OperationTimedOut', message: `The operation '${task.name}' did not finish within ${LRO_LIMIT_MS / 3_600_000} hours.`, source: 'arm' };
      return task.error;
    },
    warn: (text) => {
      if (values['only-show-errors'] !== true) ctx.err(`WARNING: ${text}`);
    },
  };
}

/** The managed cluster named by -g/-n (or --cluster-name), or the ARM error. */
export function findCluster(env: AzEnv, nameKey = 'name'): { mc: ManagedCluster } | { error: AzError } {
  const rg = env.str('resource-group')!;
  const name = env.str(nameKey)!;
  if (!env.cloud.group(rg)) return { error: resourceGroupNotFound(rg).error };
  const mc = env.cloud.cluster(rg, name);
  if (!mc) return { error: resourceNotFound('Microsoft.ContainerService/managedClusters', name, rg).error };
  return { mc };
}
