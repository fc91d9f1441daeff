/**
 * A second real client: @kubernetes/client-node (the official JavaScript
 * client) lists, creates, watches and runs an informer through serve, with the
 * kubeconfig serve writes (bearer token, CA data) and the learner's RBAC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { createEnvironment } from '../../src/commands/environment.js';
import { harness, type Harness } from './kubectl-harness.js';

describe('@kubernetes/client-node against serve', () => {
  let h: Harness;
  const env = createEnvironment({ seed: 15 });
  const kc = new k8s.KubeConfig();
  beforeAll(async () => {
    h = await harness(env.world);
    kc.loadFromString(h.serve.kubeconfig);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads the version and lists nodes and kube-system pods', async () => {
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(env.world.all()[0]!.admin.items('nodes').map((n) => n.metadata?.name));
    const pods = await core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' });
    expect(pods.items.length).toBeGreaterThan(0);
    expect(pods.items.every((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns')).toBe(true);
  });

  it('creates a Deployment and watches its pods arrive', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const seen: string[] = [];
    let done!: () => void;
    const twoPods = new Promise<void>((resolve) => (done = resolve));
    const watch = new k8s.Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/pods',
      { labelSelector: 'app=hello' },
      (type, obj: k8s.V1Pod) => {
        if (type === 'ADDED') seen.push(obj.metadata?.name ?? '');
        if (seen.length === 2) done();
      },
      () => undefined,
    );
    const created = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'hello', labels: { app: 'hello' } },
        spec: { replicas: 2, selector: { matchLabels: { app: 'hello' } }, template: { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
      },
    });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.spec?.strategy?.type).toBe('RollingUpdate');
    env.world.advance(5_000);
    await twoPods;
    req.abort();
    expect(seen.every((n) => n.startsWith('hello-'))).toBe(true);
    const dep = await apps.readNamespacedDeployment({ namespace: 'default', name: 'hello' });
    expect(dep.status?.replicas).toBe(2);
  });

  it('keeps an informer cache in step with changes', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    // ListWatch is the informer makeInformer returns, with its cache readable.
    const informer = new k8s.ListWatch<k8s.V1ConfigMap>('/api/v1/namespaces/default/configmaps', new k8s.Watch(kc), () => core.listNamespacedConfigMap({ namespace: 'default' }), false);
    const added: string[] = [];
    let done!: () => void;
    const gotIt = new Promise<void>((resolve) => (done = resolve));
    informer.on('add', (cm) => {
      added.push(cm.metadata?.name ?? '');
      if (cm.metadata?.name === 'colors') done();
    });
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'colors' }, data: { sky: 'blue' } } });
    await gotIt;
    await informer.stop();
    expect(added).toContain('kube-root-ca.crt');
    expect(informer.get('colors', 'default')?.data).toEqual({ sky: 'blue' });
  });

  it('answers the learner with 403 where RBAC says so, as an ApiException', async () => {
    const learner = new k8s.KubeConfig();
    learner.loadFromString(h.serve.kubeconfig);
    learner.setCurrentContext(`${env.world.all()[0]!.name}-learner`);
    const core = learner.makeApiClient(k8s.CoreV1Api);
    const err = await core.createNamespace({ body: { metadata: { name: 'nope' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect((err as k8s.ApiException<unknown>).code).toBe(403);
    expect(String((err as k8s.ApiException<string>).body)).toContain('cannot create resource \\"namespaces\\"');
  });
});
