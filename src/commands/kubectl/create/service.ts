/** `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME …` */
import type { Verb, KubectlEnv } from '../verb.js';
import type { FlagSpec } from '../../flags.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function ports(specs: string[], nodePort: number, type: ServiceType): { ports: Record<string, unknown>[] } | { error: string } {
  const out: Record<string, unknown>[] = [];
  for (const s of specs) {
    const [portText, targetText] = s.split(':', 2) as [string, string | undefined];
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 0 || port > 65535) return { error: `error: strconv.Atoi: parsing ${JSON.stringify(portText)}: invalid syntax` };
    const target = targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    out.push({ name: targetText === undefined ? portText : `${portText}-${targetText}`, protocol: 'TCP', port, targetPort: target, ...(type === 'NodePort' && nodePort > 0 ? { nodePort } : {}) });
  }
  return { ports: out };
}

function build(env: KubectlEnv, type: ServiceType): number {
  const name = nameArg(env);
  if (name === undefined) return 1;
  const tcp = (env.flags.tcp as string[] | undefined) ?? [];
  const clusterIP = (env.flags.clusterip as string | undefined) ?? '';
  if (type !== 'ExternalName' && tcp.length === 0 && clusterIP !== 'None') {
    env.ctx.err('error: at least one tcp port specifier must be provided');
    return 1;
  }
  const p = ports(tcp, (env.flags['node-port'] as number | undefined) ?? 0, type);
  if ('error' in p) {
    env.ctx.err(p.error);
    return 1;
  }
  const labels = { app: name };
  const spec: Record<string, unknown> = {};
  if (p.ports.length > 0) spec.ports = p.ports;
  spec.selector = labels;
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (type === 'ExternalName') spec.externalName = env.flags['external-name'];
  const obj = { kind: 'Service', apiVersion: 'v1', metadata: withNamespace(env, { name, creationTimestamp: null, labels }), spec, status: { loadBalancer: {} } };
  return finishCreate(env, 'services', obj);
}

const TCP: FlagSpec = { name: 'tcp', type: 'strings', usage: 'Port pairs can be specified as \'<port>:<targetPort>\'.' };

export const createService: Verb = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  usage: 'kubectl create service [flags] [options]',
  flags: [],
  subcommands: [
    { name: 'clusterip', short: 'Create a ClusterIP service', usage: 'kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]', flags: [...GENERATOR_FLAGS, TCP, { name: 'clusterip', type: 'string' }], run: (env) => build(env, 'ClusterIP') },
    { name: 'externalname', short: 'Create an ExternalName service', usage: 'kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]', flags: [...GENERATOR_FLAGS, TCP, { name: 'external-name', type: 'string' }], required: ['external-name'], run: (env) => build(env, 'ExternalName') },
    { name: 'loadbalancer', short: 'Create a LoadBalancer service', usage: 'kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]', flags: [...GENERATOR_FLAGS, TCP], run: (env) => build(env, 'LoadBalancer') },
    { name: 'nodeport', short: 'Create a NodePort service', usage: 'kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]', flags: [...GENERATOR_FLAGS, TCP, { name: 'node-port', type: 'int' }], run: (env) => build(env, 'NodePort') },
  ],
  run(env) {
    env.ctx.err(`error: Unexpected args: [${env.args.join(' ')}]\nSee 'kubectl create service -h' for help and examples`);
    return 1;
  },
};
