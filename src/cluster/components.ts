/**
 * The control plane's components, installed on a cluster in a fixed order
 * (the order is part of determinism). Each issue adds its components here:
 * controllers, the scheduler, cloud controllers, autoscalers.
 */
import type { Cluster } from './cluster.js';
import { installServices } from './services/index.js';
import { DeploymentController } from './controllers/deployment-controller.js';
import { ReplicaSetController } from './controllers/replicaset-controller.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { ServiceAccountController } from './controllers/serviceaccount-controller.js';
import { RootCaPublisher } from './controllers/root-ca-publisher.js';
import { NodeLifecycleController } from './controllers/node-lifecycle-controller.js';
import { TaintEvictionController } from './controllers/taint-eviction-controller.js';
import { JobController } from './controllers/job-controller.js';
import { CronJobController } from './controllers/cronjob-controller.js';
import { TtlAfterFinishedController } from './controllers/ttl-after-finished-controller.js';
import { DaemonSetController } from './controllers/daemonset-controller.js';
import { StatefulSetController } from './controllers/statefulset-controller.js';
import { DisruptionController } from './controllers/disruption-controller.js';
import { EphemeralVolumeController } from './controllers/ephemeral-volume-controller.js';
import { installEventTtl } from './controllers/event-ttl.js';
import { installAutoscaling } from './autoscaling/index.js';
import { installScheduler } from './scheduler/index.js';
import { installStorageControllers } from './storage/index.js';

export interface ComponentOptions {
  /** Leave out components (a test of one controller, a lesson that breaks the scheduler). */
  disable?: string[];
}

export function installControlPlane(cluster: Cluster, opts: ComponentOptions = {}): void {
  const off = new Set(opts.disable ?? []);
  const on = (name: string) => !off.has(name);
  // kube-controller-manager
  if (on('deployment-controller')) cluster.addController(new DeploymentController());
  if (on('replicaset-controller')) cluster.addController(new ReplicaSetController());
  if (on('garbage-collector-controller')) cluster.addController(new GarbageCollector(cluster.registry));
  if (on('namespace-controller')) cluster.addController(new NamespaceController(cluster.registry));
  if (on('serviceaccount-controller')) cluster.addController(new ServiceAccountController());
  if (on('root-ca-cert-publisher')) cluster.addController(new RootCaPublisher());
  if (on('node-lifecycle-controller')) cluster.addController(new NodeLifecycleController());
  if (on('taint-eviction-controller')) cluster.addController(new TaintEvictionController());
  if (on('job-controller')) cluster.addController(new JobController());
  if (on('cronjob-controller')) cluster.addController(new CronJobController());
  if (on('ttl-after-finished-controller')) cluster.addController(new TtlAfterFinishedController());
  if (on('daemonset-controller')) cluster.addController(new DaemonSetController());
  if (on('statefulset-controller')) cluster.addController(new StatefulSetController());
  if (on('disruption-controller')) cluster.addController(new DisruptionController());
  if (on('ephemeral-volume-controller')) cluster.addController(new EphemeralVolumeController());
  if (on('event-ttl')) installEventTtl(cluster);
  // Volumes: PV binder, attach/detach, pvc/pv protection
  installStorageControllers(cluster, on);
  // Services: allocators, EndpointSlice/Endpoints controllers, kube-proxy, the cloud's service controller
  installServices(cluster, on);
  // metrics-server (as a worker that scrapes while its kube-system pods run), then the autoscalers
  installAutoscaling(cluster, on);
  // kube-scheduler
  if (on('scheduler')) installScheduler(cluster);
}
