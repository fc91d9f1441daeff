/**
 * `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]` (a real
 * SelfSubjectAccessReview through RBAC, `--as`, `--list`) and `kubectl auth whoami`.
 */
import type { Verb } from './verb.js';
import { serverError } from './output.js';
import { tabulate } from '../tabwriter.js';
import { toGoYaml } from './output/yaml.js';
import { goJson } from './go-json.js';

const canI: Verb = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  usage: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  flags: [{ name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'list', type: 'bool' }, { name: 'no-headers', type: 'bool' }, { name: 'quiet', short: 'q', type: 'bool' }, { name: 'subresource', type: 'string' }],
  run(env) {
    const { ctx, flags, client } = env;
    const ns = flags['all-namespaces'] ? '' : env.namespace;
    if (flags.list) {
      const r = client.create('selfsubjectrulesreviews.authorization.k8s.io', undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: ns } });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      const st = r.object.status as { resourceRules?: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[]; nonResourceRules?: { verbs: string[]; nonResourceURLs?: string[] }[] };
      const rows: string[][] = flags['no-headers'] ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
      for (const rule of st.resourceRules ?? []) {
        for (const res of rule.resources ?? []) {
          for (const g of rule.apiGroups ?? ['']) rows.push([g ? `${res}.${g}` : res, '[]', `[${(rule.resourceNames ?? []).join(' ')}]`, `[${rule.verbs.join(' ')}]`]);
        }
      }
      for (const rule of st.nonResourceRules ?? []) rows.push(['', `[${(rule.nonResourceURLs ?? []).join(' ')}]`, '[]', `[${rule.verbs.join(' ')}]`]);
      ctx.out(tabulate(rows, { minWidth: 0, padding: 3 }));
      return 0;
    }
    if (env.args.length !== 2) {
      ctx.err("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
      return 1;
    }
    const [verb, target] = env.args as [string, string];
    let spec: Record<string, unknown>;
    if (target.startsWith('/')) spec = { nonResourceAttributes: { path: target, verb } };
    else {
      const slash = target.indexOf('/');
      const type = slash < 0 ? target : target.slice(0, slash);
      const name = slash < 0 ? '' : target.slice(slash + 1);
      const def = type === '*' ? undefined : env.cluster.registry.resolve(type);
      let group = '';
      let resource = type;
      if (def) {
        group = def.group;
        resource = def.plural;
        if (!def.namespaced && !flags['all-namespaces'] && env.namespaceSet) ctx.err(`Warning: resource '${def.plural}' is not namespace scoped${def.group ? ` in group '${def.group}'` : ''}`);
      } else if (type !== '*') {
        const dot = type.indexOf('.');
        if (dot >= 0) {
          resource = type.slice(0, dot);
          group = type.slice(dot + 1);
        }
        ctx.err(`Warning: the server doesn't have a resource type '${type}'`);
      }
      spec = { resourceAttributes: { namespace: def && !def.namespaced ? '' : ns, verb, group, resource, ...(flags.subresource ? { subresource: flags.subresource } : {}), ...(name ? { name } : {}) } };
    }
    const r = client.create('selfsubjectaccessreviews.authorization.k8s.io', undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });
    if (!r.ok) {
      ctx.err(serverError(r.status));
      return 1;
    }
    const st = r.object.status as { allowed?: boolean; reason?: string; evaluationError?: string };
    if (!flags.quiet) ctx.out(st.allowed ? 'yes' : st.reason ? `no - ${st.reason}` : 'no');
    return st.allowed ? 0 : 1;
  },
};

const whoami: Verb = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  usage: 'kubectl auth whoami [options]',
  flags: [{ name: 'output', short: 'o', type: 'string' }],
  run(env) {
    const r = env.client.create('selfsubjectreviews.authentication.k8s.io', undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return 1;
    }
    const output = env.flags.output as string | undefined;
    if (output === 'yaml' || output === 'json') {
      env.ctx.out(output === 'json' ? goJson(r.object) : toGoYaml(r.object).replace(/\n$/, ''));
      return 0;
    }
    const u = (r.object.status as { userInfo?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } }).userInfo ?? {};
    const rows = [['ATTRIBUTE', 'VALUE'], ['Username', u.username ?? '']];
    if (u.uid) rows.push(['UID', u.uid]);
    if (u.groups?.length) rows.push(['Groups', `[${u.groups.join(' ')}]`]);
    for (const [k, v] of Object.entries(u.extra ?? {})) rows.push([`Extra: ${k}`, `[${v.join(' ')}]`]);
    env.ctx.out(tabulate(rows, { minWidth: 0, padding: 3 }));
    return 0;
  },
};

export const authVerb: Verb = {
  name: 'auth',
  short: 'Inspect authorization',
  usage: 'kubectl auth [flags] [options]',
  flags: [],
  subcommands: [canI, whoami],
  run(env) {
    env.ctx.out('Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]');
    return 0;
  },
};
