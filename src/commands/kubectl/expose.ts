/**
 * `kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--target-port=…] [--name=…] [--type=…]`:
 * a Service whose selector and ports come from the deployment, replica set, pod or service.
 */
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, printWritten, writeFlags } from './print-object.js';
import { serverError } from './output.js';
import { sourceObjects } from './sources.js';
import { getPath } from '../../cluster/api/paths.js';

interface Port {
  name?: string;
  containerPort?: number;
  port?: number;
  protocol?: string;
}

function selectorOf(o: KObject): Record<string, string> | string {
  switch (o.kind) {
    case 'Pod':
      return o.metadata?.labels ?? {};
    case 'Service':
      return ((o.spec as { selector?: Record<string, string> }).selector ?? {});
    case 'ReplicationController':
      return ((o.spec as { selector?: Record<string, string> }).selector ?? {});
    default: {
      const sel = getPath(o, 'spec.selector') as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      if (sel?.matchExpressions?.length) return `error: couldn't retrieve selectors via --selector flag or introspection: ${o.kind} "${o.metadata?.name ?? ''}" has a selector with matchExpressions, which a service selector cannot express`;
      return sel?.matchLabels ?? {};
    }
  }
}

function portsOf(o: KObject): Port[] {
  if (o.kind === 'Service') return ((o.spec as { ports?: Port[] }).ports ?? []).map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol }));
  const spec = o.kind === 'Pod' ? o.spec : getPath(o, 'spec.template.spec');
  return ((spec as { containers?: { ports?: Port[] }[] } | undefined)?.containers ?? []).flatMap((c) => c.ports ?? []);
}

export const exposeVerb: Verb = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  usage: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    { name: 'save-config', type: 'bool' },
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run(env) {
    const { ctx, flags, client } = env;
    const wf = writeFlags(ctx, flags, { files: true });
    if (!wf) return 1;
    const { dry, output } = wf;
    const src = sourceObjects(env, (def) => (['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(def.kind) ? undefined : `error: cannot expose a ${def.kind}`));
    if (!src.ok) {
      ctx.err(src.error);
      return 1;
    }
    const sources = src.objects;
    const svcDef = env.cluster.registry.get('', 'services')!;
    let code = 0;
    for (const src of sources) {
      let selector: Record<string, string> | string = selectorOf(src);
      if (flags.selector) selector = Object.fromEntries(String(flags.selector).split(',').map((kv) => kv.split('=', 2) as [string, string]));
      if (typeof selector === 'string') {
        ctx.err(selector);
        code = 1;
        continue;
      }
      const protocol = (flags.protocol as string | undefined) ?? undefined;
      let ports: Record<string, unknown>[];
      const target = flags['target-port'] as string | undefined;
      const targetValue = (p: number) => (target === undefined ? p : /^\d+$/.test(target) ? Number(target) : target);
      if (flags.port) {
        const list = String(flags.port).split(',');
        ports = list.map((p, i) => ({ ...(list.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(p), protocol: protocol ?? 'TCP', targetPort: targetValue(Number(p)) }));
      } else {
        const found = portsOf(src);
        if (found.length === 0) {
          ctx.err(`error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`);
          code = 1;
          continue;
        }
        ports = found.map((p, i) => ({
          ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
          port: p.containerPort ?? 0,
          protocol: protocol ?? p.protocol ?? 'TCP',
          targetPort: targetValue(p.containerPort ?? 0),
        }));
      }
      const name = (flags.name as string | undefined) ?? src.metadata?.name ?? '';
      const labels = flags.labels ? Object.fromEntries(String(flags.labels).split(',').map((kv) => kv.split('=', 2) as [string, string])) : src.metadata?.labels;
      const meta: Record<string, unknown> = { name };
      if (env.namespaceSet) meta.namespace = env.namespace;
      meta.creationTimestamp = null;
      if (labels && Object.keys(labels).length > 0) meta.labels = labels;
      const spec: Record<string, unknown> = { ports, selector };
      if (flags['cluster-ip']) spec.clusterIP = flags['cluster-ip'];
      if (flags.type) spec.type = flags.type;
      if (flags['external-ip']) spec.externalIPs = [flags['external-ip']];
      if (flags['load-balancer-ip']) spec.loadBalancerIP = flags['load-balancer-ip'];
      if (flags['session-affinity']) spec.sessionAffinity = flags['session-affinity'];
      const svc = { kind: 'Service', apiVersion: 'v1', metadata: meta, spec, status: { loadBalancer: {} } } as KObject;
      if (dry === 'client') {
        printWritten(ctx, svcDef, svc, 'exposed', dry, output, false, true);
        continue;
      }
      const r = client.create('services', src.metadata?.namespace ?? env.namespace, svc, { dryRun: dry === 'server', fieldManager: String(flags['field-manager']) });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        code = 1;
        continue;
      }
      printWritten(ctx, svcDef, r.object, 'exposed', dry, output, false, true);
    }
    return code;
  },
};
