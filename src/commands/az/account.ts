/** `az account show|list` and `az login`: kubedojo's one simulated subscription, already signed in. */
import type { AzCommand, AzEnv } from './command.js';

function subscription(env: AzEnv) {
  return {
    environmentName: 'AzureCloud',
    homeTenantId: env.cloud.tenantId,
    id: env.cloud.subscriptionId,
    isDefault: true,
    managedByTenants: [],
    name: 'kubedojo',
    state: 'Enabled',
    tenantId: env.cloud.tenantId,
    user: { name: 'learner@kubedojo.dev', type: 'user' },
  };
}

export function accountCommands(): AzCommand[] {
  return [
    { path: 'account show', summary: 'Get the details of a subscription.', args: [], run: (env) => env.print(subscription(env)) },
    { path: 'account list', summary: 'Get a list of subscriptions for the logged in account.', args: [{ name: '--all', type: 'bool' }], run: (env) => env.print([subscription(env)]) },
    {
      path: 'login',
      summary: 'Log in to Azure.',
      args: [{ name: '--use-device-code', type: 'bool' }, { name: '--tenant', aliases: ['-t'], type: 'string' }, { name: '--identity', type: 'bool' }],
      run(env) {
        env.ctx.err('kubedojo: you are already signed in to its simulated Azure subscription "kubedojo".');
        return env.print([subscription(env)]);
      },
    },
  ];
}
