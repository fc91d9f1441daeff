/**
 * Server-side Table printers, one module per kind family (the columns
 * `kubectl get` shows). Attached to the registry so the built-in kubectl and
 * serve mode print the same Tables. Kinds without a printer get the
 * apiserver's default Table (NAME, CREATED AT), as roles and limit ranges do
 * upstream.
 */
import type { Registry } from '../registry.js';
import type { ResourceDef } from '../resource.js';
import { printPods, printPodTemplates } from './pod.js';
import { printAPIServices } from './apiregistration.js';
import { printControllerRevisions, printCronJobs, printDaemonSets, printDeployments, printJobs, printReplicaSets, printReplicationControllers, printStatefulSets } from './apps.js';
import { printConfigMaps, printEvents, printNamespaces, printNodes, printResourceQuotas, printSecrets, printServiceAccounts } from './core.js';
import { printEndpoints, printEndpointSlices, printIngressClasses, printIngresses, printNetworkPolicies, printServices } from './network.js';
import { printCSIDrivers, printCSINodes, printPersistentVolumeClaims, printPersistentVolumes, printStorageClasses, printVolumeAttachments } from './storage.js';
import { printClusterRoleBindings, printHorizontalPodAutoscalers, printLeases, printPodDisruptionBudgets, printPriorityClasses, printRoleBindings } from './policy.js';

export type PrinterMap = Record<string, NonNullable<ResourceDef['print']>>;

const printers: PrinterMap = {
  '/pods': printPods,
  'apiregistration.k8s.io/apiservices': printAPIServices,
  '/podtemplates': printPodTemplates,
  '/nodes': printNodes,
  '/namespaces': printNamespaces,
  '/events': printEvents,
  'events.k8s.io/events': printEvents,
  '/configmaps': printConfigMaps,
  '/secrets': printSecrets,
  '/serviceaccounts': printServiceAccounts,
  '/resourcequotas': printResourceQuotas,
  '/services': printServices,
  '/endpoints': printEndpoints,
  '/replicationcontrollers': printReplicationControllers,
  '/persistentvolumes': printPersistentVolumes,
  '/persistentvolumeclaims': printPersistentVolumeClaims,
  'apps/deployments': printDeployments,
  'apps/replicasets': printReplicaSets,
  'apps/statefulsets': printStatefulSets,
  'apps/daemonsets': printDaemonSets,
  'apps/controllerrevisions': printControllerRevisions,
  'batch/jobs': printJobs,
  'batch/cronjobs': printCronJobs,
  'discovery.k8s.io/endpointslices': printEndpointSlices,
  'networking.k8s.io/ingresses': printIngresses,
  'networking.k8s.io/ingressclasses': printIngressClasses,
  'networking.k8s.io/networkpolicies': printNetworkPolicies,
  'storage.k8s.io/storageclasses': printStorageClasses,
  'storage.k8s.io/csidrivers': printCSIDrivers,
  'storage.k8s.io/csinodes': printCSINodes,
  'storage.k8s.io/volumeattachments': printVolumeAttachments,
  'autoscaling/horizontalpodautoscalers': printHorizontalPodAutoscalers,
  'policy/poddisruptionbudgets': printPodDisruptionBudgets,
  'rbac.authorization.k8s.io/rolebindings': printRoleBindings,
  'rbac.authorization.k8s.io/clusterrolebindings': printClusterRoleBindings,
  'coordination.k8s.io/leases': printLeases,
  'scheduling.k8s.io/priorityclasses': printPriorityClasses,
};

export function attachPrinters(registry: Registry): void {
  for (const def of registry.all()) {
    const p = printers[`${def.group}/${def.plural}`];
    if (p) def.print = p;
  }
}

export { printers };
