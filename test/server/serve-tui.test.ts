/**
 * `kubedojo --serve` without a TTY: the TUI's session controller and serve
 * in one process on one world. A request from a real client over HTTPS
 * changes what the session's feed shows (map, trace), commands typed in the
 * session see the client's objects, and the status line says a client is
 * connected. The controller drives the clock (serve's own ticker is off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvironment } from '../../src/commands/environment.js';
import { SessionController } from '../../src/ui/session-controller.js';
import { serveAlongside, type AlongsideServe } from '../../src/server/cli.js';

function call(serve: AlongsideServe, method: string, path: string, body?: unknown): Promise<{ code: number; json: Record<string, unknown> }> {
  const url = new URL(path, serve.handle.url);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: serve.handle.caPem, headers: { authorization: `Bearer ${serve.handle.tokens.admin}`, 'content-type': 'application/json', 'user-agent': 'kubectl/v1.32.2 (linux/amd64) kubernetes/test', 'kubectl-command': 'kubectl create deployment' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('kubedojo --serve: the session and serve on one world', () => {
  const env = createEnvironment({ seed: 16 });
  const controller = new SessionController(env);
  let serve: AlongsideServe;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-tui-serve-'));
    const r = await serveAlongside(() => controller.env.world, { port: 0, kubeconfigPath: join(dir, 'kubeconfig') });
    if (!r.ok) throw new Error(r.error);
    serve = r.value;
    controller.attachServe(() => ({ url: serve.handle.url, kubeconfigPath: serve.kubeconfigPath, ...serve.handle.stats() }));
  });
  afterAll(async () => {
    await serve.handle.close();
    controller.dispose();
  });

  it('tells where the kubeconfig is, and writes it', () => {
    expect(serve.lines.join('\n')).toContain(`export KUBECONFIG=${serve.kubeconfigPath}`);
    expect(readFileSync(serve.kubeconfigPath, 'utf8')).toContain(serve.handle.url);
    expect(controller.serve.getSnapshot()).toMatchObject({ requests: 0, url: serve.handle.url });
  });

  it('a create over HTTPS shows up in the feed, the trace and typed commands', async () => {
    const podsBefore = controller.feed.snapshot.getSnapshot().podCount;
    const r = await call(serve, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'from-kubectl' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'from-kubectl' } }, template: { metadata: { labels: { app: 'from-kubectl' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    expect(r.code).toBe(201);
    // The session's clock tick publishes one frame: the new pods are on the map.
    controller.tick(2_000);
    const snap = controller.feed.snapshot.getSnapshot();
    expect(snap.podCount).toBe(podsBefore + 2);
    const onNodes = snap.pools.flatMap((p) => p.nodes.flatMap((n) => n.pods.map((c) => c.name)));
    expect(onNodes.filter((n) => n.startsWith('from-kubectl-'))).toHaveLength(2);
    const stories = controller.feed.trace.getSnapshot().stories;
    expect(stories.some((s) => s.component === 'kubectl' && s.text === 'created Deployment from-kubectl')).toBe(true);
    expect(controller.serve.getSnapshot()).toMatchObject({ requests: 1, client: 'kubectl/v1.32.2' });

    controller.advance(30_000);
    expect(controller.run('kubectl get deployment from-kubectl')).toBe(0);
    const out = controller.output.getSnapshot().lines.map((l) => l.text).join('\n');
    expect(out).toMatch(/from-kubectl\s+2\/2\s+2\s+2/);
  });

  it('a command typed in the session is seen by the client', async () => {
    expect(controller.run('kubectl create configmap typed --from-literal=k=v')).toBe(0);
    const r = await call(serve, 'GET', '/api/v1/namespaces/default/configmaps/typed');
    expect(r.code).toBe(200);
    expect(r.json.data).toEqual({ k: 'v' });
  });
});
