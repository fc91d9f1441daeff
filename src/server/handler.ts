/**
 * One HTTP request → one API request. Paths, verbs, query parameters, content
 * types and Accept headers are mapped as kube-apiserver maps them; responses
 * are JSON (Tables when asked), Status on errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../cluster/cluster.js';
import type { ApiRequest, RequestOptions } from '../cluster/api/request.js';
import type { PatchType, PropagationPolicy, Verb } from '../cluster/api/types.js';
import { parseRoute, type Route } from './route.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, legacyCore, legacyGroup, legacyGroups, resourceList } from './discovery.js';
import { contentHash, openapiGroupVersion, openapiIndex, type SchemaSource } from './openapi.js';
import { decodeBody, readBody } from './body.js';
import { sendJson, sendStatus, status } from './respond.js';
import { serveWatch } from './watch.js';
import { serveLogs } from './logs.js';

export interface HandlerContext {
  cluster: Cluster;
  /** Kubernetes version the cluster reports (`v1.32.0`). */
  gitVersion: string;
  schemaOf: SchemaSource;
  register(close: () => void): () => void;
  /** Called after a request that may have changed the cluster (to run components at once). */
  settle(): void;
  upgrade?: (route: Extract<Route, { kind: 'resource' }>, token: string, req: IncomingMessage) => boolean;
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m?.[1]?.trim();
}

export async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const route = parseRoute(path);
  const api = ctx.cluster.api;
  const token = bearerToken(req);
  if (route.kind === 'version') {
    const [, major, minor] = /^v(\d+)\.(\d+)/.exec(ctx.gitVersion) ?? [];
    return sendJson(res, 200, { major, minor, gitVersion: ctx.gitVersion, gitCommit: 'kubedojo', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64' });
  }
  if (route.kind === 'health') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  const user = token ? api.userForToken(token) : undefined;
  if (!user) return sendStatus(res, status(401, 'Unauthorized', 'Unauthorized'));
  const accept = String(req.headers.accept ?? '');
  switch (route.kind) {
    case 'discovery-core':
    case 'discovery-groups': {
      const core = route.kind === 'discovery-core';
      if (accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2')) return sendJson(res, 200, aggregatedDiscovery(api.registry, core), AGGREGATED_CONTENT_TYPE);
      return sendJson(res, 200, core ? legacyCore() : legacyGroups(api.registry));
    }
    case 'group': {
      const g = legacyGroup(api.registry, route.group);
      return g ? sendJson(res, 200, g) : sendStatus(res, notFoundPath());
    }
    case 'resource-list': {
      const l = resourceList(api.registry, route.group, route.version);
      return l ? sendJson(res, 200, l) : sendStatus(res, notFoundPath());
    }
    case 'openapi-index':
      return sendJson(res, 200, openapiIndex(api.registry, (g, v) => contentHash(openapiGroupVersion(api.registry, g, v, ctx.schemaOf))));
    case 'openapi-gv': {
      const doc = openapiGroupVersion(api.registry, route.group, route.version, ctx.schemaOf);
      return doc ? sendJson(res, 200, doc) : sendStatus(res, notFoundPath());
    }
    case 'unknown':
      return sendStatus(res, notFoundPath());
    case 'resource':
      break;
  }
  if (route.subresource === 'exec' || route.subresource === 'attach' || route.subresource === 'portforward') {
    if (route.subresource !== 'portforward' && req.headers.upgrade?.toLowerCase() === 'websocket' && ctx.upgrade?.(route, token!, req)) return;
    const what = route.subresource === 'portforward' ? 'port-forward' : `${route.subresource} over SPDY`;
    return sendStatus(res, status(400, 'BadRequest', `kubedojo does not emulate ${what}; use kubectl ${route.subresource === 'portforward' ? 'exec … -- curl' : 'exec'} (WebSocket v5.channel.k8s.io)`));
  }
  if (route.subresource === 'proxy') return sendStatus(res, status(400, 'BadRequest', 'kubedojo does not emulate the API server proxy; reach Services with kubectl exec … -- curl instead'));
  const method = req.method ?? 'GET';
  const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: Verb;
  if (method === 'GET') verb = route.name ? 'get' : isWatch ? 'watch' : 'list';
  else if (method === 'POST') verb = 'create';
  else if (method === 'PUT') verb = 'update';
  else if (method === 'PATCH') verb = 'patch';
  else if (method === 'DELETE') verb = route.name ? 'delete' : 'deletecollection';
  else return sendStatus(res, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));

  const options: RequestOptions = {};
  const q = (k: string) => query.get(k) ?? undefined;
  if (q('labelSelector')) options.labelSelector = q('labelSelector');
  if (q('fieldSelector')) options.fieldSelector = q('fieldSelector');
  if (q('limit')) options.limit = Number(q('limit'));
  if (q('continue')) options.continue = q('continue');
  if (q('resourceVersion') !== undefined) options.resourceVersion = q('resourceVersion');
  if (q('dryRun') === 'All') options.dryRun = true;
  if (q('fieldManager')) options.fieldManager = q('fieldManager');
  if (q('force') === 'true') options.force = true;
  const fv = q('fieldValidation');
  if (fv === 'Strict' || fv === 'Warn' || fv === 'Ignore') options.fieldValidation = fv;
  if (q('propagationPolicy')) options.propagationPolicy = q('propagationPolicy') as PropagationPolicy;
  if (q('gracePeriodSeconds')) options.gracePeriodSeconds = Number(q('gracePeriodSeconds'));
  if (accept.includes('as=Table')) {
    options.asTable = true;
    if (q('includeObject') === 'Object') options.includeObject = true;
  }
  if (route.subresource === 'log') {
    const params: Record<string, string> = {};
    for (const [k, v] of query) params[k] = v;
    options.params = params;
  }

  let body: unknown;
  let patchType: PatchType | undefined;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') {
    const raw = await readBody(req);
    if (!raw.ok) return sendStatus(res, status(413, 'RequestEntityTooLarge', raw.message));
    const ct = String(req.headers['content-type'] ?? 'application/json');
    const decoded = decodeBody(raw.raw, ct);
    if (!decoded.ok) return sendStatus(res, status(decoded.code, decoded.code === 415 ? 'UnsupportedMediaType' : 'BadRequest', decoded.message));
    body = decoded.value;
    if (method === 'PATCH') {
      patchType = PATCH_TYPES[ct.split(';')[0]!.trim().toLowerCase()];
      if (!patchType) return sendStatus(res, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(', ')}`));
      if (patchType === 'apply' && !options.fieldManager) return sendStatus(res, status(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'));
    }
    if (method === 'DELETE' && body && typeof body === 'object') {
      const d = body as { propagationPolicy?: PropagationPolicy; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: string[] };
      if (d.propagationPolicy) options.propagationPolicy = d.propagationPolicy;
      if (typeof d.gracePeriodSeconds === 'number') options.gracePeriodSeconds = d.gracePeriodSeconds;
      if (d.preconditions) options.preconditions = d.preconditions;
      if (d.dryRun?.includes('All')) options.dryRun = true;
      body = undefined;
    }
  }
  const apiReq: ApiRequest = {
    verb,
    group: route.group,
    version: route.version,
    resource: route.resource,
    subresource: route.subresource,
    namespace: route.namespace,
    name: route.name,
    body,
    patchType,
    token,
    options,
    command: typeof req.headers['kubectl-command'] === 'string' ? req.headers['kubectl-command'] : undefined,
  };
  if (verb === 'watch') {
    const timeout = Number(q('timeoutSeconds') ?? 0);
    return serveWatch(api, apiReq, res, { asTable: !!options.asTable, timeoutSeconds: timeout > 0 ? timeout : undefined, bookmarks: q('allowWatchBookmarks') === 'true', register: ctx.register });
  }
  if (route.subresource === 'log' && verb === 'get') return serveLogs(ctx, apiReq, res, query.get('follow') === 'true');
  const r = api.request(apiReq);
  // Let the components react to a change at once (reads change nothing).
  if (verb !== 'get' && verb !== 'list') ctx.settle();
  if (!r.ok) return sendStatus(res, r.status);
  sendJson(res, r.code, r.object);
}

function notFoundPath() {
  return status(404, 'NotFound', 'the server could not find the requested resource');
}
