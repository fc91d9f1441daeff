/**
 * `az aks approuting enable|disable|update`: the application routing add-on
 * (managed NGINX). Enabling is a managed-cluster update (the CLI waits on
 * it) after which AKS's operator installs the controller; disabling removes
 * it. `az aks create --enable-app-routing` does the same once the cluster
 * is up.
 */
import type { AzCommand, AzEnv } from './command.js';
import { findCluster } from './command.js';
import { NAME, NO_WAIT, RG, YES } from './args.js';
import { clusterJson } from './arm.js';
import { clusterTable } from './aks.js';
import { runTask } from '../../cluster/cloud/tasks.js';
import { appRoutingEnabled, disableAppRouting, enableAppRouting } from '../../cluster/services/ingress/app-routing.js';

/** Simulated time of the managed-cluster update that turns the add-on on or off. */
export const APPROUTING_UPDATE_MS = 60_000;

function update(env: AzEnv, what: string, apply: () => void, then?: () => void): number {
  const f = findCluster(env);
  if ('error' in f) return env.fail(f.error);
  const mc = f.mc;
  if (mc.powerState === 'Stopped') return env.fail({ code: 'OperationNotAllowed', source: 'arm', message: `Operation is not allowed: Cannot update the managed cluster '${mc.name}' while it is stopped. Please start the cluster first.` });
  mc.provisioningState = 'Updating';
  const task = runTask(env.cloud.world.clock, `${what} ${mc.name}`, (function* () {
    yield { sleep: then ? APPROUTING_UPDATE_MS / 2 : APPROUTING_UPDATE_MS };
    apply();
    if (then) {
      yield { sleep: APPROUTING_UPDATE_MS / 2 };
      then();
    }
    mc.provisioningState = 'Succeeded';
  })());
  const e = env.wait(task);
  if (e) return env.fail(e);
  if (env.bool('no-wait')) return 0;
  return env.print(clusterJson(env.cloud, mc), clusterTable);
}

export function approutingCommands(): AzCommand[] {
  return [
    {
      path: 'aks approuting enable',
      summary: 'Enable the application routing add-on (managed NGINX ingress).',
      args: [RG, NAME, { name: '--enable-kv', type: 'bool' }, { name: '--attach-kv', type: 'string' }, NO_WAIT],
      run(env) {
        const f = findCluster(env);
        if ('error' in f) return env.fail(f.error);
        if (appRoutingEnabled(f.mc.cluster)) env.warn('App routing is already enabled on this cluster; nothing to change.');
        return update(env, 'approuting enable', () => {
          enableAppRouting(f.mc.cluster);
          if (env.bool('enable-kv') || env.str('attach-kv')) f.mc.addons.azureKeyvaultSecretsProvider = { enabled: true, config: { enableSecretRotation: 'false', rotationPollInterval: '2m' } } as never;
        });
      },
    },
    {
      path: 'aks approuting disable',
      summary: 'Disable the application routing add-on.',
      args: [RG, NAME, YES, NO_WAIT],
      run(env) {
        const f = findCluster(env);
        if ('error' in f) return env.fail(f.error);
        if (!env.bool('yes')) env.ctx.out('Are you sure you want to perform this operation? (y/n): y  (kubedojo answers yes; pass --yes to skip this prompt)');
        return update(env, 'approuting disable', () => disableAppRouting(f.mc.cluster, 'workloads'), () => disableAppRouting(f.mc.cluster, 'finish'));
      },
    },
    {
      path: 'aks approuting update',
      summary: 'Update the application routing add-on (Key Vault integration).',
      args: [RG, NAME, { name: '--enable-kv', type: 'bool' }, { name: '--attach-kv', type: 'string' }, NO_WAIT],
      run(env) {
        const f = findCluster(env);
        if ('error' in f) return env.fail(f.error);
        if (!appRoutingEnabled(f.mc.cluster)) return env.fail({ code: 'InvalidArgumentValueError', source: 'cli', message: 'App Routing must be enabled to modify it. Please run az aks approuting enable first.' });
        return update(env, 'approuting update', () => {
          if (env.bool('enable-kv') || env.str('attach-kv')) f.mc.addons.azureKeyvaultSecretsProvider = { enabled: true, config: { enableSecretRotation: 'false', rotationPollInterval: '2m' } } as never;
        });
      },
    },
  ];
}
