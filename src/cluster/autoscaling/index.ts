/** Autoscaling components in install order: metrics-server, then the HPA controller. */
import type { Cluster } from '../cluster.js';
import { MetricsServer } from './metrics-server.js';
import { installMetricsApi } from './metrics-apiservice.js';
import { HpaController } from './hpa-controller.js';
import { QueueConsumers } from './queue-consumers.js';

export function installAutoscaling(cluster: Cluster, on: (name: string) => boolean): void {
  if (on('metrics-server')) {
    const metrics = new MetricsServer(cluster);
    cluster.addWorker(metrics);
    installMetricsApi(cluster, metrics);
  }
  if (on('horizontal-pod-autoscaler')) cluster.addWorker(new HpaController(cluster));
  if (on('queue-consumers')) cluster.addWorker(new QueueConsumers(cluster));
}
