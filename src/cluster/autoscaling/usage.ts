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

/** Every running container's usage, by node name then pod key (a stable order). */
export function containerUsage(cluster: Cluster): ContainerUsage[] {
  const perPod = loadOf(cluster).perPod();
  const out: ContainerUsage[] = [];
  for (const node of [...kubeletsOf(cluster).keys()].sort()) {
    const k = kubeletsOf(cluster).get(node)!;
    const seenLoad = new Set<string>();
    for (const u of k.usage()) {
      const key = `${u.namespace}/${u.pod}`;
      let { cpuMilli, memoryMi } = u;
      const rps = perPod.get(key);
      if (rps && !seenLoad.has(key)) {
        // The pod's first running container serves the requests.
        seenLoad.add(key);
        const pod = cluster.store.get(`/registry/pods/${key}`)?.value as Pod | undefined;
        const spec = pod?.spec?.containers?.find((c) => c.name === u.container);
        const cost = costPerRps(spec?.image ?? '');
        const limit = spec?.resources?.limits?.cpu;
        const parsed = limit === undefined ? undefined : parseQuantity(limit);
        const cap = parsed === undefined ? Infinity : parsed * 1000;
        cpuMilli = Math.min(cpuMilli + rps * cost.cpuMilli, Math.max(cap, u.cpuMilli));
        memoryMi += rps * cost.memoryMi;
      }
      // A queue consumer's CPU follows the messages it works through (queue-consumers.ts).
      const msgs = consumerWork(cluster, key);
      if (msgs > 0 && !seenLoad.has(key)) {
        seenLoad.add(key);
        cpuMilli += msgs * CPU_PER_MESSAGE_PER_SECOND;
      }
      out.push({ namespace: u.namespace, pod: u.pod, container: u.container, node, cpuMilli, memoryMi });
    }
  }
  return out;
}
