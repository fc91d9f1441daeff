/** Autoscaling components in install order: metrics-server, then the HPA controller. */
import type { Cluster } from '../cluster.js';
import { MetricsServer } from './metrics-server.js';
import { installMetricsApi } from './metrics-apiservice.js';
import { HpaController } from './hpa-controller.js';
import { QueueConsumers } from './queue-consumers.js';
import { ApiServiceAvailability } from './apiservice-availability.js';
import { KedaOperator } from './keda/operator.js';
import { kedaAdmissionWebhook } from './keda/webhook.js';

export function installAutoscaling(cluster: Cluster, on: (name: string) => boolean): void {
  if (on('metrics-server')) {
    const metrics = new MetricsServer(cluster);
    cluster.addWorker(metrics);
    installMetricsApi(cluster, metrics);
  }
  if (on('horizontal-pod-autoscaler')) cluster.addWorker(new HpaController(cluster));
  if (on('queue-consumers')) cluster.addWorker(new QueueConsumers(cluster));
  // The KEDA add-on's operator, metrics adapter and webhook act only once `az aks update --enable-keda` runs their pods.
  if (on('apiservice-availability')) cluster.addWorker(new ApiServiceAvailability(cluster));
  if (on('keda-operator')) {
    cluster.addWorker(new KedaOperator(cluster));
    cluster.api.admission.push(kedaAdmissionWebhook(cluster));
  }
}
