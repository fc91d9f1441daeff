/**
 * The default ClusterRoles every cluster has (cluster-admin, admin, edit,
 * view, and the system roles the components run under), with their upstream rules.
 */
import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1.js';

const R = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs });
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function role(name: string, rules: PolicyRule[], aggregateTo?: string[]): ClusterRole {
  const labels: Record<string, string> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
  for (const a of aggregateTo ?? []) labels[`rbac.authorization.k8s.io/aggregate-to-${a}`] = 'true';
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    rules,
  };
}

const viewRules: PolicyRule[] = [
  R([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
  R([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ),
  R([''], ['namespaces'], READ),
  R(['discovery.k8s.io'], ['endpointslices'], READ),
  R(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
  R(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
  R(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
  R(['extensions'], ['daemonsets', 'deployments', 'ingresses', 'networkpolicies', 'replicasets'], READ),
  R(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  R(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
  R(['metrics.k8s.io'], ['pods', 'nodes'], READ),
];

const editRules: PolicyRule[] = [
  R([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
  R([''], ['serviceaccounts'], ['impersonate']),
  R([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
  R([''], ['pods/eviction'], ['create']),
  R([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], WRITE),
  R([''], ['serviceaccounts/token'], ['create']),
  R(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE),
  R(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
  R(['batch'], ['cronjobs', 'jobs'], WRITE),
  R(['policy'], ['poddisruptionbudgets'], WRITE),
  R(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  R(['coordination.k8s.io'], ['leases'], [...READ, ...WRITE]),
  ...viewRules,
];

const adminRules: PolicyRule[] = [
  R(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  R(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], [...WRITE, ...READ]),
  ...editRules,
];

export function defaultClusterRoles(): ClusterRole[] {
  return [
    role('cluster-admin', [R(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }]),
    role('admin', adminRules),
    role('edit', editRules, ['admin']),
    role('view', viewRules, ['edit']),
    role('system:basic-user', [R(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']), R(['authentication.k8s.io'], ['selfsubjectreviews'], ['create'])]),
    role('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    role('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    // The components: kubedojo keeps their rules broad but real (scoped to what each touches).
    role('system:kube-scheduler', [
      R([''], ['pods', 'nodes', 'namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'services', 'replicationcontrollers'], READ),
      R([''], ['bindings', 'pods/binding'], ['create']),
      R([''], ['persistentvolumeclaims', 'persistentvolumes'], ['patch', 'update']),
      R([''], ['pods/status'], ['patch', 'update']),
      R([''], ['pods'], ['delete']),
      R([''], ['events'], ['create', 'patch', 'update']),
      R(['events.k8s.io'], ['events'], ['create', 'patch', 'update']),
      R(['apps'], ['replicasets', 'statefulsets'], READ),
      R(['policy'], ['poddisruptionbudgets'], READ),
      R(['storage.k8s.io'], ['storageclasses', 'csinodes', 'csidrivers', 'csistoragecapacities', 'volumeattachments'], READ),
      R(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
      R(['scheduling.k8s.io'], ['priorityclasses'], READ),
    ]),
    role('system:kube-controller-manager', [R(['*'], ['*'], ['*'])]),
    role('system:node', [
      R([''], ['nodes', 'nodes/status'], [...READ, 'create', 'patch', 'update', 'delete']),
      R([''], ['pods', 'pods/status'], [...READ, 'create', 'delete', 'patch', 'update']),
      R([''], ['pods/eviction'], ['create']),
      R([''], ['configmaps', 'secrets', 'services', 'endpoints', 'persistentvolumeclaims', 'persistentvolumes', 'serviceaccounts'], READ),
      R([''], ['serviceaccounts/token'], ['create']),
      R([''], ['events'], ['create', 'patch', 'update']),
      R(['coordination.k8s.io'], ['leases'], [...READ, 'create', 'delete', 'patch', 'update']),
      R(['storage.k8s.io'], ['volumeattachments', 'csidrivers', 'csinodes'], READ),
      R(['storage.k8s.io'], ['csinodes'], ['create', 'delete', 'patch', 'update']),
      R([''], ['persistentvolumeclaims/status'], ['get', 'patch', 'update']),
      R(['discovery.k8s.io'], ['endpointslices'], READ),
    ]),
    role('system:node-proxier', [R([''], ['endpoints', 'services', 'nodes'], READ), R(['discovery.k8s.io'], ['endpointslices'], READ), R([''], ['events'], ['create', 'patch', 'update'])]),
  ];
}
