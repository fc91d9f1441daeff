/** `kubectl version [--client] [-o json|yaml]` and `kubectl cluster-info`. */
import type { Verb } from './verb.js';
import { toGoYaml } from './output/yaml.js';
import { goJson } from './go-json.js';
import { CLIENT_VERSION, KUSTOMIZE_VERSION, apiServerUrl, serverVersion } from './cluster-facts.js';
import type { KObject } from '../../cluster/api/types.js';

function info(v: string) {
  const [, major = '1', minor = '32'] = /^v(\d+)\.(\d+)/.exec(v) ?? [];
  return { major, minor, gitVersion: v, gitCommit: 'kubedojo', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64' };
}

export const versionVerb: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }],
  run(env) {
    const { ctx, flags } = env;
    const output = flags.output as string | undefined;
    if (output && output !== 'yaml' && output !== 'json') {
      ctx.err(`error: --output must be 'yaml' or 'json'`);
      return 1;
    }
    const server = flags.client ? undefined : serverVersion(env.cluster);
    if (output) {
      const doc: Record<string, unknown> = { clientVersion: info(CLIENT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) doc.serverVersion = info(server);
      ctx.out(output === 'json' ? goJson(doc) : toGoYaml(doc).replace(/\n$/, ''));
      return 0;
    }
    const lines = [`Client Version: ${CLIENT_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
    if (server) lines.push(`Server Version: ${server}`);
    ctx.out(lines.join('\n'));
    if (server) {
      const skew = Number(info(server).minor) - Number(info(CLIENT_VERSION).minor);
      if (Math.abs(skew) > 1) ctx.err(`WARNING: version difference between client (${info(CLIENT_VERSION).major}.${info(CLIENT_VERSION).minor}) and server (${info(server).major}.${info(server).minor}) exceeds the supported minor version skew of +/-1`);
    }
    return 0;
  },
};

export const clusterInfoVerb: Verb = {
  name: 'cluster-info',
  short: 'Display cluster information',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  subcommands: [
    {
      name: 'dump',
      short: 'Dump relevant information for debugging and diagnosis',
      flags: [{ name: 'output-directory', type: 'string' }, { name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'namespaces', type: 'strings' }, { name: 'output', short: 'o', type: 'string' }],
      run(env) {
        env.ctx.err('kubedojo: "kubectl cluster-info dump" is not available here; use "kubectl get" and "kubectl describe" on what you want to inspect.');
        return 1;
      },
    },
  ],
  run(env) {
    const ctxInfo = env.ctx.session.context(env.contextName);
    const base = apiServerUrl(env.cluster, ctxInfo?.cluster ?? env.cluster.name);
    const lines = [`Kubernetes control plane is running at ${base}`];
    const r = env.client.list<KObject>('services', 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
    if (r.ok) {
      for (const s of r.object.items) {
        const name = s.metadata?.labels?.['kubernetes.io/name'] ?? s.metadata?.name ?? '';
        const port = ((s.spec as { ports?: { name?: string; port?: number }[] }).ports ?? [])[0];
        const portPart = port ? `:${port.name || port.port}` : '';
        lines.push(`${name} is running at ${base}/api/v1/namespaces/kube-system/services/${s.metadata?.name ?? ''}${portPart}/proxy`);
      }
    }
    lines.push('', "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    env.ctx.out(lines.join('\n'));
    return 0;
  },
};
