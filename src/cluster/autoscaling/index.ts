/** Autoscaling components in install order: metrics-server, then the HPA controller. */
import type { Cluster } from '../cluster.js';
import { MetricsServer } from './metrics-server.js';
import { HpaController } from './hpa-controller.js';

export function installAutoscaling(cluster: Cluster, on: (name: string) => boolean): void {
  if (on('metrics-server')) cluster.addWorker(new MetricsServer(cluster));
  if (on('horizontal-pod-autoscaler')) cluster.addWorker(new HpaController(cluster));
}
