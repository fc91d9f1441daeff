/**
 * The kube-system images of an AKS node (Kubernetes 1.35 line). The AKS node
 * image ships them pre-pulled, so system pods start without a Pulling event.
 */
import type { ImageSpec, ProgramSpec } from './types.js';

const tag = (t: string, size: number) => ({ [t]: { size, version: t } });
const serve = (lines: string[], ports: number[], memoryMi: number, cpuMilli = 1): ProgramSpec => ({
  lines,
  ports,
  readyAfterMs: 500,
  memoryMi,
  cpuMilli,
  http: {},
  sigterm: { afterMs: 50, code: 0 },
});
const PATH: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

export const SYSTEM_IMAGE_TAGS = {
  coredns: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.13.1-20',
  cpa: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.9.0-21',
  konnectivity: 'mcr.microsoft.com/oss/v2/kubernetes/apiserver-network-proxy/agent:v0.32.1-14',
  metricsServer: 'mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.8.0-21',
  addonResizer: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/addon-resizer:v1.8.23-30',
  ipMasq: 'mcr.microsoft.com/oss/v2/azure/ip-masq-agent-v2:v0.1.15-2',
  livenessProbe: 'mcr.microsoft.com/oss/kubernetes-csi/livenessprobe:v2.15.0',
  registrar: 'mcr.microsoft.com/oss/kubernetes-csi/csi-node-driver-registrar:v2.13.0',
  azuredisk: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.33.4',
  azurefile: 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.33.3',
  pause: 'mcr.microsoft.com/oss/kubernetes/pause:3.6',
  /** Tagged with the cluster's Kubernetes version. */
  kubeProxy: (v: string) => `mcr.microsoft.com/oss/kubernetes/kube-proxy:${v}`,
  cloudNodeManager: (v: string) => `mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:${v.replace(/^v(\d+\.\d+)\.\d+/, 'v$1.2')}`,
} as const;

export const systemImages: ImageSpec[] = [
  {
    // The AKS application routing add-on's ingress-nginx build (app-routing-system/nginx).
    repository: 'mcr.microsoft.com/oss/kubernetes/ingress/nginx-ingress-controller',
    tags: tag('v1.11.5', 108_312_554),
    entrypoint: ['/nginx-ingress-controller'],
    shell: 'ash',
    programs: {
      'nginx-ingress-controller': {
        ...serve(
          [
            '-------------------------------------------------------------------------------',
            'NGINX Ingress controller',
            '  Release:       v1.11.5',
            '  Build:         97ad2a1f6e0a8b0d6cfbb81cd1d5e1b05b2b2b8c',
            '  Repository:    https://github.com/kubernetes/ingress-nginx',
            '  nginx version: nginx/1.25.5',
            '',
            '-------------------------------------------------------------------------------',
            '',
            '{{time:klog}}       7 main.go:205] "Creating API client" host="https://10.0.0.1:443"',
            '{{time:klog}}       7 nginx.go:271] "Starting NGINX Ingress controller"',
            '@+1000 {{time:klog}}       7 nginx.go:317] "Starting NGINX process"',
            '{{time:klog}}       7 leaderelection.go:254] attempting to acquire leader lease app-routing-system/nginx...',
            '@+500 {{time:klog}}       7 controller.go:213] "Backend successfully reloaded"',
            '{{time:klog}}       7 controller.go:224] "Initial sync, sleeping for 1 second"',
          ],
          [8080, 8443, 10254],
          92,
          3,
        ),
        readyAfterMs: 2_000,
        http: { '/healthz': 200 },
      },
    },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/kubernetes/coredns',
    tags: { ...tag('v1.13.1-20', 29214033), ...tag('v1.12.1-1', 33120870), ...tag('v1.11.3-7', 29201340) },
    entrypoint: ['/coredns'],
    programs: {
      coredns: {
        ...serve(['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', 'CoreDNS-1.13.1', 'linux/amd64, go1.24.7, '], [53, 8080, 8181, 9153], 14, 3),
        http: { '/health': 200, '/ready': 200 },
      },
    },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler',
    tags: { ...tag('v1.9.0-21', 21104877), ...tag('v1.9.0-23', 21104877) },
    entrypoint: ['/cluster-proportional-autoscaler'],
    programs: { 'cluster-proportional-autoscaler': serve(['{{time:klog}}       1 autoscaler.go:49] Scaling Namespace: kube-system, Target: deployment/coredns', '{{time:klog}}       1 autoscaler_server.go:166] ConfigMap not found: configmaps "coredns-autoscaler" not found, will create one with default params'], [8080], 9) },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/kubernetes/apiserver-network-proxy/agent',
    tags: tag('v0.32.1-14', 13802113),
    entrypoint: ['/proxy-agent'],
    programs: { 'proxy-agent': { ...serve(['{{time:klog}}       1 options.go:155] AgentCert set to "/certs/client.crt".', '{{time:klog}}       1 client.go:230] "Connect to server" serverID="3f1d2e4c-6b7a-4d8e-9f10-1a2b3c4d5e6f"'], [8082, 8093], 12), http: { '/healthz': 200, '/readyz': 200 } } },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/kubernetes/metrics-server',
    tags: tag('v0.8.0-21', 19621092),
    entrypoint: ['/metrics-server'],
    programs: { 'metrics-server': { ...serve(['{{time:klog}}       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)', '{{time:klog}}       1 secure_serving.go:213] Serving securely on [::]:4443'], [4443], 18, 4), readyAfterMs: 20_000, http: { '/livez': 200, '/readyz': 200 } } },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/addon-resizer',
    tags: tag('v1.8.23-30', 22500117),
    entrypoint: ['/pod_nanny'],
    programs: { pod_nanny: serve(['{{time:klog}}       1 pod_nanny.go:86] Invoked by [/pod_nanny --config-dir=/etc/config --cpu=44m --extra-cpu=0.5m --memory=51Mi --extra-memory=4Mi --poll-period=180000 --threshold=5 --deployment=metrics-server --container=metrics-server]', '{{time:klog}}       1 pod_nanny.go:87] Watching namespace: kube-system, pod: {{hostname}}, container: metrics-server.'], [], 8) },
  },
  {
    repository: 'mcr.microsoft.com/oss/v2/azure/ip-masq-agent-v2',
    tags: tag('v0.1.15-2', 8810224),
    entrypoint: ['/ip-masq-agent-v2'],
    programs: { 'ip-masq-agent-v2': serve(['{{time:klog}}       1 ip-masq-agent.go:192] ip-masq-agent-v2 started, syncing every 60s'], [], 6) },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes-csi/livenessprobe',
    tags: tag('v2.15.0', 9221830),
    entrypoint: ['/livenessprobe'],
    programs: { livenessprobe: serve(['{{time:klog}}       1 main.go:133] "Calling CSI driver to discover driver name"', '{{time:klog}}       1 main.go:167] "Serving requests to /healthz" address="localhost:29603"'], [29603], 6) },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes-csi/csi-node-driver-registrar',
    tags: tag('v2.13.0', 10351921),
    entrypoint: ['/csi-node-driver-registrar'],
    programs: { 'csi-node-driver-registrar': serve(['{{time:klog}}       1 main.go:150] "Version" version="v2.13.0"', '{{time:klog}}       1 node_register.go:56] "Starting Registration Server" socketPath="/registration/disk.csi.azure.com-reg.sock"'], [], 6) },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi',
    tags: tag('v1.33.4', 58129310),
    entrypoint: ['/azurediskplugin'],
    programs: { azurediskplugin: { ...serve(['{{time:klog}}       1 main.go:119] set up prometheus server on [::]:29605', '{{time:klog}}       1 azuredisk.go:214] DRIVER INFORMATION:'], [29603], 24), http: { '/healthz': 200 } } },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi',
    tags: tag('v1.33.3', 76020113),
    entrypoint: ['/azurefileplugin'],
    programs: { azurefileplugin: { ...serve(['{{time:klog}}       1 azurefile.go:334] DRIVER INFORMATION:'], [29613], 22), http: { '/healthz': 200 } } },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes/kube-proxy',
    tags: {},
    tagPattern: { regex: '^v1\\.\\d+\\.\\d+$', size: 30810921 },
    entrypoint: ['kube-proxy'],
    env: [PATH],
    shell: 'bash',
    binaries: ['cat', 'ls', 'echo', 'env', 'iptables', 'conntrack', 'kube-proxy', 'sleep', 'bash'],
    programs: { 'kube-proxy': { ...serve(['{{time:klog}}       1 server_linux.go:66] "Using iptables proxy"', '{{time:klog}}       1 server.go:735] "Successfully retrieved node IP(s)" IPs=["{{hostIP}}"]', '{{time:klog}}       1 shared_informer.go:320] Caches are synced for service config'], [10249, 10256], 22, 2), http: { '/healthz': 200 } } },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager',
    tags: {},
    tagPattern: { regex: '^v1\\.\\d+\\.\\d+$', size: 24100231 },
    entrypoint: ['cloud-node-manager'],
    programs: { 'cloud-node-manager': serve(['{{time:klog}}       1 nodemanager.go:135] Sending events to api server.'], [10263], 10) },
  },
  {
    repository: 'mcr.microsoft.com/oss/kubernetes/pause',
    tags: tag('3.6', 301773),
    entrypoint: ['/pause'],
    programs: { pause: { memoryMi: 0, sigterm: { afterMs: 1, code: 0 } } },
  },
];

/** What an AKS node image has on disk before any pod runs (for `preloadedImages`). */
export function aksPreloadedImages(kubernetesVersion: string): string[] {
  const t = SYSTEM_IMAGE_TAGS;
  return [t.coredns, t.cpa, t.konnectivity, t.metricsServer, t.addonResizer, t.ipMasq, t.livenessProbe, t.registrar, t.azuredisk, t.azurefile, t.pause, t.kubeProxy(kubernetesVersion), t.cloudNodeManager(kubernetesVersion)];
}
