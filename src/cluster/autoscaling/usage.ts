/**
 * What each running container uses right now: its image's idle profile (the
 * process's memory and CPU timeline, from the kubelet) plus the load sent to
 * its pod (load.ts), at a per-image cost per request per second. CPU from
 * load is capped by the container's CPU limit, as the CFS quota caps it.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import { kubeletsOf } from '../node/kubelet.js';
import { parseQuantity } from '../api/quantity.js';
import { loadOf } from './load.js';
import { consumerWork, CPU_PER_MESSAGE_PER_SECOND } from './queue-consumers.js';

export interface ContainerUsage {
  namespace: string;
  pod: string;
  container: string;
  node: string;
  cpuMilli: number;
  memoryMi: number;
}

/** CPU (millicores) and memory (MiB) one request per second costs, by image repository name. */
const COST: Record<string, { cpuMilli: number; memoryMi: number }> = {
  nginx: { cpuMilli: 1, memoryMi: 0.02 },
  httpd: { cpuMilli: 1.5, memoryMi: 0.05 },
  'aks-helloworld': { cpuMilli: 2, memoryMi: 0.05 },
  agnhost: { cpuMilli: 0.5, memoryMi: 0.01 },
  'http-echo': { cpuMilli: 0.5, memoryMi: 0.01 },
};
const DEFAULT_COST = { cpuMilli: 1, memoryMi: 0.05 };

export function costPerRps(image: string): { cpuMilli: number; memoryMi: number } {
  const repo = image.split('@')[0]!.replace(/:[^/:]*$/, '');
  const name = repo.slice(repo.lastIndexOf('/') + 1);
  return COST[name] ?? DEFAULT_COST;
}

/** Cost per request per second by image, and CPU caps by limit text: few distinct values, computed once. */
const costByImage = new Map<string, { cpuMilli: number; memoryMi: number }>();
const capByLimit = new Map<string, number>();

/** What one request per second costs a container of a pod, and its CPU cap (millicores, Infinity without a limit). */
function costOf(pod: Pod | undefined, container: string): { cost: { cpuMilli: number; memoryMi: number }; cap: number } {
  const spec = pod?.spec?.containers?.find((x) => x.name === container);
  const image = spec?.image ?? '';
  let cost = costByImage.get(image);
  if (!cost) {
    if (costByImage.size >= 1000) costByImage.clear();
    costByImage.set(image, (cost = costPerRps(image)));
  }
  const limit = spec?.resources?.limits?.cpu;
  if (limit === undefined) return { cost, cap: Infinity };
  if (typeof limit !== 'string') {
    const parsed = parseQuantity(limit);
    return { cost, cap: parsed === undefined ? Infinity : parsed * 1000 };
  }
  let cap = capByLimit.get(limit);
  if (cap === undefined) {
    if (capByLimit.size >= 1000) capByLimit.clear();
    const parsed = parseQuantity(limit);
    capByLimit.set(limit, (cap = parsed === undefined ? Infinity : parsed * 1000));
  }
  return { cost, cap };
}

/** Every running container's usage, by node name then pod key (a stable order); `key` is `namespace/pod`. */
export function containerUsage(cluster: Cluster, podOf?: (key: string) => Pod | undefined): (ContainerUsage & { key: string })[] {
  const out: (ContainerUsage & { key: string })[] = [];
  eachContainerUsage(cluster, (u, key, node, cpuMilli, memoryMi) => out.push({ namespace: u.namespace, pod: u.pod, key, container: u.container, node, cpuMilli, memoryMi }), podOf);
  return out;
}

/** containerUsage without building its list: `f` gets each container in the same order. */
export function eachContainerUsage(
  cluster: Cluster,
  f: (u: { namespace: string; pod: string; container: string }, key: string, node: string, cpuMilli: number, memoryMi: number) => void,
  podOf = (key: string) => cluster.store.get(`/registry/pods/${key}`)?.value as Pod | undefined,
): void {
  const perPod = loadOf(cluster).perPod();
  const kubelets = kubeletsOf(cluster);
  for (const node of [...kubelets.keys()].sort()) {
    // A pod's containers come one after another: its first running one serves the requests (or works the queue).
    let loaded = '';
    let key = '';
    let prev: { namespace: string; pod: string } | undefined;
    for (const u of kubelets.get(node)!.usage()) {
      if (!prev || prev.pod !== u.pod || prev.namespace !== u.namespace) key = `${u.namespace}/${u.pod}`;
      prev = u;
      let { cpuMilli, memoryMi } = u;
      if (loaded !== key) {
        const rps = perPod.get(key);
        if (rps) {
          loaded = key;
          const { cost, cap } = costOf(podOf(key), u.container);
          cpuMilli = Math.min(cpuMilli + rps * cost.cpuMilli, Math.max(cap, u.cpuMilli));
          memoryMi += rps * cost.memoryMi;
        }
        // A queue consumer's CPU follows the messages it works through (queue-consumers.ts).
        const msgs = loaded === key ? 0 : consumerWork(cluster, key);
        if (msgs > 0) {
          loaded = key;
          cpuMilli += msgs * CPU_PER_MESSAGE_PER_SECOND;
        }
      }
      f(u, key, node, cpuMilli, memoryMi);
    }
  }
}
