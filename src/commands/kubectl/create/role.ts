/**
 * `kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=…]`
 * and the rule-building it shares with `create clusterrole`: one rule per API
 * group (groups sorted), resources mapped through discovery.
 */
import type { KubectlEnv, Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';

const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

export const ROLE_FLAGS = [
  ...GENERATOR_FLAGS,
  { name: 'verb', type: 'strings' as const, usage: 'Verb that applies to the resources contained in the rule' },
  { name: 'resource', type: 'strings' as const, usage: 'Resource that the rule applies to' },
  { name: 'resource-name', type: 'stringArray' as const, usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' },
];

export type Rules = { ok: true; rules: Record<string, unknown>[] } | { ok: false; error: string };

/** Resource rules; `allowNoResources` for clusterroles with only non-resource URLs or an aggregation rule. */
export function resourceRules(env: KubectlEnv, allowNoResources = false): Rules {
  const verbs = (env.flags.verb as string[] | undefined) ?? [];
  const resources = (env.flags.resource as string[] | undefined) ?? [];
  const names = (env.flags['resource-name'] as string[] | undefined) ?? [];
  if (verbs.length === 0) return { ok: false, error: 'error: at least one verb must be specified' };
  if (resources.length === 0 && !allowNoResources) return { ok: false, error: 'error: at least one resource must be specified' };
  for (const v of verbs) if (!VALID_VERBS.includes(v) && resources.length > 0) env.ctx.err(`Warning: '${v}' is not a standard resource verb`);
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const slash = r.indexOf('/');
    const res = slash >= 0 ? r.slice(0, slash) : r;
    const sub = slash >= 0 ? r.slice(slash) : '';
    let group: string;
    let plural: string;
    if (res === '*') {
      group = '';
      plural = '*';
    } else {
      const def = env.cluster.registry.resolve(res);
      if (!def) return { ok: false, error: `the server doesn't have a resource type "${res}"` };
      group = def.group;
      plural = def.plural;
    }
    const list = byGroup.get(group) ?? [];
    if (!list.includes(plural + sub)) list.push(plural + sub);
    byGroup.set(group, list);
  }
  const rules = [...byGroup.keys()].sort().map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length > 0 ? { resourceNames: names } : {}) }));
  return { ok: true, rules };
}

export function nonResourceVerbsOk(verbs: string[]): string | undefined {
  const bad = verbs.find((v) => !NON_RESOURCE_VERBS.includes(v));
  return bad ? `error: invalid verb: '${bad}' for nonResourceURL` : undefined;
}

export const createRole: Verb = {
  name: 'role',
  short: 'Create a role with single rule',
  usage: 'kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
  flags: ROLE_FLAGS,
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const r = resourceRules(env);
    if (!r.ok) {
      env.ctx.err(r.error);
      return 1;
    }
    const obj = { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: withNamespace(env, { name, creationTimestamp: null }), rules: r.rules };
    return finishCreate(env, 'roles.rbac.authorization.k8s.io', obj);
  },
};
