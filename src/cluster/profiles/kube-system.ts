/**
 * The kube-system workloads of a fresh AKS cluster (Azure CNI Overlay,
 * kube-proxy dataplane), applied through the API as AKS's addon manager
 * does: coredns + its autoscaler, metrics-server (with its addon-resizer),
 * konnectivity-agent, and the node DaemonSets kube-proxy,
 * azure-ip-masq-agent, cloud-node-manager, csi-azuredisk-node and
 * csi-azurefile-node, with their ServiceAccounts, ConfigMaps, Services and
 * PodDisruptionBudgets. Shapes follow `kubectl get -o yaml` of AKS 1.35.
 */
import type { Cluster } from '../cluster.js';
import type { KObject, UserInfo } from '../api/types.js';
import { SYSTEM_IMAGE_TAGS as IMG } from '../images/system.js';

/** AKS's addon manager writes these objects. */
const ADDON_MANAGER: UserInfo = { username: 'system:serviceaccount:kube-system:addon-manager', groups: ['system:masters', 'system:serviceaccounts', 'system:authenticated'] };

export interface KubeSystemOptions {
  /** `v1.35.7`: tags kube-proxy and cloud-node-manager. */
  kubernetesVersion?: string;
  /** The API server FQDN konnectivity agents dial. */
  apiServerFqdn?: string;
  podCidr?: string;
  dnsServiceIP?: string;
}

const NS = 'kube-system';
const AKS = { 'kubernetes.azure.com/managedby': 'aks' };
const RECONCILE = { 'addonmanager.kubernetes.io/mode': 'Reconcile' };
const LINUX = { 'kubernetes.io/os': 'linux' };
const ALL_TAINTS = [{ operator: 'Exists' }];
const CRITICAL = { key: 'CriticalAddonsOnly', operator: 'Exists' };
const SYSTEM_POOL_PREFERRED = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.azure.com/cluster', operator: 'Exists' }, { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }, { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] },
    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.azure.com/mode', operator: 'In', values: ['system'] }] } }],
  },
};
const antiAffinity = (key: string, value: string) => ({
  podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key, operator: 'In', values: [value] }] }, topologyKey: 'kubernetes.io/hostname' } },
      { weight: 10, podAffinityTerm: { labelSelector: { matchExpressions: [{ key, operator: 'In', values: [value] }] }, topologyKey: 'topology.kubernetes.io/zone' } },
    ],
  },
});
const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
const req = (cpu: string, memory: string, limits?: Record<string, string>) => ({ requests: { cpu, memory }, ...(limits ? { limits } : {}) });

function meta(name: string, labels: Record<string, string>, annotations?: Record<string, string>) {
  return { name, namespace: NS, labels, ...(annotations ? { annotations } : {}) };
}

function deployment(name: string, labels: Record<string, string>, selector: Record<string, string>, replicas: number, podSpec: Record<string, unknown>, podLabels: Record<string, string> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, { ...RECONCILE, ...AKS, ...labels }),
    spec: {
      replicas,
      revisionHistoryLimit: 2,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: { metadata: { labels: { ...selector, ...AKS, ...podLabels } }, spec: podSpec },
    },
  };
}

function daemonSet(name: string, labels: Record<string, string>, selector: Record<string, string>, podSpec: Record<string, unknown>): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(name, { ...RECONCILE, ...AKS, ...labels }),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '5%' } },
      template: { metadata: { labels: { ...selector, ...AKS } }, spec: { nodeSelector: LINUX, tolerations: ALL_TAINTS, priorityClassName: 'system-node-critical', ...podSpec } },
    },
  };
}

function csiNode(driver: 'disk' | 'file', port: number, image: string): KObject {
  const app = `csi-azure${driver}-node`;
  const plugin = `azure${driver}`;
  return daemonSet(app, { app }, { app }, {
    hostNetwork: true,
    dnsPolicy: 'Default',
    serviceAccountName: `${app}-sa`,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }] } } },
    containers: [
      { name: 'liveness-probe', image: IMG.livenessProbe, args: ['--csi-address=/csi/csi.sock', '--probe-timeout=3s', `--http-endpoint=localhost:${port}`, '--v=2'], resources: req('10m', '20Mi', { memory: '100Mi' }), volumeMounts: [{ name: 'socket-dir', mountPath: '/csi' }] },
      {
        name: 'node-driver-registrar',
        image: IMG.registrar,
        args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--v=2'],
        env: [{ name: 'ADDRESS', value: '/csi/csi.sock' }, { name: 'DRIVER_REG_SOCK_PATH', value: `/var/lib/kubelet/plugins/${driver}.csi.azure.com/csi.sock` }],
        livenessProbe: { exec: { command: ['/csi-node-driver-registrar', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--mode=kubelet-registration-probe'] }, initialDelaySeconds: 30, timeoutSeconds: 15 },
        resources: req('10m', '20Mi', { memory: '100Mi' }),
        volumeMounts: [{ name: 'socket-dir', mountPath: '/csi' }, { name: 'registration-dir', mountPath: '/registration' }],
      },
      {
        name: plugin,
        image,
        args: ['--v=5', '--endpoint=$(CSI_ENDPOINT)', '--nodeid=$(KUBE_NODE_NAME)', `--metrics-address=0.0.0.0:${port + 2}`],
        env: [{ name: 'AZURE_CREDENTIAL_FILE', value: '/etc/kubernetes/azure.json' }, { name: 'CSI_ENDPOINT', value: 'unix:///csi/csi.sock' }, fieldEnv('KUBE_NODE_NAME', 'spec.nodeName')],
        ports: [{ name: 'healthz', containerPort: port, hostPort: port, protocol: 'TCP' }],
        livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 },
        securityContext: { privileged: true },
        resources: req('10m', '20Mi', { memory: driver === 'disk' ? '1000Mi' : '600Mi' }),
        volumeMounts: [{ name: 'socket-dir', mountPath: '/csi' }, { name: 'mountpoint-dir', mountPath: '/var/lib/kubelet/', mountPropagation: 'Bidirectional' }, { name: 'azure-cred', mountPath: '/etc/kubernetes/' }],
      },
    ],
    volumes: [
      { name: 'socket-dir', hostPath: { path: `/var/lib/kubelet/plugins/${driver}.csi.azure.com`, type: 'DirectoryOrCreate' } },
      { name: 'mountpoint-dir', hostPath: { path: '/var/lib/kubelet/', type: 'DirectoryOrCreate' } },
      { name: 'registration-dir', hostPath: { path: '/var/lib/kubelet/plugins_registry/', type: 'DirectoryOrCreate' } },
      { name: 'azure-cred', hostPath: { path: '/etc/kubernetes/', type: 'DirectoryOrCreate' } },
    ],
  });
}

export function kubeSystemManifests(o: KubeSystemOptions = {}): KObject[] {
  const version = o.kubernetesVersion ?? 'v1.35.7';
  const fqdn = o.apiServerFqdn ?? 'myaksclust-myresourcegroup-000000-00000000.hcp.eastus.azmk8s.io';
  const sa = (name: string): KObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, { ...RECONCILE, ...AKS }) });
  const cm = (name: string, data: Record<string, string>, labels: Record<string, string> = RECONCILE): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, { ...labels, ...AKS }), data });
  const pdb = (name: string, selector: Record<string, string>): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name, { ...AKS }), spec: { minAvailable: 1, selector: { matchLabels: selector } } });
  const corefile = [
    '.:53 {',
    '    errors',
    '    ready',
    '    health {',
    '      lameduck 5s',
    '    }',
    '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
    '      pods insecure',
    '      fallthrough in-addr.arpa ip6.arpa',
    '      ttl 30',
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '    import custom/*.override',
    '}',
    'import custom/*.server',
    '',
  ].join('\n');
  return [
    ...['coredns', 'coredns-autoscaler', 'metrics-server', 'konnectivity-agent', 'kube-proxy', 'cloud-node-manager', 'csi-azuredisk-node-sa', 'csi-azurefile-node-sa'].map(sa),
    cm('coredns', { Corefile: corefile }),
    cm('coredns-custom', {}, { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true' }),
    cm('coredns-autoscaler', { linear: '{"coresPerReplica":512,"min":2,"nodesPerReplica":16,"preventSinglePointFailure":true}' }, { 'addonmanager.kubernetes.io/mode': 'EnsureExists' }),
    cm('metrics-server-config', { NannyConfiguration: 'apiVersion: nannyconfig/v1alpha1\nkind: NannyConfiguration' }, { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'k8s-app': 'metrics-server' }),
    cm('azure-ip-masq-agent-config-reconciled', { 'ip-masq-agent-reconciled': `nonMasqueradeCIDRs:\n  - ${o.podCidr ?? '10.244.0.0/16'}\nmasqLinkLocal: true\n` }, { component: 'ip-masq-agent' }),
    deployment(
      'coredns',
      { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS', version: 'v20' },
      { 'k8s-app': 'kube-dns', version: 'v20' },
      2,
      {
        priorityClassName: 'system-node-critical',
        serviceAccountName: 'coredns',
        dnsPolicy: 'Default',
        nodeSelector: LINUX,
        affinity: { ...SYSTEM_POOL_PREFERRED, ...antiAffinity('k8s-app', 'kube-dns') },
        tolerations: [CRITICAL, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
        containers: [
          {
            name: 'coredns',
            image: IMG.coredns,
            args: ['-conf', '/etc/coredns/Corefile'],
            ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
            resources: req('100m', '70Mi', { memory: '500Mi' }),
            livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['all'] }, procMount: 'Default', readOnlyRootFilesystem: true },
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }, { name: 'custom-config-volume', mountPath: '/etc/coredns/custom', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [
          { name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } },
          { name: 'custom-config-volume', configMap: { name: 'coredns-custom', optional: true } },
          { name: 'tmp', emptyDir: {} },
        ],
      },
      { 'kubernetes.io/cluster-service': 'true' },
    ),
    deployment('coredns-autoscaler', { 'k8s-app': 'coredns-autoscaler', 'kubernetes.io/cluster-service': 'true' }, { 'k8s-app': 'coredns-autoscaler' }, 1, {
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns-autoscaler',
      nodeSelector: LINUX,
      affinity: SYSTEM_POOL_PREFERRED,
      tolerations: [CRITICAL],
      containers: [
        {
          name: 'autoscaler',
          image: IMG.cpa,
          command: ['/cluster-proportional-autoscaler', '--namespace=kube-system', '--configmap=coredns-autoscaler', '--target=deployment/coredns', '--default-params={"linear":{"coresPerReplica":512,"nodesPerReplica":16,"min":2,"preventSinglePointFailure":true}}', '--nodelabels=kubernetes.azure.com/mode=system', '--logtostderr=true', '--v=2'],
          resources: req('20m', '10Mi', { memory: '500Mi' }),
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
        },
      ],
    }),
    deployment('metrics-server', { 'k8s-app': 'metrics-server', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' }, { 'k8s-app': 'metrics-server' }, 2, {
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'metrics-server',
      nodeSelector: LINUX,
      affinity: { ...SYSTEM_POOL_PREFERRED, ...antiAffinity('k8s-app', 'metrics-server') },
      tolerations: [CRITICAL],
      containers: [
        {
          name: 'metrics-server-vpa',
          image: IMG.addonResizer,
          command: ['/pod_nanny', '--config-dir=/etc/config', '--cpu=44m', '--extra-cpu=0.5m', '--memory=51Mi', '--extra-memory=4Mi', '--poll-period=180000', '--threshold=5', '--deployment=metrics-server', '--container=metrics-server'],
          env: [fieldEnv('MY_POD_NAME', 'metadata.name'), fieldEnv('MY_POD_NAMESPACE', 'metadata.namespace')],
          resources: req('5m', '25Mi', { cpu: '100m', memory: '300Mi' }),
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsGroup: 65534, runAsUser: 65534 },
          volumeMounts: [{ name: 'metrics-server-config-volume', mountPath: '/etc/config' }],
        },
        {
          name: 'metrics-server',
          image: IMG.metricsServer,
          command: ['/metrics-server', '--kubelet-insecure-tls', '--kubelet-preferred-address-types=InternalIP', '--cert-dir=/tmp', '--secure-port=4443', '--metric-resolution=15s', '--kubelet-use-node-status-port', '--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
          ports: [{ name: 'https', containerPort: 4443, protocol: 'TCP' }],
          livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
          readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
          resources: req('51m', '67Mi', { cpu: '1', memory: '1Gi' }),
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000 },
          volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'metrics-server-config-volume', configMap: { name: 'metrics-server-config' } }, { name: 'tmp-dir', emptyDir: {} }],
    }),
    deployment('konnectivity-agent', { app: 'konnectivity-agent', component: 'tunnel' }, { app: 'konnectivity-agent' }, 2, {
      priorityClassName: 'system-node-critical',
      serviceAccountName: 'konnectivity-agent',
      nodeSelector: LINUX,
      affinity: { ...SYSTEM_POOL_PREFERRED, ...antiAffinity('app', 'konnectivity-agent') },
      tolerations: [CRITICAL, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
      containers: [
        {
          name: 'konnectivity-agent',
          image: IMG.konnectivity,
          command: ['/proxy-agent'],
          args: [`--proxy-server-host=${fqdn}`, '--proxy-server-port=443', '--health-server-port=8082', '--keepalive-time=30s', '--agent-key=/certs/client.key', '--agent-cert=/certs/client.crt', '--ca-cert=/certs/ca.crt', '--sync-forever=true', '--agent-identifiers=default-route=true', '--alpn-proto=konnectivity', '-v=2'],
          livenessProbe: { httpGet: { path: '/healthz', port: 8082, scheme: 'HTTP' }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 15, failureThreshold: 3 },
          resources: req('20m', '20Mi', { cpu: '1', memory: '1Gi' }),
          volumeMounts: [{ name: 'certs', mountPath: '/certs', readOnly: true }],
        },
      ],
      volumes: [{ name: 'certs', emptyDir: {} }],
    }),
    daemonSet('kube-proxy', { component: 'kube-proxy', tier: 'node' }, { component: 'kube-proxy', tier: 'node' }, {
      hostNetwork: true,
      serviceAccountName: 'kube-proxy',
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.azure.com/cluster', operator: 'Exists' }, { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }] } } },
      containers: [
        {
          name: 'kube-proxy',
          image: IMG.kubeProxy(version),
          command: ['kube-proxy', '--conntrack-max-per-core=0', '--metrics-bind-address=0.0.0.0:10249', `--cluster-cidr=${o.podCidr ?? '10.244.0.0/16'}`, '--detect-local-mode=ClusterCIDR', '--pod-interface-name-prefix=', '--v=3'],
          resources: req('100m', '0'),
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'kubeconfig', mountPath: '/var/lib/kubelet', readOnly: true }, { name: 'certificates', mountPath: '/etc/kubernetes/certs', readOnly: true }, { name: 'iptableslock', mountPath: '/run/xtables.lock' }],
        },
      ],
      volumes: [
        { name: 'kubeconfig', hostPath: { path: '/var/lib/kubelet', type: '' } },
        { name: 'certificates', hostPath: { path: '/etc/kubernetes/certs', type: '' } },
        { name: 'iptableslock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      ],
    }),
    daemonSet('azure-ip-masq-agent', { component: 'azure-ip-masq-agent', tier: 'node' }, { 'k8s-app': 'azure-ip-masq-agent', tier: 'node' }, {
      hostNetwork: true,
      containers: [
        {
          name: 'azure-ip-masq-agent',
          image: IMG.ipMasq,
          args: ['--v=2', '--resync-interval=60', '--enable-ipv6=false'],
          resources: req('100m', '50Mi', { cpu: '500m', memory: '250Mi' }),
          securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] }, privileged: false },
          volumeMounts: [{ name: 'azure-ip-masq-agent-config-volume', mountPath: '/etc/config' }],
        },
      ],
      volumes: [{ name: 'azure-ip-masq-agent-config-volume', projected: { defaultMode: 420, sources: [{ configMap: { name: 'azure-ip-masq-agent-config-reconciled', optional: true } }] } }],
    }),
    daemonSet('cloud-node-manager', { component: 'cloud-node-manager', 'kubernetes.io/cluster-service': 'true' }, { 'k8s-app': 'cloud-node-manager' }, {
      hostNetwork: true,
      serviceAccountName: 'cloud-node-manager',
      containers: [
        {
          name: 'cloud-node-manager',
          image: IMG.cloudNodeManager(version),
          command: ['cloud-node-manager', '--node-name=$(NODE_NAME)', '--wait-routes=false'],
          env: [fieldEnv('NODE_NAME', 'spec.nodeName')],
          resources: req('50m', '50Mi', { cpu: '2', memory: '512Mi' }),
        },
      ],
    }),
    csiNode('disk', 29603, IMG.azuredisk),
    csiNode('file', 29613, IMG.azurefile),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kube-dns', { ...RECONCILE, ...AKS, 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' }),
      spec: {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: o.dnsServiceIP ?? '10.0.0.10',
        ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('metrics-server', { ...RECONCILE, ...AKS, 'k8s-app': 'metrics-server', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' }),
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
    pdb('coredns-pdb', { 'k8s-app': 'kube-dns' }),
    pdb('konnectivity-agent', { app: 'konnectivity-agent' }),
    pdb('metrics-server-pdb', { 'k8s-app': 'metrics-server' }),
  ];
}

const RESOURCE: Record<string, string> = {
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Service: 'services',
  Deployment: 'deployments.apps',
  DaemonSet: 'daemonsets.apps',
  PodDisruptionBudget: 'poddisruptionbudgets.policy',
};

/**
 * Apply the kube-system manifests through the API. Objects that already
 * exist are left alone; a rejected one is returned (never thrown). The
 * Kubernetes version defaults to the nodes' kubelet version.
 */
export function installKubeSystem(cluster: Cluster, opts: KubeSystemOptions = {}): { created: string[]; failed: { name: string; message: string }[] } {
  const client = cluster.client(ADDON_MANAGER);
  if (!opts.kubernetesVersion) {
    const node = client.items<{ status?: { nodeInfo?: { kubeletVersion?: string } } }>('nodes')[0];
    const v = node?.status?.nodeInfo?.kubeletVersion;
    if (v) opts = { ...opts, kubernetesVersion: v };
  }
  const created: string[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const obj of kubeSystemManifests(opts)) {
    const r = client.create(RESOURCE[obj.kind!]!, NS, obj);
    const id = `${obj.kind}/${obj.metadata?.name}`;
    if (r.ok) created.push(id);
    else if (r.status.reason !== 'AlreadyExists') failed.push({ name: id, message: r.status.message });
  }
  return { created, failed };
}
