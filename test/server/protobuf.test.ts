import { createServer } from 'node:https';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../src/server/cert.js';
import { decodeProtobufBody } from '../../src/server/protobuf.js';
import { hasKubectl, KUBECTL } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;

/** Run kubectl against a server that records the first POST body and answers 201 {}. */
async function capture(args: string[]): Promise<{ body: Buffer; contentType: string }> {
  const cert = selfSignedCertificate();
  let got: { body: Buffer; contentType: string } | undefined;
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && !got) got = { body: Buffer.concat(chunks), contentType: String(req.headers['content-type']) };
      res.writeHead(req.method === 'POST' ? 201 : 404, { 'Content-Type': 'application/json' });
      res.end(req.method === 'POST' ? JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success' }) : '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-pb-'));
  const kc = join(dir, 'config');
  writeFileSync(
    kc,
    `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", certificate-authority-data: ${Buffer.from(cert.cert).toString('base64')}}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: c\n`,
  );
  await new Promise<void>((r) => execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: kc, HOME: dir } }, () => r()));
  server.close();
  if (!got) throw new Error(`kubectl ${args.join(' ')} sent no POST`);
  return got;
}

function dryRunJson(args: string[]): Promise<Record<string, unknown>> {
  const dash = args.indexOf('--');
  const full = dash < 0 ? [...args, '--dry-run=client', '-o', 'json'] : [...args.slice(0, dash), '--dry-run=client', '-o', 'json', ...args.slice(dash)];
  return new Promise((r) => execFile(KUBECTL, full, (_e, out) => r(JSON.parse(out) as Record<string, unknown>)));
}

/** kubectl's JSON carries `creationTimestamp: null`, empty status/strategy; the decoded body omits nulls. */
function normalize(o: unknown): unknown {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (v === null ? undefined : v)));
}

d('protobuf request bodies from kubectl 1.32', () => {
  const cases: string[][] = [
    ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=8080'],
    ['create', 'deployment', 'cmd', '--image=busybox', '--', 'sleep', '3600'],
    ['create', 'namespace', 'dev'],
    ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'],
    ['create', 'secret', 'generic', 's1', '--from-literal=pw=hunter2'],
    ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'],
    ['create', 'serviceaccount', 'robot'],
  ];
  for (const args of cases) {
    it(`decodes \`kubectl ${args.join(' ')}\` to what kubectl's own JSON says`, async () => {
      const { body, contentType } = await capture(args);
      expect(contentType).toBe('application/vnd.kubernetes.protobuf');
      const decoded = decodeProtobufBody(body);
      expect(decoded.ok).toBe(true);
      expect(normalize(decoded.ok && decoded.value)).toEqual(normalize(await dryRunJson(args)));
    });
  }

  it('decodes auth can-i (SelfSubjectAccessReview)', async () => {
    // The capture server has no discovery, so kubectl sends the resource as typed.
    const { body } = await capture(['auth', 'can-i', 'create', 'deployments', '-n', 'dev']);
    const r = decodeProtobufBody(body);
    expect(r.ok && r.value).toMatchObject({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'dev', verb: 'create', resource: 'deployments' } } });
  });

  it('rejects bodies without the k8s magic and truncated messages', () => {
    expect(decodeProtobufBody(Buffer.from('{"kind":"Pod"}')).ok).toBe(false);
    expect(decodeProtobufBody(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f, 0x01])).ok).toBe(false);
  });
});
