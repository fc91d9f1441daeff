/**
 * The built-in resource types, named as `kubectl api-resources` shows them on a
 * v1.32 cluster. Strategies (defaults, validation, printers) are attached by
 * the files next to this one; this list is names and shapes only.
 */
import type { ResourceDef } from '../resource.js';

type Base = Omit<ResourceDef, 'group' | 'version'>;

function group(group: string, version: string, defs: Base[]): ResourceDef[] {
  return defs.map((d) => ({ group, version, ...d }));
}

const podFields = ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];
const eventFields = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

export function builtinResources(): ResourceDef[] {
  return [
    ...group('', 'v1', [
      { kind: 'Binding', plural: 'bindings', singular: 'binding', namespaced: true, verbs: ['create'] },
      { kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true },
      { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true, storagePrefix: '/registry/services/endpoints' },
      { kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, selectableFields: eventFields },
      { kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', shortNames: ['limits'], namespaced: true },
      { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, statusSubresource: true, subresources: ['status', 'finalize'], selectableFields: ['status.phase'] },
      { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, statusSubresource: true, subresources: ['status', 'proxy'], storagePrefix: '/registry/minions', selectableFields: ['spec.unschedulable'] },
      { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true, statusSubresource: true, subresources: ['status'] },
      { kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false, statusSubresource: true, subresources: ['status'] },
      {
        kind: 'Pod',
        plural: 'pods',
        singular: 'pod',
        shortNames: ['po'],
        namespaced: true,
        categories: ['all'],
        statusSubresource: true,
        subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers'],
        selectableFields: podFields,
      },
      { kind: 'PodTemplate', plural: 'podtemplates', singular: 'podtemplate', namespaced: true },
      { kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller', shortNames: ['rc'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status', 'scale'] },
      { kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], namespaced: true, statusSubresource: true, subresources: ['status'] },
      { kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true, selectableFields: ['type'] },
      { kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true, subresources: ['token'] },
      { kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status', 'proxy'], storagePrefix: '/registry/services/specs' },
    ]),
    ...group('apiextensions.k8s.io', 'v1', [
      { kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false, statusSubresource: true, subresources: ['status'], storagePrefix: '/registry/apiextensions.k8s.io/customresourcedefinitions' },
    ]),
    ...group('apps', 'v1', [
      { kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', namespaced: true },
      { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status'] },
      { kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status', 'scale'], scale: { specReplicas: 'spec.replicas', statusReplicas: 'status.replicas', labelSelector: 'spec.selector' } },
      { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status', 'scale'], scale: { specReplicas: 'spec.replicas', statusReplicas: 'status.replicas', labelSelector: 'spec.selector' } },
      { kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status', 'scale'], scale: { specReplicas: 'spec.replicas', statusReplicas: 'status.replicas', labelSelector: 'spec.selector' } },
    ]),
    ...group('authentication.k8s.io', 'v1', [
      { kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', singular: 'selfsubjectreview', namespaced: false, verbs: ['create'] },
      { kind: 'TokenReview', plural: 'tokenreviews', singular: 'tokenreview', namespaced: false, verbs: ['create'] },
    ]),
    ...group('authorization.k8s.io', 'v1', [
      { kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', singular: 'localsubjectaccessreview', namespaced: true, verbs: ['create'] },
      { kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', namespaced: false, verbs: ['create'] },
      { kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', namespaced: false, verbs: ['create'] },
      { kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', singular: 'subjectaccessreview', namespaced: false, verbs: ['create'] },
    ]),
    ...group('autoscaling', 'v2', [
      { kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status'] },
    ]),
    ...group('batch', 'v1', [
      { kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status'] },
      { kind: 'Job', plural: 'jobs', singular: 'job', namespaced: true, categories: ['all'], statusSubresource: true, subresources: ['status'] },
    ]),
    ...group('apiregistration.k8s.io', 'v1', [{ kind: 'APIService', plural: 'apiservices', singular: 'apiservice', namespaced: false, statusSubresource: true, subresources: ['status'], storagePrefix: '/registry/apiregistration.k8s.io/apiservices' }]),
    ...group('coordination.k8s.io', 'v1', [{ kind: 'Lease', plural: 'leases', singular: 'lease', namespaced: true }]),
    ...group('discovery.k8s.io', 'v1', [{ kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true }]),
    ...group('events.k8s.io', 'v1', [{ kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, storagePrefix: '/registry/events', selectableFields: eventFields }]),
    ...group('networking.k8s.io', 'v1', [
      { kind: 'IngressClass', plural: 'ingressclasses', singular: 'ingressclass', namespaced: false },
      { kind: 'Ingress', plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], namespaced: true, statusSubresource: true, subresources: ['status'] },
      { kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], namespaced: true },
    ]),
    ...group('policy', 'v1', [
      { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], namespaced: true, statusSubresource: true, subresources: ['status'] },
    ]),
    ...group('rbac.authorization.k8s.io', 'v1', [
      { kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false },
      { kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false },
      { kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true },
      { kind: 'Role', plural: 'roles', singular: 'role', namespaced: true },
    ]),
    ...group('scheduling.k8s.io', 'v1', [{ kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], namespaced: false }]),
    ...group('storage.k8s.io', 'v1', [
      { kind: 'CSIDriver', plural: 'csidrivers', singular: 'csidriver', namespaced: false },
      { kind: 'CSINode', plural: 'csinodes', singular: 'csinode', namespaced: false },
      { kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false },
      { kind: 'VolumeAttachment', plural: 'volumeattachments', singular: 'volumeattachment', namespaced: false, statusSubresource: true, subresources: ['status'] },
    ]),
  ];
}
