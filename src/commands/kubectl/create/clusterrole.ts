/** `kubectl create clusterrole NAME --verb=verb --resource=resource.group [--non-resource-url=…] [--aggregation-rule=…]` */
import type { Verb } from '../verb.js';
import { finishCreate, nameArg } from './common.js';
import { ROLE_FLAGS, nonResourceVerbsOk, resourceRules } from './role.js';
import { labelSelectorOf } from './label-selector.js';

export const createClusterRole: Verb = {
  name: 'clusterrole',
  short: 'Create a cluster role',
  usage: 'kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: [...ROLE_FLAGS, { name: 'non-resource-url', type: 'strings' }, { name: 'aggregation-rule', type: 'string' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const agg = env.flags['aggregation-rule'] as string | undefined;
    const urls = (env.flags['non-resource-url'] as string[] | undefined) ?? [];
    if (agg) {
      if (((env.flags.verb as string[]) ?? []).length > 0 || ((env.flags.resource as string[]) ?? []).length > 0 || urls.length > 0) {
        env.ctx.err('error: aggregation rule must not be specified with verb, resource, resource name or non-resource-url');
        return 1;
      }
      const obj = { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name, creationTimestamp: null }, rules: null, aggregationRule: { clusterRoleSelectors: [labelSelectorOf(agg)] } };
      return finishCreate(env, 'clusterroles.rbac.authorization.k8s.io', obj as never);
    }
    const r = resourceRules(env, urls.length > 0);
    if (!r.ok) {
      env.ctx.err(r.error.replace('at least one resource must be specified', 'one of resource or nonResourceURL must be specified'));
      return 1;
    }
    const rules = [...r.rules];
    if (urls.length > 0) {
      const verbs = (env.flags.verb as string[]) ?? [];
      const bad = nonResourceVerbsOk(verbs);
      if (bad) {
        env.ctx.err(bad);
        return 1;
      }
      rules.push({ verbs, nonResourceURLs: urls });
    }
    return finishCreate(env, 'clusterroles.rbac.authorization.k8s.io', { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name, creationTimestamp: null } as never, rules });
  },
};
