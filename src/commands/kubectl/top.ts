/**
 * `kubectl top pod|node`: resource usage from the metrics API (what
 * metrics-server scraped last), with kubectl's columns and units: CPU in
 * millicores (rounded up), memory in whole Mi, node percentages of allocatable.
 */
import type { Verb, KubectlEnv } from './verb.js';
import { tabulate } from '../tabwriter.js';
import { metricsApi, type MetricsServer } from '../../cluster/autoscaling/metrics-server.js';
import { matchesLabels, parseLabelSelector } from '../../cluster/api/selectors.js';

const cpu = (milli: number) => `${Math.ceil(milli - 1e-9)}m`;
const mem = (mi: number) => `${Math.floor(mi + 1e-9)}Mi`;

function api(env: KubectlEnv): MetricsServer | undefined {
  const m = metricsApi(env.cluster);
  if (!m || !m.available()) {
    env.ctx.err('error: Metrics API not available');
    return undefined;
  }
  return m;
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
    { name: 'containers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sum', type: 'bool' },
  ],
  run(env) {
    const { ctx, flags } = env;
    const sortBy = sortFlag(env);
    if (sortBy === undefined) return 1;
    const name = env.args[0];
    const selText = flags.selector as string | undefined;
    if (name && selText) {
      ctx.err('error: only one of NAME or --selector can be provided');
      return 1;
    }
    const sel = selText ? parseLabelSelector(selText) : undefined;
    if (sel && !sel.ok) {
      ctx.err(`error: ${sel.error}`);
      return 1;
    }
    const m = api(env);
    if (!m) return 1;
    const allNs = !!flags['all-namespaces'];
    const r = m.podMetrics(allNs ? undefined : env.namespace);
    if (!r.ok) {
      ctx.err('error: Metrics API not available');
      return 1;
    }
    let items = r.items.filter((p) => (!name || p.name === name) && (!sel || !sel.ok || matchesLabels(sel.value, p.labels)));
    if (name && items.length === 0) {
      const pod = env.cluster.store.get(`/registry/pods/${env.namespace}/${name}`);
      ctx.err(pod ? `error: Metrics not available for pod ${env.namespace}/${name}, age: ${Math.round((env.cluster.clock.now() - Date.parse(String((pod.value as { metadata?: { creationTimestamp?: string } }).metadata?.creationTimestamp))) / 1000)}s` : `Error from server (NotFound): pods "${name}" not found`);
      return 1;
    }
    if (items.length === 0) {
      ctx.err(allNs ? 'No resources found' : `No resources found in ${env.namespace} namespace.`);
      return 0;
    }
    const total = (p: (typeof items)[number]) => p.containers.reduce((a, c) => ({ cpuMilli: a.cpuMilli + c.cpuMilli, memoryMi: a.memoryMi + c.memoryMi }), { cpuMilli: 0, memoryMi: 0 });
    if (sortBy) items = [...items].sort((a, b) => (sortBy === 'cpu' ? total(b).cpuMilli - total(a).cpuMilli : total(b).memoryMi - total(a).memoryMi));
    const rows: string[][] = [];
    const ns = (p: (typeof items)[number]) => (allNs ? [p.namespace] : []);
    if (flags.containers) {
      if (!flags['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
      for (const p of items) for (const c of p.containers) rows.push([...ns(p), p.name, c.name, cpu(c.cpuMilli), mem(c.memoryMi)]);
    } else {
      if (!flags['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
      for (const p of items) {
        const t = total(p);
        rows.push([...ns(p), p.name, cpu(t.cpuMilli), mem(t.memoryMi)]);
      }
    }
    ctx.out(tabulate(rows));
    if (flags.sum) {
      const sum = items.reduce((a, p) => ({ cpuMilli: a.cpuMilli + Math.ceil(total(p).cpuMilli - 1e-9), memoryMi: a.memoryMi + Math.floor(total(p).memoryMi + 1e-9) }), { cpuMilli: 0, memoryMi: 0 });
      ctx.out(tabulate([[...(allNs ? [''] : []), ...(flags.containers ? [''] : []), '', '________', '________'], [...(allNs ? [''] : []), ...(flags.containers ? [''] : []), '', `${sum.cpuMilli}m`, `${sum.memoryMi}Mi`]]));
    }
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
  ],
  run(env) {
    const { ctx, flags } = env;
    const sortBy = sortFlag(env);
    if (sortBy === undefined) return 1;
    const selText = flags.selector as string | undefined;
    const sel = selText ? parseLabelSelector(selText) : undefined;
    if (sel && !sel.ok) {
      ctx.err(`error: ${sel.error}`);
      return 1;
    }
    const m = api(env);
    if (!m) return 1;
    const r = m.nodeMetrics();
    if (!r.ok) {
      ctx.err('error: Metrics API not available');
      return 1;
    }
    const name = env.args[0];
    const labelsOf = (n: string) => (env.cluster.store.get(`/registry/minions/${n}`)?.value as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels;
    let items = r.items.filter((n) => (!name || n.name === name) && (!sel || !sel.ok || matchesLabels(sel.value, labelsOf(n.name))));
    if (name && items.length === 0) {
      ctx.err(env.cluster.store.get(`/registry/minions/${name}`) ? `error: metrics not available yet` : `Error from server (NotFound): nodes "${name}" not found`);
      return 1;
    }
    if (items.length === 0) {
      ctx.err('error: metrics not available yet');
      return 1;
    }
    if (sortBy) items = [...items].sort((a, b) => (sortBy === 'cpu' ? b.cpuMilli - a.cpuMilli : b.memoryMi - a.memoryMi));
    const rows: string[][] = flags['no-headers'] ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const n of items) {
      const c = Math.ceil(n.cpuMilli - 1e-9);
      const mi = Math.floor(n.memoryMi + 1e-9);
      const pc = n.allocatableCpuMilli ? Math.floor((c / n.allocatableCpuMilli) * 100) : 0;
      const pm = n.allocatableMemoryMi ? Math.floor((mi / n.allocatableMemoryMi) * 100) : 0;
      rows.push([n.name, `${c}m`, `${pc}%`, `${mi}Mi`, `${pm}%`]);
    }
    ctx.out(tabulate(rows));
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
