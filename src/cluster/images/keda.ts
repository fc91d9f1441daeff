/** The images of the AKS KEDA add-on (mcr.microsoft.com/aks/keda). */
import type { ImageSpec, ProgramSpec } from './types.js';

const V = '2.17.2';
export const KEDA_IMAGES = {
  operator: `mcr.microsoft.com/aks/keda/keda:${V}`,
  metricsApiserver: `mcr.microsoft.com/aks/keda/keda-metrics-apiserver:${V}`,
  webhooks: `mcr.microsoft.com/aks/keda/keda-admission-webhooks:${V}`,
} as const;

const program = (lines: string[], ports: number[], memoryMi: number, cpuMilli: number): ProgramSpec => ({ lines, ports, readyAfterMs: 3000, memoryMi, cpuMilli, http: {}, sigterm: { afterMs: 100, code: 0 } });
const tag = (size: number) => ({ [V]: { size, version: V } });

export const kedaImages: ImageSpec[] = [
  {
    repository: 'mcr.microsoft.com/aks/keda/keda',
    tags: tag(45102334),
    entrypoint: ['/keda'],
    programs: { keda: program([`{{time:iso}}\tINFO\tsetup\tStarting manager`, `{{time:iso}}\tINFO\tsetup\tKEDA Version: ${V}`, '{{time:iso}}\tINFO\tsetup\tRunning on Kubernetes 1.35', '@+2000 {{time:iso}}\tINFO\tStarting workers\t{"controller": "scaledobject", "worker count": 5}'], [8080, 9666], 60, 4) },
  },
  {
    repository: 'mcr.microsoft.com/aks/keda/keda-metrics-apiserver',
    tags: tag(43881027),
    entrypoint: ['/keda-adapter'],
    programs: { 'keda-adapter': program([`{{time:klog}}       1 main.go:146] keda_metrics_adapter "msg"="KEDA Version: ${V}"`, '{{time:klog}}       1 secure_serving.go:213] Serving securely on [::]:6443'], [6443, 8080], 40, 2) },
  },
  {
    repository: 'mcr.microsoft.com/aks/keda/keda-admission-webhooks',
    tags: tag(39221460),
    entrypoint: ['/keda-admission-webhooks'],
    programs: { 'keda-admission-webhooks': program([`{{time:iso}}\tINFO\tsetup\tStarting admission webhooks`, `{{time:iso}}\tINFO\tsetup\tKEDA Version: ${V}`, '{{time:iso}}\tINFO\tcontroller-runtime.webhook\tServing webhook server\t{"host": "", "port": 9443}'], [9443, 8081], 20, 1) },
  },
];
