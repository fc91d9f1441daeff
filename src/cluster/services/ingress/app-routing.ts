/**
 * The AKS application routing add-on (managed NGINX), as AKS installs it:
 * the `app-routing-system` namespace; the NginxIngressController CRD and
 * its `default` object; the IngressClass `webapprouting.kubernetes.azure.com`
 * (controller `webapprouting.kubernetes.azure.com/nginx`, as `kubectl get
 * ingressclass` shows on a real cluster); the `nginx` ServiceAccount and its
 * RBAC; the `nginx` Deployment of ingress-nginx controller pods (2 replicas,
 * an HPA up to 100); the LoadBalancer Service `nginx` (80/443, which gets an
 * Azure public IP from the service controller) and `nginx-metrics`.
 * Objects are written by the app routing operator through the API server;
 * disabling deletes them (the Ingresses stay, without an address).
 */
import type { Cluster } from '../../cluster.js';
import type { KObject, UserInfo } from '../../api/types.js';
import { NginxStatusController } from './nginx-controller.js';

export const APP_ROUTING_NS = 'app-routing-system';
export const APP_ROUTING_CLASS = 'webapprouting.kubernetes.azure.com';
export const APP_ROUTING_CONTROLLER = 'webapprouting.kubernetes.azure.com/nginx';
export const NGINX_CONTROLLER_IMAGE = 'mcr.microsoft.com/oss/kubernetes/ingress/nginx-ingress-controller:v1.11.5';
export const NIC_CRD = 'nginxingresscontrollers.approuting.kubernetes.azure.com';
export const NGINX_SA_USER: UserInfo = { username: `system:serviceaccount:${APP_ROUTING_NS}:nginx`, groups: ['system:serviceaccounts', `system:serviceaccounts:${APP_ROUTING_NS}`, 'system:authenticated'] };
const OPERATOR: UserInfo = { username: 'system:serviceaccount:kube-system:aks-app-routing-operator', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };

const MANAGED = { 'app.kubernetes.io/managed-by': 'aks-app-routing-operator' };
const COMPONENT = { 'app.kubernetes.io/component': 'ingress-controller', ...MANAGED, 'app.kubernetes.io/name': 'nginx' };

function crd(): KObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: NIC_CRD, labels: MANAGED },
    spec: {
      group: 'approuting.kubernetes.azure.com',
      scope: 'Cluster',
      names: { plural: 'nginxingresscontrollers', singular: 'nginxingresscontroller', kind: 'NginxIngressController', listKind: 'NginxIngressControllerList', shortNames: ['nic'] },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'IngressClass', type: 'string', jsonPath: '.spec.ingressClassName' },
            { name: 'ControllerNamePrefix', type: 'string', jsonPath: '.spec.controllerNamePrefix' },
            { name: 'Available', type: 'string', jsonPath: ".status.conditions[?(@.type==\"Available\")].status" },
          ],
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
        },
      ],
    },
  } as KObject;
}

/** The objects AKS creates, in creation order, with the resource each goes to. */
function manifests(): { resource: string; ns?: string; obj: KObject }[] {
  const ns = APP_ROUTING_NS;
  const podLabels = { app: 'nginx', 'app.kubernetes.io/component': 'ingress-controller', ...MANAGED };
  return [
    { resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ...MANAGED, 'kubernetes.azure.com/managedby': 'aks' } } } },
    { resource: 'customresourcedefinitions.apiextensions.k8s.io', obj: crd() },
    { resource: 'nginxingresscontrollers.approuting.kubernetes.azure.com', obj: { apiVersion: 'approuting.kubernetes.azure.com/v1alpha1', kind: 'NginxIngressController', metadata: { name: 'default', labels: MANAGED }, spec: { ingressClassName: APP_ROUTING_CLASS, controllerNamePrefix: 'nginx' } } },
    { resource: 'ingressclasses.networking.k8s.io', obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: APP_ROUTING_CLASS, labels: { ...MANAGED, 'app.kubernetes.io/name': 'nginx' } }, spec: { controller: APP_ROUTING_CONTROLLER } } },
    { resource: 'serviceaccounts', ns, obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nginx', labels: COMPONENT } } },
    {
      resource: 'clusterroles.rbac.authorization.k8s.io',
      obj: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'nginx', labels: COMPONENT },
        rules: [
          { apiGroups: [''], resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces', 'services'], verbs: ['list', 'watch', 'get'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch', 'get'] },
          { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingressclasses'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
          { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
          { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
        ],
      } as KObject,
    },
    { resource: 'clusterrolebindings.rbac.authorization.k8s.io', obj: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'nginx', labels: COMPONENT }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'nginx' }, subjects: [{ kind: 'ServiceAccount', name: 'nginx', namespace: ns }] } as KObject },
    {
      resource: 'deployments.apps',
      ns,
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx', labels: COMPONENT },
        spec: {
          replicas: 2,
          revisionHistoryLimit: 2,
          selector: { matchLabels: { app: 'nginx' } },
          template: {
            metadata: { labels: podLabels, annotations: { 'prometheus.io/port': '10254', 'prometheus.io/scrape': 'true' } },
            spec: {
              serviceAccountName: 'nginx',
              priorityClassName: 'system-node-critical',
              containers: [
                {
                  name: 'controller',
                  image: NGINX_CONTROLLER_IMAGE,
                  args: ['/nginx-ingress-controller', `--ingress-class=${APP_ROUTING_CLASS}`, `--controller-class=${APP_ROUTING_CONTROLLER}`, `--publish-service=$(POD_NAMESPACE)/nginx`, '--configmap=$(POD_NAMESPACE)/nginx', '--enable-annotation-validation=true', '--http-port=8080', '--https-port=8443'],
                  env: [
                    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
                  ],
                  ports: [
                    { name: 'http', containerPort: 8080, protocol: 'TCP' },
                    { name: 'https', containerPort: 8443, protocol: 'TCP' },
                    { name: 'prometheus', containerPort: 10254, protocol: 'TCP' },
                  ],
                  readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                  resources: { requests: { cpu: '500m', memory: '127Mi' } },
                  securityContext: { runAsNonRoot: true, runAsUser: 101, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } },
                },
              ],
            },
          },
        },
      } as KObject,
    },
    {
      resource: 'services',
      ns,
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'nginx', labels: COMPONENT },
        spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'nginx' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] },
      } as KObject,
    },
    { resource: 'services', ns, obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx-metrics', labels: COMPONENT }, spec: { type: 'ClusterIP', selector: { app: 'nginx' }, ports: [{ name: 'prometheus', port: 10254, targetPort: 'prometheus' }] } } as KObject },
    {
      resource: 'horizontalpodautoscalers.autoscaling',
      ns,
      obj: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'nginx', labels: COMPONENT }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }, minReplicas: 2, maxReplicas: 100, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } } as KObject,
    },
  ];
}

const controllers = new WeakSet<Cluster>();

/** Is the add-on's controller installed on this cluster? */
export function appRoutingEnabled(cluster: Cluster): boolean {
  return cluster.admin.get(NIC_CRD, undefined, 'default').ok;
}

/** Install what the add-on installs; objects that already exist are left alone. Returns failures (never throws). */
export function enableAppRouting(cluster: Cluster): string[] {
  const client = cluster.client(OPERATOR);
  const failed: string[] = [];
  for (const m of manifests()) {
    const r = client.create(m.resource, m.ns, m.obj);
    if (!r.ok && r.status.reason !== 'AlreadyExists') failed.push(`${m.obj.kind}/${m.obj.metadata?.name}: ${r.status.message}`);
  }
  // The controller pods' API side starts watching once their RBAC exists.
  if (!controllers.has(cluster)) {
    controllers.add(cluster);
    cluster.addController(new NginxStatusController({ namespace: APP_ROUTING_NS, podLabel: ['app', 'nginx'], publishService: 'nginx', controllerClass: APP_ROUTING_CONTROLLER }), NGINX_SA_USER);
  }
  cluster.trace.note('aks-app-routing-operator', `application routing enabled: NGINX ingress controller ${APP_ROUTING_NS}/nginx, IngressClass ${APP_ROUTING_CLASS}`);
  return failed;
}

const WORKLOADS = new Set(['horizontalpodautoscalers.autoscaling', 'services', 'deployments.apps', 'ingressclasses.networking.k8s.io', 'nginxingresscontrollers.approuting.kubernetes.azure.com']);

/**
 * Remove what the add-on installed, in two passes as the operator does: the
 * controller, its Services and IngressClass first (the controllers clear the
 * addresses they published as they shut down), then — `finish` — its RBAC,
 * the CRD and the namespace.
 */
export function disableAppRouting(cluster: Cluster, pass: 'workloads' | 'finish'): void {
  const client = cluster.client(OPERATOR);
  for (const m of manifests().reverse()) {
    if (m.resource === 'namespaces' || WORKLOADS.has(m.resource) !== (pass === 'workloads')) continue;
    client.delete(m.resource, m.ns, m.obj.metadata!.name!);
  }
  if (pass === 'workloads') return;
  client.delete('namespaces', undefined, APP_ROUTING_NS);
  cluster.trace.note('aks-app-routing-operator', `application routing disabled: removed ${APP_ROUTING_NS}/nginx and IngressClass ${APP_ROUTING_CLASS}`);
}
