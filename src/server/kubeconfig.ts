/**
 * The kubeconfig `serve` writes: its own file (never ~/.kube/config unless
 * asked), one context per kubedojo cluster, an admin user and a restricted
 * learner user, each with a bearer token; the server's certificate as CA data.
 */
import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  server: string;
}

export function kubeconfigYaml(clusters: KubeconfigCluster[], caPem: string, tokens: { admin: string; learner: string }, current: string): string {
  const ca = Buffer.from(caPem).toString('base64');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map((c) => ({ name: c.name, cluster: { server: c.server, 'certificate-authority-data': ca } })),
    users: [
      { name: 'kubedojo-admin', user: { token: tokens.admin } },
      { name: 'kubedojo-learner', user: { token: tokens.learner } },
    ],
    contexts: [
      ...clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: 'kubedojo-admin', namespace: 'default' } })),
      ...clusters.map((c) => ({ name: `${c.name}-learner`, context: { cluster: c.name, user: 'kubedojo-learner', namespace: 'default' } })),
    ],
    'current-context': current,
    preferences: {},
  };
  return stringify(doc);
}
