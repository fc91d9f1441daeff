/** `kubectl create rolebinding|clusterrolebinding NAME --clusterrole=… | --role=… [--user=…] [--group=…] [--serviceaccount=ns:name]` */
import type { KubectlEnv, Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';

const RBAC = 'rbac.authorization.k8s.io';

function subjects(env: KubectlEnv): { subjects: Record<string, unknown>[] } | { error: string } {
  const out: Record<string, unknown>[] = [];
  for (const u of (env.flags.user as string[] | undefined) ?? []) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of (env.flags.group as string[] | undefined) ?? []) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of (env.flags.serviceaccount as string[] | undefined) ?? []) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return { error: `error: serviceaccount must be <namespace>:<name>` };
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return { subjects: out };
}

const BINDING_FLAGS = [
  ...GENERATOR_FLAGS,
  { name: 'clusterrole', type: 'string' as const },
  { name: 'user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
];

export const createRoleBinding: Verb = {
  name: 'rolebinding',
  short: 'Create a role binding for a particular role or cluster role',
  usage: 'kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: [...BINDING_FLAGS, { name: 'role', type: 'string' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const role = env.flags.role as string | undefined;
    const cr = env.flags.clusterrole as string | undefined;
    if (!!role === !!cr) {
      env.ctx.err('error: exactly one of clusterrole or role must be specified');
      return 1;
    }
    const s = subjects(env);
    if ('error' in s) {
      env.ctx.err(s.error);
      return 1;
    }
    const obj: Record<string, unknown> = {
      kind: 'RoleBinding',
      apiVersion: `${RBAC}/v1`,
      metadata: withNamespace(env, { name, creationTimestamp: null }),
    };
    if (s.subjects.length > 0) obj.subjects = s.subjects;
    obj.roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role ?? cr };
    return finishCreate(env, 'rolebindings.rbac.authorization.k8s.io', obj);
  },
};

export const createClusterRoleBinding: Verb = {
  name: 'clusterrolebinding',
  short: 'Create a cluster role binding for a particular cluster role',
  usage: 'kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  flags: BINDING_FLAGS,
  required: ['clusterrole'],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const s = subjects(env);
    if ('error' in s) {
      env.ctx.err(s.error);
      return 1;
    }
    const obj: Record<string, unknown> = { kind: 'ClusterRoleBinding', apiVersion: `${RBAC}/v1`, metadata: { name, creationTimestamp: null } };
    if (s.subjects.length > 0) obj.subjects = s.subjects;
    obj.roleRef = { apiGroup: RBAC, kind: 'ClusterRole', name: env.flags.clusterrole };
    return finishCreate(env, 'clusterrolebindings.rbac.authorization.k8s.io', obj);
  },
};
