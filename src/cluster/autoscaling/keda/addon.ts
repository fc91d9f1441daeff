/**
 * The AKS KEDA add-on (`az aks update --enable-keda`): what AKS applies in
 * kube-system — the keda-operator, keda-operator-metrics-apiserver and
 * keda-admission-webhooks Deployments with their ServiceAccounts and
 * Services, the keda.sh CRDs and the v1beta1.external.metrics.k8s.io
 * APIService — and removes on `--disable-keda`. The operator, metrics
 * adapter and webhook act only while their pods are Ready.
 */
import type { Cluster } from '../../cluster.js';
import type { KObject, UserInfo } from '../../api/types.js';
import { kedaCrds } from './crds.js';
import { KEDA_IMAGES } from '../../images/keda.js';

const AKS_ADDON: UserInfo = { username: 'system:serviceaccount:kube-system:addon-manager', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };
const NS = 'kube-system';
const LABELS = { 'app.kubernetes.io/part-of': 'keda-operator', 'app.kubernetes.io/version': '2.17.2', 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.azure.com/managedby': 'aks' };

interface Component {
  name: string;
  sa: string;
  image: string;
  args: string[];
  ports: { name: string; containerPort: number }[];
  service: { name: string; port: number; targetPort: string | number }[];
  requests: { cpu: string; memory: string };
}

const COMPONENTS: Component[] = [
  {
    name: 'keda-operator',
    sa: 'keda-operator',
    image: KEDA_IMAGES.operator,
    args: ['--leader-elect', '--disable-compression=true', '--zap-log-level=info', '--zap-encoder=console', '--zap-time-encoding=rfc3339', '--enable-webhook-patching=true', '--cert-dir=/certs', '--enable-cert-rotation=true', '--cert-secret-name=kedaorg-certs', '--operator-service-name=keda-operator', '--metrics-server-service-name=keda-operator-metrics-apiserver', '--webhooks-service-name=keda-admission-webhooks', '--k8s-cluster-name=kubernetes', '--k8s-cluster-domain=cluster.local', '--enable-prometheus-metrics=false'],
    ports: [{ name: 'http', containerPort: 8080 }, { name: 'metricsservice', containerPort: 9666 }],
    service: [{ name: 'metricsservice', port: 9666, targetPort: 9666 }],
    requests: { cpu: '100m', memory: '100Mi' },
  },
  {
    name: 'keda-operator-metrics-apiserver',
    sa: 'keda-metrics-server',
    image: KEDA_IMAGES.metricsApiserver,
    args: ['--port=8080', '--secure-port=6443', '--logtostderr=true', '--stderrthreshold=ERROR', '--disable-compression=true', '--metrics-service-address=keda-operator.kube-system.svc.cluster.local:9666', '--client-ca-file=/certs/ca.crt', '--tls-cert-file=/certs/tls.crt', '--tls-private-key-file=/certs/tls.key', '--cert-dir=/certs', '--v=0'],
    ports: [{ name: 'https', containerPort: 6443 }, { name: 'http', containerPort: 8080 }],
    service: [{ name: 'https', port: 443, targetPort: 6443 }, { name: 'http', port: 80, targetPort: 8080 }],
    requests: { cpu: '100m', memory: '100Mi' },
  },
  {
    name: 'keda-admission-webhooks',
    sa: 'keda-webhook',
    image: KEDA_IMAGES.webhooks,
    args: ['--zap-log-level=info', '--zap-encoder=console', '--zap-time-encoding=rfc3339', '--cert-dir=/certs', '--health-probe-bind-address=:8081', '--metrics-bind-address=:8080'],
    ports: [{ name: 'http', containerPort: 9443 }],
    service: [{ name: 'https', port: 443, targetPort: 9443 }],
    requests: { cpu: '10m', memory: '10Mi' },
  },
];

function manifests(): { gr: string; ns?: string; obj: KObject }[] {
  const out: { gr: string; ns?: string; obj: KObject }[] = [];
  for (const crd of kedaCrds()) out.push({ gr: 'customresourcedefinitions.apiextensions.k8s.io', obj: crd });
  for (const c of COMPONENTS) {
    const labels = { app: c.name, 'app.kubernetes.io/name': c.name, 'app.kubernetes.io/component': 'operator', ...LABELS };
    out.push({ gr: 'serviceaccounts', ns: NS, obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: c.sa, namespace: NS, labels: { ...LABELS, 'app.kubernetes.io/name': c.sa } } } });
    out.push({
      gr: 'deployments.apps',
      ns: NS,
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: c.name, namespace: NS, labels },
        spec: {
          replicas: 1,
          revisionHistoryLimit: 10,
          selector: { matchLabels: { app: c.name } },
          template: {
            metadata: { labels: { app: c.name, 'app.kubernetes.io/name': c.name, 'kubernetes.azure.com/managedby': 'aks' } },
            spec: {
              serviceAccountName: c.sa,
              priorityClassName: 'system-cluster-critical',
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
              containers: [
                {
                  name: c.name,
                  image: c.image,
                  args: c.args,
                  ports: c.ports.map((p) => ({ ...p, protocol: 'TCP' })),
                  env: [{ name: 'WATCH_NAMESPACE', value: '' }, { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } }],
                  resources: { requests: c.requests, limits: { cpu: '1', memory: '1000Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
                },
              ],
            },
          },
        },
      },
    });
    out.push({
      gr: 'services',
      ns: NS,
      obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: c.name, namespace: NS, labels }, spec: { selector: { app: c.name }, ports: c.service.map((p) => ({ ...p, protocol: 'TCP' })) } },
    });
  }
  return out;
}

const APISERVICE = 'v1beta1.external.metrics.k8s.io';

export interface AddonResult {
  created: string[];
  failed: { name: string; message: string }[];
}

/** Apply the add-on's objects (objects that exist are left alone). */
export function enableKeda(cluster: Cluster): AddonResult {
  const client = cluster.client(AKS_ADDON);
  const created: string[] = [];
  const failed: { name: string; message: string }[] = [];
  const objs = manifests();
  if (cluster.registry.get('apiregistration.k8s.io', 'apiservices')) {
    objs.push({
      gr: 'apiservices.apiregistration.k8s.io',
      obj: {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: APISERVICE, labels: { ...LABELS, 'app.kubernetes.io/name': 'v1beta1.external.metrics.k8s.io' } },
        spec: { service: { name: 'keda-operator-metrics-apiserver', namespace: NS, port: 443 }, group: 'external.metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTLSVerify: true },
      },
    });
  }
  for (const { gr, ns, obj } of objs) {
    const r = client.create(gr, ns, obj);
    const id = `${obj.kind}/${obj.metadata?.name}`;
    if (r.ok) created.push(id);
    else if (r.status.reason !== 'AlreadyExists') failed.push({ name: id, message: r.status.message });
  }
  return { created, failed };
}

/** Remove the add-on: its workloads, Services, ServiceAccounts, APIService and CRDs (and with them every ScaledObject). */
export function disableKeda(cluster: Cluster): void {
  const client = cluster.client(AKS_ADDON);
  if (cluster.registry.get('apiregistration.k8s.io', 'apiservices')) client.delete('apiservices.apiregistration.k8s.io', undefined, APISERVICE);
  for (const { gr, ns, obj } of manifests().reverse()) client.delete(gr, ns, obj.metadata!.name!);
}

/** Is the add-on's operator Deployment there? */
export function kedaInstalled(cluster: Cluster): boolean {
  return !!cluster.store.get('/registry/deployments/kube-system/keda-operator');
}
