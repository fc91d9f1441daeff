/**
 * Real kubectl (/usr/bin/kubectl) as the golden reference. Its client-side
 * generators mostly work offline; the ones that map resource names (`create
 * role`, `run`) need discovery, so a tiny HTTP server serves legacy discovery
 * built from kubedojo's own registry. Tests skip when kubectl is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../../src/cluster/cluster.js';

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = existsSync(KUBECTL);

export interface RealKubectl {
  run(args: string[], files?: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }>;
  dir: string;
  close(): Promise<void>;
}

function discoveryDocs(): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  const defs = new Cluster().registry.all();
  const groups = new Map<string, string[]>();
  for (const d of defs) {
    const gv = d.group ? `${d.group}/${d.version}` : d.version;
    if (!groups.has(gv)) groups.set(gv, []);
  }
  docs.set('/api', { kind: 'APIVersions', versions: ['v1'] });
  const apis = [...groups.keys()].filter((g) => g.includes('/'));
  docs.set('/apis', { kind: 'APIGroupList', apiVersion: 'v1', groups: apis.map((gv) => ({ name: gv.split('/')[0], versions: [{ groupVersion: gv, version: gv.split('/')[1] }], preferredVersion: { groupVersion: gv, version: gv.split('/')[1] } })) });
  for (const gv of groups.keys()) {
    const resources = defs
      .filter((d) => (d.group ? `${d.group}/${d.version}` : d.version) === gv)
      .flatMap((d) => [
        { name: d.plural, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], ...(d.shortNames ? { shortNames: d.shortNames } : {}), ...(d.categories ? { categories: d.categories } : {}) },
        ...(d.subresources ?? []).map((s) => ({ name: `${d.plural}/${s}`, singularName: '', namespaced: d.namespaced, kind: d.kind, verbs: ['get', 'create', 'update', 'patch'] })),
      ]);
    docs.set(gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources });
  }
  return docs;
}

export async function startRealKubectl(): Promise<RealKubectl> {
  const docs = discoveryDocs();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const doc = docs.get(path);
    if (!doc) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(doc));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-golden-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters: [{name: fake, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: learner, user: {}}]\ncontexts: [{name: fake, context: {cluster: fake, user: learner, namespace: default}}]\ncurrent-context: fake\n`,
  );
  return {
    dir,
    run(args, files = {}) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return new Promise((resolve) => {
        execFile(KUBECTL, args, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: kubeconfig } }, (err, stdout, stderr) => {
          resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
        });
      });
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
