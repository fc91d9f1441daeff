/**
 * Verbs kubedojo knows by name but cannot emulate (they need a real network,
 * real containers or a real filesystem). They say so plainly instead of
 * pretending, and are still suggested for typos as kubectl would.
 */
import type { Verb } from './verb.js';

function notHere(name: string, short: string, why: string): Verb {
  return {
    name,
    short,
    flags: [],
    run(env) {
      env.ctx.err(`kubedojo: "kubectl ${name}" is not available here: ${why}`);
      return 1;
    },
  };
}

export const UNAVAILABLE = {
  certificate: notHere('certificate', 'Modify certificate resources', 'the cluster has no certificate signing controller.'),
  attach: notHere('attach', 'Attach to a running container', 'containers are simulated; use "kubectl logs" or "kubectl exec" instead.'),
  portForward: notHere('port-forward', 'Forward one or more local ports to a pod', 'it needs a real network connection to a pod.'),
  proxy: notHere('proxy', 'Run a proxy to the Kubernetes API server', 'it needs a real network listener; try "kubedojo serve" to reach the API with real kubectl.'),
  cp: notHere('cp', 'Copy files and directories to and from containers', 'containers have no real filesystem here.'),
  debug: notHere('debug', 'Create debugging sessions for troubleshooting workloads and nodes', 'ephemeral containers are not simulated.'),
  kustomize: notHere('kustomize', 'Build a kustomization target from a directory or URL', 'kustomize is not built in.'),
  completion: notHere('completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)', 'the kubedojo prompt completes commands with Tab by itself.'),
  plugin: notHere('plugin', 'Provides utilities for interacting with plugins', 'plugins are not supported.'),
};
