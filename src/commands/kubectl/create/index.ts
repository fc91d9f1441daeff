/** `kubectl create -f FILENAME` and its generators (`create deployment`, `create secret generic`, …). */
import type { Verb } from '../verb.js';
import { createFromFiles } from './from-files.js';
import { createDeployment } from './deployment.js';
import { createNamespace, createServiceAccount } from './namespace.js';
import { createConfigMap } from './configmap.js';
import { createSecretGeneric } from './secret-generic.js';
import { createSecretTls } from './secret-tls.js';
import { createSecretDockerRegistry } from './secret-docker-registry.js';
import { createService } from './service.js';
import { createJob } from './job.js';
import { createCronJob } from './cronjob.js';
import { createRole } from './role.js';
import { createClusterRole } from './clusterrole.js';
import { createClusterRoleBinding, createRoleBinding } from './rolebinding.js';
import { createQuota } from './quota.js';
import { createPriorityClass } from './priorityclass.js';
import { createPdb } from './poddisruptionbudget.js';
import { createIngress } from './ingress.js';
import { DRY_RUN_FLAG, PRINT_FLAGS } from '../print-object.js';

const createSecret: Verb = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  flags: [],
  subcommands: [createSecretDockerRegistry, createSecretGeneric, createSecretTls],
  run(env) {
    if (env.args.length === 0) {
      env.ctx.out('Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\nUse "kubectl create secret <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).');
      return 0;
    }
    env.ctx.err(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl create secret -h' for help and examples`);
    return 1;
  },
};

export const createVerb: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'strings', usage: 'Filename, directory, or URL to files to use to create the resource' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'edit', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-create' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  subcommands: [
    createClusterRole,
    createClusterRoleBinding,
    createConfigMap,
    createCronJob,
    createDeployment,
    createIngress,
    createJob,
    createNamespace,
    createPdb,
    createPriorityClass,
    createQuota,
    createRole,
    createRoleBinding,
    createSecret,
    createService,
    createServiceAccount,
  ],
  run: createFromFiles,
};
