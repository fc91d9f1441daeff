import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { harness, hasKubectl, writeFile, type Harness } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;
if (!hasKubectl) console.warn('skipping serve/kubectl tests: /usr/bin/kubectl is not installed');

d('real kubectl against kubedojo serve', () => {
  let h: Harness;
  const env = createEnvironment({ seed: 7 });
  beforeAll(async () => {
    h = await harness(env.world);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reports the server version and discovers every served resource', async () => {
    const v = await h.kubectl(['version']);
    expect(v.stdout).toMatch(/Server Version: v1\.\d+\.\d+/);
    const r = await h.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(r.stdout).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
  });

  it('creates through protobuf bodies and stores what kubectl sent', async () => {
    const r = await h.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web created');
    const d = env.world.cluster('myAKSCluster')!.store.get('/registry/deployments/default/web')!.value as any;
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect((await h.kubectl(['create', 'namespace', 'dev'])).stdout.trim()).toBe('namespace/dev created');
    expect((await h.kubectl(['create', 'configmap', 'cfg', '--from-literal=a=1'])).stdout.trim()).toBe('configmap/cfg created');
    expect((await h.kubectl(['create', 'secret', 'generic', 's1', '--from-literal=pw=hunter2'])).stdout.trim()).toBe('secret/s1 created');
    const s = env.world.cluster('myAKSCluster')!.store.get('/registry/secrets/default/s1')!.value as any;
    expect(Buffer.from(s.data.pw, 'base64').toString()).toBe('hunter2');
    expect((await h.kubectl(['create', 'serviceaccount', 'robot'])).stdout.trim()).toBe('serviceaccount/robot created');
  });

  it('applies with server-side field validation, then patches, labels and scales', async () => {
    const f = writeFile(h.dir, 'demo.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: demo}\n  template:\n    metadata:\n      labels: {app: demo}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n');
    expect((await h.kubectl(['apply', '-f', f])).stdout.trim()).toBe('deployment.apps/demo created');
    expect((await h.kubectl(['apply', '-f', f])).stdout.trim()).toBe('deployment.apps/demo unchanged');
    expect((await h.kubectl(['label', 'deployment', 'demo', 'tier=web'])).stdout.trim()).toBe('deployment.apps/demo labeled');
    expect((await h.kubectl(['scale', 'deployment', 'demo', '--replicas=3'])).stdout.trim()).toBe('deployment.apps/demo scaled');
    const j = await h.kubectl(['get', 'deployment', 'demo', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.tier}']);
    expect(j.stdout).toBe('3 web');
    const ssa = await h.kubectl(['apply', '--server-side', '-f', f]);
    expect(ssa.stdout.trim()).toBe('deployment.apps/demo serverside-applied');
  });

  it('prints server errors as kubectl does', async () => {
    const nf = await h.kubectl(['get', 'pod', 'nope']);
    expect(nf.code).toBe(1);
    expect(nf.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
    const bad = writeFile(h.dir, 'bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n');
    const inv = await h.kubectl(['apply', '-f', bad]);
    expect(inv.code).toBe(1);
    expect(inv.stderr).toContain('The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
  });

  it('answers auth can-i and whoami for the admin and the restricted learner', async () => {
    expect((await h.kubectl(['auth', 'can-i', 'delete', 'nodes'])).stdout.trim()).toBe('yes');
    const learnerNodes = await h.kubectl(['auth', 'can-i', 'delete', 'nodes'], { context: 'myAKSCluster-learner' });
    expect(learnerNodes.stdout.trim()).toBe('no');
    expect(learnerNodes.code).toBe(1);
    expect((await h.kubectl(['auth', 'can-i', 'create', 'deployments'], { context: 'myAKSCluster-learner' })).stdout.trim()).toBe('yes');
    const who = await h.kubectl(['auth', 'whoami'], { context: 'myAKSCluster-learner' });
    expect(who.stdout).toMatch(/Username\s+learner/);
    const denied = await h.kubectl(['delete', 'namespace', 'dev'], { context: 'myAKSCluster-learner' });
    expect(denied.stderr.trim()).toBe('Error from server (Forbidden): namespaces "dev" is forbidden: User "learner" cannot delete resource "namespaces" in API group "" at the cluster scope');
  });

  it('streams watch events to get -w and ends with the server timeout', async () => {
    const p = h.kubectl(['get', 'configmaps', '-w', '--request-timeout=1s']);
    setTimeout(() => env.world.cluster('myAKSCluster')!.admin.create('configmaps', 'default', { metadata: { name: 'late' }, data: { x: '1' } }), 200);
    const r = await p;
    expect(r.stdout).toMatch(/^cfg\s/m);
    expect(r.stdout).toMatch(/^late\s/m);
  });

  it('deletes and sees the object gone', async () => {
    expect((await h.kubectl(['delete', 'configmap', 'cfg'])).stdout.trim()).toBe('configmap "cfg" deleted');
    expect(env.world.cluster('myAKSCluster')!.store.get('/registry/configmaps/default/cfg')).toBeUndefined();
  });

  it('shows the typed kubectl command in the trace', () => {
    const cmds = env.world.cluster('myAKSCluster')!.trace.since().filter((e) => e.type === 'request' && e.command);
    expect(cmds.some((e) => e.type === 'request' && e.command === 'kubectl create deployment')).toBe(true);
  });
});
