import { describe, expect, it } from 'vitest';
import { bareEnv, runPod } from '../services/fixtures.js';
import { body, get, ingress, nginxController, service, tlsSecret } from './fixtures.js';
import { request } from '../../src/cluster/services/traffic.js';

function shop() {
  const { env, cluster } = bareEnv();
  nginxController(cluster);
  runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a', image: 'nginx:1.27' });
  runPod(cluster, 'api-1', { labels: { app: 'api' }, node: 'node-b', image: 'registry.k8s.io/echoserver:1.10' });
  runPod(cluster, 'hello-1', { labels: { app: 'hello' }, node: 'node-c', image: 'mcr.microsoft.com/azuredocs/aks-helloworld:v1' });
  service(cluster, 'web', 'web');
  service(cluster, 'api', 'api', 8080);
  service(cluster, 'hello', 'hello');
  service(cluster, 'empty', 'nothing-selects-this');
  cluster.advance(2000);
  return { env, cluster };
}

describe('ingress-nginx routing', () => {
  it('routes by host and path: Exact before Prefix, the longest prefix, whole path elements', () => {
    const { cluster } = shop();
    ingress(cluster, 'shop', [
      {
        host: 'shop.example.com',
        paths: [
          { path: '/', pathType: 'Prefix', service: 'web' },
          { path: '/api', pathType: 'Prefix', service: 'api' },
          { path: '/api/hello', pathType: 'Prefix', service: 'hello' },
          { path: '/api/exact', pathType: 'Exact', service: 'hello' },
        ],
      },
    ]);
    expect(body(get(cluster, 'shop.example.com', '/'))).toContain('200 <!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!');
    expect(body(get(cluster, 'shop.example.com', '/api/items'))).toContain('Hostname: api-1');
    expect(body(get(cluster, 'shop.example.com', '/api/hello/x'))).toContain('Served by pod hello-1');
    expect(body(get(cluster, 'shop.example.com', '/api/exact'))).toContain('Served by pod hello-1');
    // Exact matches only itself; Prefix /api does not match /apix.
    expect(body(get(cluster, 'shop.example.com', '/api/exact/more'))).toContain('Hostname: api-1');
    const apix = get(cluster, 'shop.example.com', '/apix');
    expect(apix.hops.join('\n')).toContain('location / (Prefix) → service web:80');
    expect(body(apix)).toContain('<hr><center>nginx/1.27.5</center>');
    // The backend sees the forwarded headers.
    expect(body(get(cluster, 'shop.example.com', '/api'))).toContain('x-forwarded-host=shop.example.com');
    const r = get(cluster, 'shop.example.com', '/api');
    expect(r.hops.join('\n')).toContain('nginx nginx-0: Ingress default/shop server shop.example.com location /api (Prefix) → service api:80 → endpoint');
  });

  it('matches wildcard hosts, falls back to the default backend, answers 404 with nginx page, 503 without endpoints', () => {
    const { cluster } = shop();
    ingress(cluster, 'wild', [{ host: '*.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'hello' }] }, { host: 'down.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'empty' }] }]);
    ingress(cluster, 'only-default', [], { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, rules: undefined });
    expect(body(get(cluster, 'any.example.com', '/'))).toContain('Served by pod hello-1');
    expect(body(get(cluster, 'other.org', '/'))).toContain('Welcome to nginx!');
    const down = get(cluster, 'down.example.com', '/');
    expect(body(down)).toBe('503 <html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n');
    expect(down.hops.join('\n')).toContain('service default/empty has no ready endpoints → 503');
    cluster.admin.delete('ingresses.networking.k8s.io', 'default', 'only-default');
    expect(body(get(cluster, 'other.org', '/'))).toBe('404 <html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n');
  });

  it('ignores Ingresses of a class it does not serve', () => {
    const { cluster } = shop();
    cluster.admin.create('ingressclasses.networking.k8s.io', undefined, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'other' }, spec: { controller: 'example.com/other' } });
    ingress(cluster, 'elsewhere', [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'web' }] }], { ingressClassName: 'other' });
    expect(get(cluster, 'shop.example.com', '/').ok && (get(cluster, 'shop.example.com', '/') as any).response.status).toBe(404);
  });

  it('TLS: the Secret certificate for its host, the fake certificate without one, and a 308 from HTTP', () => {
    const { env, cluster } = shop();
    tlsSecret(cluster, 'shop-tls');
    ingress(cluster, 'shop', [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'web' }] }, { host: 'nocert.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'web' }] }], {
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }, { hosts: ['nocert.example.com'], secretName: 'missing' }],
    });
    const redirect = get(cluster, 'shop.example.com', '/cart');
    expect(redirect.ok && redirect.response.status).toBe(308);
    expect(redirect.ok && redirect.response.headers.Location).toBe('https://shop.example.com/cart');
    // SNI is the URL's host name; --resolve pins it to the controller pod.
    const client = { kind: 'node' as const, ip: '10.224.0.5', node: 'node-b', namespace: 'default' };
    const secure = request(cluster, client, 'https://shop.example.com:8443/', {}, { resolve: { 'shop.example.com:8443': '10.244.1.200' } });
    expect(secure.ok && secure.response.tls).toMatchObject({ subject: 'CN=shop.example.com', sans: ['shop.example.com'], fake: false, secret: 'default/shop-tls' });
    expect(secure.ok && secure.response.headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    const fake = request(cluster, client, 'https://nocert.example.com:8443/', {}, { resolve: { 'nocert.example.com:8443': '10.244.1.200' } });
    expect(fake.ok && fake.response.tls?.subject).toBe('O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate');
    expect(fake.hops.join('\n')).toContain('secret default/missing was not found: nginx presents its default fake certificate');
    // Plain HTTP to the HTTPS port.
    expect(body(request(cluster, client, 'http://10.244.1.200:8443/', { Host: 'shop.example.com' }))).toContain('400 The plain HTTP request was sent to HTTPS port');
    void env;
  });
});
