/** Ingress test fixtures: a hand-run ingress-nginx controller pod on a bare cluster, Ingress objects, and a TLS Secret from a real certificate. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../../src/cluster/cluster.js';
import { setReady } from '../services/fixtures.js';
import { request, type TrafficResult } from '../../src/cluster/services/traffic.js';
import { APP_ROUTING_CLASS, APP_ROUTING_CONTROLLER, NGINX_CONTROLLER_IMAGE } from '../../src/cluster/services/ingress/app-routing.js';

export const CONTROLLER_IP = '10.244.1.200';

/** An ingress-nginx pod (as app routing runs it: HTTP on 8080, HTTPS on 8443) and its IngressClass. */
export function nginxController(cluster: Cluster): void {
  cluster.admin.create('ingressclasses.networking.k8s.io', undefined, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: APP_ROUTING_CLASS }, spec: { controller: APP_ROUTING_CONTROLLER } });
  cluster.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app-routing-system' } });
  cluster.admin.create('pods', 'app-routing-system', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx-0', labels: { app: 'nginx' } },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: NGINX_CONTROLLER_IMAGE, args: ['/nginx-ingress-controller', `--controller-class=${APP_ROUTING_CONTROLLER}`, '--http-port=8080', '--https-port=8443'] }] },
  });
  setReady(cluster, 'nginx-0', true, 'app-routing-system', CONTROLLER_IP);
}

type Path = { path: string; pathType: string; service: string; port?: number };

export function ingress(cluster: Cluster, name: string, rules: { host?: string; paths: Path[] }[], extra: Record<string, unknown> = {}): void {
  const r = cluster.admin.create('ingresses.networking.k8s.io', 'default', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name },
    spec: {
      ingressClassName: APP_ROUTING_CLASS,
      rules: rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: { service: { name: p.service, port: { number: p.port ?? 80 } } } })) } })),
      ...extra,
    },
  });
  if (!r.ok) throw new Error(r.status.message);
}

export function service(cluster: Cluster, name: string, app: string, targetPort = 80): void {
  cluster.admin.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app }, ports: [{ port: 80, targetPort }] } });
}

export function tlsSecret(cluster: Cluster, name: string): void {
  const read = (f: string) => Buffer.from(readFileSync(fileURLToPath(new URL(`fixtures/${f}`, import.meta.url)))).toString('base64');
  cluster.admin.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/tls', data: { 'tls.crt': read('shop.crt'), 'tls.key': read('shop.key') } });
}

/** A request from node-b straight to the controller pod (as its Service would deliver it). */
export function get(cluster: Cluster, host: string, path: string, https = false): TrafficResult {
  return request(cluster, { kind: 'node', ip: '10.224.0.5', node: 'node-b', namespace: 'default' }, `${https ? 'https' : 'http'}://${CONTROLLER_IP}:${https ? 8443 : 8080}${path}`, { Host: host });
}

export function body(r: TrafficResult): string {
  return r.ok ? `${r.response.status} ${r.response.body}` : `ERR ${r.message}`;
}
