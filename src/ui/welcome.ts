/** The first lines in the output pane: what is running and how to start. */
import type { Environment } from '../commands/environment.js';

export function welcomeLines(env: Environment): string[] {
  const cluster = env.session.cluster();
  return [
    `AKS cluster ${cluster?.name ?? '?'} is running inside kubedojo on a simulated clock.`,
    'Control plane: kube-apiserver, etcd, kube-scheduler, kube-controller-manager.',
    'Type help to start, or try: kubectl get nodes   (clock pause | step | speed 10x)',
  ];
}
