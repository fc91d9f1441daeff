/**
 * `kubedojo serve`: the world's clusters behind a Kubernetes-compatible HTTPS
 * API on loopback, so real kubectl (and any client) can drive them. The clock
 * runs in real time (× speed) unless a test drives it.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Duplex } from 'node:stream';
import type { World } from '../cluster/world.js';
import type { Cluster } from '../cluster/cluster.js';
import type { UserInfo } from '../cluster/api/types.js';
import { selfSignedCertificate } from './cert.js';
import { handle, bearerToken, type HandlerContext } from './handler.js';
import { parseRoute } from './route.js';
import { ExecServer } from './exec.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { sendStatus, status } from './respond.js';
import type { SchemaSource } from './openapi.js';

export interface ServeOptions {
  /** The world to serve; a getter follows a world that is rebuilt (lessons under `kubedojo --serve`). */
  world: World | (() => World);
  port?: number;
  /** Bind address; anything but loopback must be asked for explicitly. */
  address?: string;
  /** Simulated seconds per real second; 0 leaves the clock to the caller (tests). */
  speed?: number;
  kubeconfigPath?: string;
  /** The Kubernetes version a cluster reports on /version. */
  versionOf?: (c: Cluster) => string;
  schemaOf?: SchemaSource;
}

export interface ServeHandle {
  url: string;
  port: number;
  tokens: { admin: string; learner: string };
  caPem: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  /** The server URL of a cluster (`…/clusters/<name>` for all but the first). */
  serverFor(cluster: string): string;
  /** Authenticated requests so far, and the client that sent the last one (`kubectl/v1.32.2`). */
  stats(): { requests: number; client?: string };
  close(): Promise<void>;
}

export const ADMIN_USER: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
export const LEARNER_USER: UserInfo = { username: 'learner', groups: ['system:authenticated'] };
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(address: string): boolean {
  return LOOPBACK.has(address) || address.startsWith('127.');
}

export async function startServe(o: ServeOptions): Promise<ServeHandle> {
  const worldOf = typeof o.world === 'function' ? o.world : ((w: World) => () => w)(o.world);
  const stats: { requests: number; client?: string } = { requests: 0 };
  const address = o.address ?? '127.0.0.1';
  const cert = selfSignedCertificate(isLoopback(address) ? [] : [address]);
  const tokens = { admin: randomBytes(24).toString('hex'), learner: randomBytes(24).toString('hex') };
  const prepared = new WeakSet<Cluster>();
  const prepare = (c: Cluster) => {
    if (prepared.has(c)) return;
    prepared.add(c);
    c.api.addToken(tokens.admin, ADMIN_USER);
    c.api.addToken(tokens.learner, LEARNER_USER);
    grantLearner(c);
  };
  const closers = new Set<() => void>();
  const register = (close: () => void) => {
    closers.add(close);
    return () => closers.delete(close);
  };
  const exec = new ExecServer();
  let served: World | undefined;
  let offWorld: () => void = () => {};
  let followWorld: () => World = worldOf;
  const speed = o.speed ?? 1;
  const settle = () => worldOf().runUntilIdle();
  const pick = (path: string): { cluster: Cluster | undefined; rest: string } => {
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
    const world = followWorld();
    if (m) return { cluster: world.cluster(decodeURIComponent(m[1]!)), rest: m[2] ?? '/' };
    return { cluster: world.all()[0], rest: path };
  };
  const contextFor = (cluster: Cluster): HandlerContext => ({
    cluster,
    gitVersion: o.versionOf?.(cluster) ?? 'v1.32.0',
    schemaOf: o.schemaOf ?? (() => undefined),
    register,
    settle,
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://kubedojo');
    const { cluster, rest } = pick(url.pathname);
    if (!cluster) return sendStatus(res, status(404, 'NotFound', 'the server could not find the requested resource'));
    prepare(cluster);
    const token = bearerToken(req);
    if (token && cluster.api.userForToken(token)) {
      stats.requests++;
      stats.client = String(req.headers['user-agent'] ?? '').split(' ')[0] || undefined;
    }
    handle(contextFor(cluster), req, res, rest, url.searchParams).catch((e: unknown) => {
      if (!res.headersSent) sendStatus(res, status(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
      else res.end();
    });
  };

  const server: Server = createServer({ key: cert.key, cert: cert.cert }, onRequest);
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 2_000;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://kubedojo');
    const { cluster, rest } = pick(url.pathname);
    const route = parseRoute(rest);
    const token = bearerToken(req);
    if (!cluster || route.kind !== 'resource' || (route.subresource !== 'exec' && route.subresource !== 'attach') || !token) {
      const body = JSON.stringify(status(400, 'BadRequest', 'kubedojo accepts WebSocket upgrades only for pods/exec and pods/attach'));
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    prepare(cluster);
    exec.upgrade(cluster, route, token, req, socket, head, url.searchParams, settle);
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 6443, address, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (o.port ?? 6443);
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `https://${host}:${port}`;
  for (const c of worldOf().all()) prepare(c);
  const serverFor = (name: string) => (worldOf().all()[0]?.name === name ? url : `${url}/clusters/${encodeURIComponent(name)}`);
  const writeConfig = () => {
    const clusters = worldOf().all().map((c) => ({ name: c.name, server: serverFor(c.name) }));
    return kubeconfigYaml(clusters, cert.cert, tokens, clusters[0]?.name ?? 'kubedojo');
  };
  let kubeconfig = writeConfig();
  if (o.kubeconfigPath) {
    mkdirSync(dirname(o.kubeconfigPath), { recursive: true });
    writeFileSync(o.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  const rewrite = () => {
    const next = writeConfig();
    if (next !== kubeconfig) {
      kubeconfig = next;
      if (o.kubeconfigPath) writeFileSync(o.kubeconfigPath, kubeconfig, { mode: 0o600 });
    }
  };
  served = worldOf();
  offWorld = served.onChange(rewrite);
  followWorld = () => {
    const w = worldOf();
    if (w !== served) {
      offWorld();
      served = w;
      offWorld = w.onChange(rewrite);
      for (const c of w.all()) prepare(c);
      rewrite();
    }
    return w;
  };

  let ticker: NodeJS.Timeout | undefined;
  if (speed > 0) {
    let last = performance.now();
    ticker = setInterval(() => {
      const now = performance.now();
      const elapsed = Math.min(now - last, 5_000);
      last = now;
      followWorld().advance(Math.round(elapsed * speed));
    }, 100);
  }

  return {
    url,
    port,
    tokens,
    caPem: cert.cert,
    get kubeconfig() {
      return kubeconfig;
    },
    kubeconfigPath: o.kubeconfigPath,
    serverFor,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        if (ticker) clearInterval(ticker);
        offWorld();
        for (const c of [...closers]) c();
        exec.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The learner may change things in `default` and read the rest of the namespaced world. */
function grantLearner(c: Cluster): void {
  const sys = c.client({ username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] });
  sys.create('rolebindings.rbac.authorization.k8s.io', 'default', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'kubedojo-learner-edit', namespace: 'default' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: LEARNER_USER.username }],
  });
  sys.create('clusterrolebindings.rbac.authorization.k8s.io', undefined, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubedojo-learner-view' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: LEARNER_USER.username }],
  });
}
