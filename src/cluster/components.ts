/**
 * The control plane's components, installed on a cluster in a fixed order
 * (the order is part of determinism). Each issue adds its components here:
 * controllers, the scheduler, cloud controllers, autoscalers.
 */
import type { Cluster } from './cluster.js';

export interface ComponentOptions {
  /** Leave out components (a test of one controller, a lesson that breaks the scheduler). */
  disable?: string[];
}

export function installControlPlane(cluster: Cluster, opts: ComponentOptions = {}): void {
  const off = new Set(opts.disable ?? []);
  const on = (name: string) => !off.has(name);
  void cluster;
  void on;
  // Each component issue adds one line here, e.g.:
  // if (on('scheduler')) installScheduler(cluster);
}
