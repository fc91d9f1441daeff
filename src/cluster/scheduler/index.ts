/**
 * The scheduler component: `installScheduler(cluster)` starts kube-scheduler
 * as a worker of the cluster; `schedulerOf(cluster)` and `explainPod(...)`
 * are the debug view a learner gets (like reading the scheduler's logs):
 * read-only facts from its last cycle for a pod, never a way to change it.
 */
import type { Cluster } from '../cluster.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { formatRecord, type CycleRecord } from './explain.js';
import { humanDuration } from '../api/table.js';

const schedulers = new WeakMap<Cluster, Scheduler>();

export function installScheduler(cluster: Cluster, opts: SchedulerOptions = {}): Scheduler {
  const existing = schedulers.get(cluster);
  if (existing) return existing;
  const s = new Scheduler(cluster, opts);
  cluster.addWorker(s);
  schedulers.set(cluster, s);
  return s;
}

/** The read-only debug view of a cluster's scheduler, or undefined when it runs none. */
export interface SchedulerView {
  /** The last cycle's record for a pod. */
  explain(namespace: string, name: string): CycleRecord | undefined;
  /** Pods waiting as unschedulable (namespace/name). */
  unschedulable(): string[];
}

export function schedulerOf(cluster: Cluster): SchedulerView | undefined {
  const s = schedulers.get(cluster);
  if (!s) return undefined;
  return {
    explain: (ns, name) => s.explanations.get(`${ns}/${name}`),
    unschedulable: () => s.queue.unschedulableKeys(),
  };
}

export function explainPod(cluster: Cluster, namespace: string, name: string): CycleRecord | undefined {
  return schedulerOf(cluster)?.explain(namespace, name);
}

/** The explanation as text (what `kubedojo why` prints). */
export function explainPodText(cluster: Cluster, namespace: string, name: string): string | undefined {
  const r = explainPod(cluster, namespace, name);
  if (!r) return undefined;
  return formatRecord(r, humanDuration(cluster.clock.now() - r.time));
}

export { Scheduler, SCHEDULER_USER, DEFAULT_SCHEDULER_NAME } from './scheduler.js';
export type { CycleRecord } from './explain.js';
export { setPluginFactory } from './registry.js';
