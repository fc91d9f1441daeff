/**
 * `kubectl top pod|node`: resource usage read from the metrics API
 * (metrics.k8s.io/v1beta1, served while metrics-server is available), as real
 * kubectl reads it: discovery first (`Metrics API not available`), then
 * PodMetrics/NodeMetrics through the API server, CPU in millicores (rounded
 * up from nanocores), memory in whole Mi, node percentages of allocatable.
 */
import type { Verb, KubectlEnv } from './verb.js';
import { tabulate } from '../tabwriter.js';
import { parseQuantity } from '../../cluster/api/quantity.js';
import { goDuration } from '../../cluster/node/formats.js';
import { METRICS_GROUP } from '../../cluster/api/resources/metrics.js';
import type { KObject } from '../../cluster/api/types.js';
import { serverError } from './output.js';

/** Pods younger than this may have no metrics yet without it being an error. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

interface Usage {
  /** Nanocores. */
  cpuN: number;
  bytes: number;
}

interface PodMetricsObj extends KObject {
  containers?: { name: string; usage?: { cpu?: string; memory?: string } }[];
}

interface NodeMetricsObj extends KObject {
  usage?: { cpu?: string; memory?: string };
}

const usageOf = (u: { cpu?: string; memory?: string } | undefined): Usage => ({ cpuN: Math.round((parseQuantity(u?.cpu) ?? 0) * 1e9), bytes: Math.round(parseQuantity(u?.memory) ?? 0) });
const add = (a: Usage, b: Usage): Usage => ({ cpuN: a.cpuN + b.cpuN, bytes: a.bytes + b.bytes });
/** Quantity.MilliValue(): rounded up. */
const milli = (u: Usage) => Math.ceil(u.cpuN / 1e6);
const mebi = (u: Usage) => Math.floor(u.bytes / 2 ** 20);
const cpu = (u: Usage) => `${milli(u)}m`;
const mem = (u: Usage) => `${mebi(u)}Mi`;

/** Discovery lists metrics.k8s.io only while the APIService is available. */
function available(env: KubectlEnv): boolean {
  if (env.cluster.registry.get(METRICS_GROUP, 'pods') && env.cluster.registry.get(METRICS_GROUP, 'nodes')) return true;
  env.ctx.err('error: Metrics API not available');
  return false;
}

function sortFlag(env: KubectlEnv): 'cpu' | 'memory' | '' | undefined {
  const s = (env.flags['sort-by'] as string | undefined) ?? '';
  if (s === '' || s === 'cpu' || s === 'memory') return s;
  env.ctx.err('error: --sort-by accepts only cpu or memory');
  return undefined;
}

const topPods: Verb = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  usage: 'kubectl top pod [NAME | -l label] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sum', type: 'bool' },
  ],
  run(env) {
    const { ctx, flags, client } = env;
    const sortBy = sortFlag(env);
    if (sortBy === undefined) return 1;
    const name = env.args[0];
    const labelSelector = flags.selector as string | undefined;
    const fieldSelector = flags['field-selector'] as string | undefined;
    if (name && labelSelector) {
      ctx.err('error: only one of NAME or --selector can be provided');
      return 1;
    }
    if (!available(env)) return 1;
    const allNs = !!flags['all-namespaces'];
    const ns = allNs ? undefined : env.namespace;
    let items: PodMetricsObj[];
    if (name) {
      const r = client.get<PodMetricsObj>(`pods.${METRICS_GROUP}`, env.namespace, name);
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      items = [r.object];
    } else {
      const r = client.list<PodMetricsObj>(`pods.${METRICS_GROUP}`, ns, { labelSelector, fieldSelector });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      items = r.object.items;
    }
    if (items.length === 0) {
      const pods = client.list('pods', ns, { labelSelector, fieldSelector });
      if (!pods.ok) {
        ctx.err(serverError(pods.status));
        return 1;
      }
      const now = env.cluster.clock.now();
      for (const p of pods.object.items) {
        const age = now - Date.parse(String(p.metadata?.creationTimestamp));
        if (age > METRICS_CREATION_DELAY_MS) {
          ctx.err(`error: Metrics not available for pod ${p.metadata?.namespace}/${p.metadata?.name}, age: ${goDuration(age)}`);
          return 1;
        }
      }
      ctx.err(allNs ? 'No resources found' : `No resources found in ${env.namespace} namespace.`);
      return 0;
    }
    const total = new Map<PodMetricsObj, Usage>(items.map((p) => [p, (p.containers ?? []).reduce((a, c) => add(a, usageOf(c.usage)), { cpuN: 0, bytes: 0 })]));
    if (sortBy) items = [...items].sort((a, b) => (sortBy === 'cpu' ? milli(total.get(b)!) - milli(total.get(a)!) : total.get(b)!.bytes - total.get(a)!.bytes));
    const rows: string[][] = [];
    const nsCol = (p: PodMetricsObj) => (allNs ? [p.metadata?.namespace ?? ''] : []);
    if (flags.containers) {
      if (!flags['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      for (const p of items) for (const c of [...(p.containers ?? [])].sort(byName)) rows.push([...nsCol(p), p.metadata?.name ?? '', c.name, cpu(usageOf(c.usage)), mem(usageOf(c.usage))]);
    } else {
      if (!flags['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
      for (const p of items) rows.push([...nsCol(p), p.metadata?.name ?? '', cpu(total.get(p)!), mem(total.get(p)!)]);
    }
    if (flags.sum) {
      // The sum shares the table's tab writer, so it lines up under the usage columns.
      const sum = items.reduce<{ cpu: number; mi: number }>((a, p) => ({ cpu: a.cpu + milli(total.get(p)!), mi: a.mi + mebi(total.get(p)!) }), { cpu: 0, mi: 0 });
      const pad = [...(allNs ? [''] : []), ...(flags.containers ? [''] : []), ''];
      rows.push([...pad, '________', '________'], [...pad, `${sum.cpu}m`, `${sum.mi}Mi`]);
    }
    ctx.out(tabulate(rows, { terminated: true }));
    return 0;
  },
};

const topNodes: Verb = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  usage: 'kubectl top node [NAME | -l label] [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-capacity', type: 'bool' },
  ],
  run(env) {
    const { ctx, flags, client } = env;
    const sortBy = sortFlag(env);
    if (sortBy === undefined) return 1;
    const labelSelector = flags.selector as string | undefined;
    const name = env.args[0];
    if (!available(env)) return 1;
    let items: NodeMetricsObj[];
    if (name) {
      const r = client.get<NodeMetricsObj>(`nodes.${METRICS_GROUP}`, undefined, name);
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      items = [r.object];
    } else {
      const r = client.list<NodeMetricsObj>(`nodes.${METRICS_GROUP}`, undefined, { labelSelector });
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      items = r.object.items;
    }
    if (items.length === 0) {
      ctx.err('error: metrics not available yet');
      return 1;
    }
    type NodeObj = KObject & { status?: { allocatable?: Record<string, string>; capacity?: Record<string, string> } };
    const nodes = name ? [client.get<NodeObj>('nodes', undefined, name)] : [];
    const listed = name ? undefined : client.list<NodeObj>('nodes', undefined, { labelSelector });
    const nodeObjs: NodeObj[] = [];
    for (const r of nodes) {
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      nodeObjs.push(r.object);
    }
    if (listed && !listed.ok) {
      ctx.err(serverError(listed.status));
      return 1;
    }
    if (listed) nodeObjs.push(...listed.object.items);
    const avail = new Map(nodeObjs.map((n) => [n.metadata?.name ?? '', (flags['show-capacity'] ? n.status?.capacity : n.status?.allocatable) ?? {}]));
    const usage = new Map(items.map((n) => [n, usageOf(n.usage)]));
    items = [...items].sort((a, b) => {
      if (sortBy === 'cpu') return milli(usage.get(b)!) - milli(usage.get(a)!);
      if (sortBy === 'memory') return usage.get(b)!.bytes - usage.get(a)!.bytes;
      const an = a.metadata?.name ?? '';
      const bn = b.metadata?.name ?? '';
      return an < bn ? -1 : an > bn ? 1 : 0;
    });
    const rows: string[][] = flags['no-headers'] ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const n of items) {
      const nodeName = n.metadata?.name ?? '';
      const u = usage.get(n)!;
      const a = avail.get(nodeName);
      avail.delete(nodeName);
      const pct = (used: number, total: number) => (total > 0 ? `${Math.trunc((used / total) * 100)}%` : '');
      const allocCpuMilli = Math.ceil((parseQuantity(a?.cpu) ?? 0) * 1000);
      const allocBytes = Math.round(parseQuantity(a?.memory) ?? 0);
      rows.push(a ? [nodeName, cpu(u), pct(milli(u), allocCpuMilli), mem(u), pct(u.bytes, allocBytes)] : [nodeName, cpu(u), mem(u)]);
    }
    // Nodes the metrics API has nothing for.
    for (const missing of [...avail.keys()].sort()) rows.push([missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    ctx.out(tabulate(rows, { terminated: true }));
    return 0;
  },
};

export const topVerb: Verb = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'kubectl top [flags] [options]',
  flags: [],
  subcommands: [topNodes, topPods],
  run(env) {
    env.ctx.err('Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).');
    return 0;
  },
};
