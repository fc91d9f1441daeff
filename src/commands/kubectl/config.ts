/**
 * `kubectl config view|current-context|get-contexts|get-clusters|get-users|
 * use-context|set-context|rename-context|delete-context` over the in-memory
 * kubeconfig (the Session). Works without a reachable cluster.
 */
import type { OfflineEnv, Verb } from './verb.js';
import { tabulate } from '../tabwriter.js';
import { toGoYaml } from './output/yaml.js';
import { goJson } from './go-json.js';
import { apiServerUrl } from './cluster-facts.js';

const KUBECONFIG = '/home/learner/.kube/config';

function off(name: string, short: string, flags: Verb['flags'], fn: (env: OfflineEnv) => number, usage?: string): Verb {
  return { name, short, usage, flags, run: () => 1, offline: fn };
}

function view(env: OfflineEnv): number {
  const s = env.ctx.session;
  const minify = !!env.flags.minify;
  const current = s.currentContext;
  const contexts = [...s.contexts.values()].filter((c) => !minify || c.name === current);
  const clusters = [...new Set(contexts.map((c) => c.cluster))];
  const users = [...new Set(contexts.map((c) => c.user))];
  const raw = !!env.flags.raw;
  const doc = {
    apiVersion: 'v1',
    clusters: clusters.map((name) => ({ cluster: { 'certificate-authority-data': raw ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==' : 'DATA+OMITTED', server: apiServerUrl(s.world.cluster(name), name) }, name })),
    contexts: contexts.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name })),
    'current-context': current ?? '',
    kind: 'Config',
    preferences: {},
    users: users.map((name) => ({ name, user: { 'client-certificate-data': raw ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==' : 'DATA+OMITTED', 'client-key-data': raw ? 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=' : 'DATA+OMITTED', token: raw ? 'kubedojo-token' : 'REDACTED' } })),
  };
  const output = env.flags.output as string | undefined;
  env.ctx.out(output === 'json' ? goJson(doc) : toGoYaml(doc).replace(/\n$/, ''));
  return 0;
}

function getContexts(env: OfflineEnv): number {
  const s = env.ctx.session;
  const names = env.args.length > 0 ? env.args : [...s.contexts.keys()].sort();
  for (const n of names) {
    if (!s.contexts.has(n)) {
      env.ctx.err(`error: context ${n} not found`);
      return 1;
    }
  }
  if (env.flags.output === 'name') {
    env.ctx.out(names.join('\n'));
    return 0;
  }
  const rows = env.flags['no-headers'] ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
  for (const n of names) {
    const c = s.contexts.get(n)!;
    rows.push([n === s.currentContext ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? '']);
  }
  env.ctx.out(tabulate(rows));
  return 0;
}

function setContext(env: OfflineEnv): number {
  const s = env.ctx.session;
  const name = env.flags.current ? s.currentContext : env.args[0];
  if (env.flags.current && env.args.length > 0) {
    env.ctx.err('error: you cannot specify both a context name and --current');
    return 1;
  }
  if (!name) {
    env.ctx.err(env.flags.current ? 'error: no current context is set' : "error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples");
    return 1;
  }
  const existing = s.contexts.get(name);
  const ctx = existing ?? { name, cluster: '', user: '' };
  if (env.set.has('cluster')) ctx.cluster = String(env.flags.cluster);
  if (env.set.has('user')) ctx.user = String(env.flags.user);
  if (env.set.has('namespace')) ctx.namespace = String(env.flags.namespace) || undefined;
  if (!existing) s.contexts.set(name, ctx);
  env.ctx.out(`Context "${name}" ${existing ? 'modified' : 'created'}.`);
  return 0;
}

export const configVerb: Verb = {
  name: 'config',
  short: 'Modify kubeconfig files',
  usage: 'kubectl config SUBCOMMAND [options]',
  flags: [],
  subcommands: [
    off('current-context', 'Display the current-context', [], (env) => {
      const c = env.ctx.session.currentContext;
      if (!c) {
        env.ctx.err('error: current-context is not set');
        return 1;
      }
      env.ctx.out(c);
      return 0;
    }),
    off('delete-context', 'Delete the specified context from the kubeconfig', [], (env) => {
      const s = env.ctx.session;
      const n = env.args[0];
      if (!n || !s.contexts.has(n)) {
        env.ctx.err(`error: cannot delete context ${n ?? ''}, not in ${KUBECONFIG}`);
        return 1;
      }
      if (s.currentContext === n) env.ctx.err('warning: this removed your active context, use "kubectl config use-context" to select a different one');
      s.contexts.delete(n);
      if (s.currentContext === n) s.currentContext = undefined;
      env.ctx.out(`deleted context ${n} from ${KUBECONFIG}`);
      return 0;
    }),
    off('get-clusters', 'Display clusters defined in the kubeconfig', [], (env) => {
      env.ctx.out(['NAME', ...new Set([...env.ctx.session.contexts.values()].map((c) => c.cluster))].join('\n'));
      return 0;
    }),
    off('get-contexts', 'Describe one or many contexts', [{ name: 'output', short: 'o', type: 'string' }, { name: 'no-headers', type: 'bool' }], getContexts),
    off('get-users', 'Display users defined in the kubeconfig', [], (env) => {
      env.ctx.out(['NAME', ...new Set([...env.ctx.session.contexts.values()].map((c) => c.user))].join('\n'));
      return 0;
    }),
    off('rename-context', 'Rename a context from the kubeconfig file', [], (env) => {
      const s = env.ctx.session;
      const [from, to] = env.args;
      if (!from || !to || env.args.length !== 2) {
        env.ctx.err("error: Unexpected args: " + `[${env.args.join(' ')}]` + "\nSee 'kubectl config rename-context -h' for help and examples");
        return 1;
      }
      const c = s.contexts.get(from);
      if (!c) {
        env.ctx.err(`error: cannot rename the context "${from}", it's not in ${KUBECONFIG}`);
        return 1;
      }
      if (s.contexts.has(to)) {
        env.ctx.err(`error: cannot rename the context "${from}", the context "${to}" already exists in ${KUBECONFIG}`);
        return 1;
      }
      s.contexts.delete(from);
      c.name = to;
      s.contexts.set(to, c);
      if (s.currentContext === from) s.currentContext = to;
      env.ctx.out(`Context "${from}" renamed to "${to}".`);
      return 0;
    }),
    off('set-context', 'Set a context entry in kubeconfig', [{ name: 'current', type: 'bool' }, { name: 'cluster', type: 'string' }, { name: 'user', type: 'string' }, { name: 'namespace', type: 'string' }], setContext),
    off('use-context', 'Set the current-context in a kubeconfig file', [], (env) => {
      const n = env.args[0];
      if (!n) {
        env.ctx.err("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
        return 1;
      }
      if (!env.ctx.session.contexts.has(n)) {
        env.ctx.err(`error: no context exists with the name: "${n}"`);
        return 1;
      }
      env.ctx.session.currentContext = n;
      env.ctx.out(`Switched to context "${n}".`);
      return 0;
    }),
    off('view', 'Display merged kubeconfig settings or a specified kubeconfig file', [{ name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'flatten', type: 'bool' }, { name: 'output', short: 'o', type: 'string', default: 'yaml' }], view),
  ],
  run: () => 1,
  offline(env) {
    env.ctx.out('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  delete-context    Delete the specified context from the kubeconfig\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  get-users         Display users defined in the kubeconfig\n  rename-context    Rename a context from the kubeconfig file\n  set-context       Set a context entry in kubeconfig\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]');
    return 0;
  },
};
