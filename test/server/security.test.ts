import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { startServe, type ServeHandle } from '../../src/server/index.js';

function call(h: ServeHandle, method: string, path: string, opts: { token?: string; body?: string | Buffer; contentType?: string; accept?: string } = {}): Promise<{ code: number; json: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${h.url}${path}`,
      {
        method,
        ca: h.caPem,
        headers: {
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.contentType ? { 'Content-Type': opts.contentType } : {}),
          ...(opts.accept ? { Accept: opts.accept } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ code: res.statusCode ?? 0, json, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('serve: security and bad input', () => {
  let h: ServeHandle;
  const env = createEnvironment({ seed: 3 });
  beforeAll(async () => {
    h = await startServe({ world: env.world, port: 0, speed: 0 });
  });
  afterAll(() => h.close());

  it('listens on loopback only by default, over TLS with its own certificate', () => {
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    expect((await call(h, 'GET', '/api/v1/pods')).code).toBe(401);
    const r = await call(h, 'GET', '/api/v1/namespaces/default/pods', { token: 'wrong' });
    expect(r.code).toBe(401);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('enforces RBAC per token: the learner gets 403 where RBAC says so', async () => {
    const r = await call(h, 'DELETE', '/api/v1/nodes/any', { token: h.tokens.learner });
    expect(r.code).toBe(403);
    expect(r.json.message).toBe('nodes "any" is forbidden: User "learner" cannot delete resource "nodes" in API group "" at the cluster scope');
    expect((await call(h, 'GET', '/api/v1/namespaces/default/pods', { token: h.tokens.learner })).code).toBe(200);
  });

  it('rejects malformed JSON, YAML and protobuf bodies with 400 and changes nothing', async () => {
    const before = env.world.cluster('myAKSCluster')!.store.revision;
    const bad = [
      { body: '{"kind": "ConfigMap", ', contentType: 'application/json' },
      { body: 'a: [unclosed', contentType: 'application/yaml' },
      { body: Buffer.from([1, 2, 3, 4, 5]), contentType: 'application/vnd.kubernetes.protobuf' },
    ];
    for (const b of bad) {
      const r = await call(h, 'POST', '/api/v1/namespaces/default/configmaps', { token: h.tokens.admin, ...b });
      expect(r.code).toBe(400);
      expect(r.json.kind).toBe('Status');
    }
    expect(env.world.cluster('myAKSCluster')!.store.revision).toBe(before);
  });

  it('answers 413 for an oversized body', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { x: 'y'.repeat(4 * 1024 * 1024) } });
    const r = await call(h, 'POST', '/api/v1/namespaces/default/configmaps', { token: h.tokens.admin, body: big, contentType: 'application/json' });
    expect(r.code).toBe(413);
  });

  it('serves aggregated discovery with the exact content type', async () => {
    const r = await call(h, 'GET', '/apis', { token: h.tokens.admin, accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(r.json.items.map((i: any) => i.metadata.name)).toContain('apps');
  });

  it('returns Tables for as=Table and Status 404 for unknown paths', async () => {
    env.world.cluster('myAKSCluster')!.admin.create('configmaps', 'default', { metadata: { name: 'cm1' } });
    const t = await call(h, 'GET', '/api/v1/namespaces/default/configmaps', { token: h.tokens.admin, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(t.json.kind).toBe('Table');
    expect(t.json.rows[0].object.metadata.name).toBe('cm1');
    const nf = await call(h, 'GET', '/apis/nope.example.com/v1/things', { token: h.tokens.admin });
    expect(nf.code).toBe(404);
  });

  it('survives a flood of concurrent requests with the cluster intact', async () => {
    const reqs = Array.from({ length: 300 }, (_, i) =>
      call(h, 'POST', '/api/v1/namespaces/default/configmaps', { token: h.tokens.admin, contentType: 'application/json', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `flood-${i % 150}` } }) }),
    );
    const codes = (await Promise.all(reqs)).map((r) => r.code);
    expect(codes.filter((c) => c === 201)).toHaveLength(150);
    expect(codes.filter((c) => c === 409)).toHaveLength(150);
    const list = env.world.cluster('myAKSCluster')!.admin.items('configmaps', 'default');
    expect(list.filter((c) => c.metadata!.name!.startsWith('flood-'))).toHaveLength(150);
  });
});
