/** Installs the Services machinery on a cluster: allocators, endpoint controllers, kube-proxy, the cloud's service controller. */
import type { Cluster } from '../cluster.js';
import { serviceAllocator } from './allocator.js';
import { EndpointSliceController } from './endpointslice-controller.js';
import { EndpointsController } from './endpoints-controller.js';
import { KubeProxy } from './kube-proxy.js';
import { ServiceController } from './service-controller.js';
import { ensureKubernetesService } from './default-services.js';
import { withPodTools } from './pod-tools.js';
import { defaultIngressClass } from './ingress/default-class.js';
import './ingress/proxy.js';


export function installServices(cluster: Cluster, on: (name: string) => boolean): void {
  cluster.api.admission.push(serviceAllocator(cluster), defaultIngressClass());
  if (on('endpointslice-controller')) cluster.addController(new EndpointSliceController());
  if (on('endpoint-controller')) cluster.addController(new EndpointsController());
  if (on('service-controller')) cluster.addController(new ServiceController(cluster));
  if (on('kube-proxy')) cluster.addWorker(new KubeProxy(cluster));
  ensureKubernetesService(cluster);
  // kubectl exec … -- curl/wget/nslookup/dig go through the simulated network.
  const connect = cluster.api.connectKubelet.bind(cluster.api);
  cluster.api.connectKubelet = (node, conn) => connect(node, withPodTools(cluster, conn));
}
