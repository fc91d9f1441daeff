/** `kubectl create namespace NAME` and `kubectl create serviceaccount NAME`. */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';

export const createNamespace: Verb = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  flags: GENERATOR_FLAGS,
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    return finishCreate(env, 'namespaces', { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null } as never, spec: {}, status: {} });
  },
};

export const createServiceAccount: Verb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  usage: 'kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]',
  flags: GENERATOR_FLAGS,
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    return finishCreate(env, 'serviceaccounts', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null }) as never });
  },
};
