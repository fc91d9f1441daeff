/**
 * `npm run bench [-- <group>]`: prints figures and ratios, never asserts.
 * Each group lives in its own file and registers here.
 */
import '../src/gc-tuning.js';
import { apiBench } from './api.js';
import { serveBench } from './serve.js';
import { aksBench } from './aks.js';
import { uiBench } from './ui.js';
import { workloadsBench } from './workloads.js';
import { kubeletBench } from './kubelet.js';
import { kubectlBench } from './kubectl.js';
import { schedulerBench } from './scheduler.js';
import { autoscalingBench } from './autoscaling.js';
import { storageBench } from './storage.js';
import { kedaBench } from './keda.js';
import { servicesBench } from './services.js';

const groups: Record<string, () => void | Promise<void>> = {
  aks: aksBench,
  api: apiBench,
  serve: serveBench,
  ui: uiBench,
  workloads: workloadsBench,
  kubelet: kubeletBench,
  kubectl: kubectlBench,
  scheduler: schedulerBench,
  autoscaling: autoscalingBench,
  storage: storageBench,
  keda: kedaBench,
  services: servicesBench,
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, fn] of Object.entries(groups)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await fn();
}
