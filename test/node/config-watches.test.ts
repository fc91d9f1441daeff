/**
 * The kubelet reads ConfigMaps, Secrets and Services through its own watches
 * (ConfigMapAndSecretChangeDetectionStrategy=Watch and its service
 * informer): one list+watch per resource, then no GET or LIST per pod sync.
 */
import { describe, expect, it } from 'vitest';
import type { RequestTrace } from '../../src/cluster/trace.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { createPod, cs, nodeCluster } from './helpers.js';

function kubeletRequests(c: Cluster, after: number): string[] {
  return c.trace
    .since(after)
    .filter((e): e is RequestTrace => e.type === 'request' && e.user === 'system:node:node-1' && ['configmaps', 'secrets', 'services'].includes(e.resource))
    .map((e) => `${e.verb} ${e.resource}${e.verb === 'watch' && e.name ? ` ${e.name}` : ''}`);
}

function env(c: Cluster, pod: string): Record<string, string> {
  const r = c.api.kubeletFor('node-1')!.exec('default', pod, {}, ['env'], undefined, undefined);
  if (!r.ok) throw new Error(r.status.message);
  return Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('kubelet: config through watches', () => {
  it('refreshes a ConfigMap volume and builds service variables without a GET or LIST per sync', () => {
    const { c } = nodeCluster();
    c.admin.create('configmaps', 'default', { metadata: { name: 'cfg' }, data: { greeting: 'hello' } });
    c.admin.create('secrets', 'default', { metadata: { name: 'pw' }, stringData: { password: 's3cret' } });
    c.admin.create('services', 'default', { metadata: { name: 'redis-primary' }, spec: { clusterIP: '10.0.12.34', selector: { app: 'redis' }, ports: [{ name: 'redis', port: 6379 }] } });
    const seq = c.trace.lastSeq;
    createPod(c, 'app', {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'pw', key: 'password' } } }, { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'greeting' } } }],
          volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
    });
    c.advance(20_000);
    expect(cs(c, 'app')?.state?.running).toBeDefined();
    const vars = env(c, 'app');
    expect(vars).toMatchObject({
      PASSWORD: 's3cret',
      GREETING: 'hello',
      REDIS_PRIMARY_SERVICE_HOST: '10.0.12.34',
      REDIS_PRIMARY_SERVICE_PORT: '6379',
      REDIS_PRIMARY_SERVICE_PORT_REDIS: '6379',
      REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp',
      KUBERNETES_SERVICE_PORT: '443',
    });
    c.admin.patch('configmaps', 'default', 'cfg', { data: { greeting: 'bonjour' } });
    c.advance(5 * 60_000);
    const cat = c.api.kubeletFor('node-1')!.exec('default', 'app', {}, ['cat', '/etc/cfg/greeting'], undefined, undefined);
    expect(cat.ok && cat.stdout).toBe('bonjour');
    // One watch per ConfigMap or Secret the pod refers to (as upstream's watch-based manager: a
    // fieldSelector on the name, so other objects' writes reach no kubelet: here cfg, and
    // kube-root-ca.crt for the service account token volume), one on all Services;
    // none per sync or per refresh.
    const reqs = kubeletRequests(c, seq);
    expect(reqs.filter((r) => r.startsWith('get') || r.startsWith('list'))).toEqual([]);
    expect(reqs.sort()).toEqual(['watch configmaps cfg', 'watch configmaps kube-root-ca.crt', 'watch secrets pw', 'watch services']);
  });

  it('still reports a missing ConfigMap key as CreateContainerConfigError, and starts once it appears', () => {
    const { c } = nodeCluster();
    createPod(c, 'app', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], envFrom: [{ configMapRef: { name: 'later' } }] }] });
    c.advance(5_000);
    expect(cs(c, 'app')?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "later" not found' });
    c.admin.create('configmaps', 'default', { metadata: { name: 'later' }, data: { MODE: 'on' } });
    c.advance(15_000);
    expect(cs(c, 'app')?.state?.running).toBeDefined();
    expect(env(c, 'app').MODE).toBe('on');
  });
});
