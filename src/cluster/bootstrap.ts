/**
 * What kube-apiserver creates on its first start: the system namespaces, the
 * bootstrap RBAC roles and bindings, and the system priority classes. Written
 * through the API as `system:apiserver`, like the real post-start hooks.
 */
import type { Cluster } from './cluster.js';
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import { defaultClusterRoles } from './api/rbac-defaults.js';

const APISERVER = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

export function bootstrap(cluster: Cluster): void {
  const c = cluster.client(APISERVER);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    c.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (const role of defaultClusterRoles()) c.create('clusterroles.rbac.authorization.k8s.io', undefined, role);
  const bind = (name: string, role: string, subjects: { kind: string; name: string; namespace?: string }[]) =>
    c.create('clusterrolebindings.rbac.authorization.k8s.io', undefined, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: subjects.map((s) => ({ ...(s.kind === 'ServiceAccount' ? {} : { apiGroup: 'rbac.authorization.k8s.io' }), ...s })),
    });
  bind('cluster-admin', 'cluster-admin', [{ kind: 'Group', name: 'system:masters' }]);
  bind('system:basic-user', 'system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }]);
  bind('system:discovery', 'system:discovery', [{ kind: 'Group', name: 'system:authenticated' }]);
  bind('system:public-info-viewer', 'system:public-info-viewer', [
    { kind: 'Group', name: 'system:authenticated' },
    { kind: 'Group', name: 'system:unauthenticated' },
  ]);
  bind('system:kube-scheduler', 'system:kube-scheduler', [{ kind: 'User', name: 'system:kube-scheduler' }]);
  bind('system:kube-controller-manager', 'system:kube-controller-manager', [{ kind: 'User', name: 'system:kube-controller-manager' }]);
  bind('system:node', 'system:node', [{ kind: 'Group', name: 'system:nodes' }]);
  bind('system:node-proxier', 'system:node-proxier', [{ kind: 'User', name: 'system:kube-proxy' }]);
  for (const [name, value, description] of [
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
  ] as const) {
    c.create('priorityclasses.scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' });
  }
}

export type { PolicyRule };
