/**
 * The API server: every read and write in kubedojo comes through here.
 * authentication → authorization (RBAC) → mutating admission (defaults) →
 * validation → validating admission → store, and every request is traced
 * with the stage that rejected it. Expected failures are Status values.
 */
import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Store, StoreEvent, WatchTrigger } from '../store/store.js';
import { componentOf, type Trace } from '../trace.js';
import type { AdmissionPlugin } from './admission.js';
import { RbacAuthorizer, type Attributes } from './rbac.js';
import type { Registry } from './registry.js';
import type { ApiRequest } from './request.js';
import { apiVersionOf, storagePrefixOf, type AggregatedBackend, type ResourceDef, type ResourceView, type StrategyContext } from './resource.js';
import { fromLabelSelector, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, type FieldRequirement, type Selector } from './selectors.js';
import { badRequest, forbidden, gone, invalid, methodNotAllowed, notFound, notFoundPath, unauthorized } from './status.js';
import { defaultTable, type Table } from './table.js';
import type { ApiResult, KList, KObject, Stage, Status, UserInfo } from './types.js';
import { getPath } from './paths.js';
import { WriteHandlers } from './write.js';
import { SubresourceHandlers } from './subresources.js';
import { isReview, review } from './reviews.js';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KObject;
}

export type WatchResult = { ok: true; cancel: () => void; resourceVersion: string } | { ok: false; status: Status; stage: Stage };

/** Pod subresources served by the node's kubelet (logs, exec), reached through the API server as upstream does. */
export interface KubeletConnection {
  logs(namespace: string, pod: string, params: Record<string, string>): { ok: true; text: string } | { ok: false; status: Status };
  /** `tools`: programs served outside the container's runtime (the network tools), also when a shell script runs them. */
  exec(namespace: string, pod: string, params: Record<string, string>, command: string[], stdin?: string, tools?: ExecTools): { ok: true; stdout: string; stderr: string; exitCode: number } | { ok: false; status: Status };
}

/** For an argv it serves, a thunk that runs it; undefined for everything else. */
export type ExecTools = (argv: string[]) => (() => { stdout: string; stderr: string; exitCode: number }) | undefined;

export interface ApiServerOptions {
  store: Store;
  registry: Registry;
  clock: Clock;
  rng: Random;
  trace: Trace;
}

export const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

export class ApiServer {
  readonly store: Store;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly rng: Random;
  readonly trace: Trace;
  readonly rbac: RbacAuthorizer;
  readonly admission: AdmissionPlugin[] = [];
  private readonly tokens = new Map<string, UserInfo>();
  private readonly kubelets = new Map<string, KubeletConnection>();
  private readonly writes: WriteHandlers;
  private readonly subs: SubresourceHandlers;

  constructor(o: ApiServerOptions) {
    this.store = o.store;
    this.registry = o.registry;
    this.clock = o.clock;
    this.rng = o.rng;
    this.trace = o.trace;
    this.rbac = new RbacAuthorizer(o.store);
    this.writes = new WriteHandlers(this);
    this.subs = new SubresourceHandlers(this, this.writes);
  }

  addToken(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  userForToken(token: string): UserInfo | undefined {
    return this.tokens.get(token);
  }

  connectKubelet(node: string, conn: KubeletConnection): () => void {
    this.kubelets.set(node, conn);
    return () => {
      if (this.kubelets.get(node) === conn) this.kubelets.delete(node);
    };
  }

  kubeletFor(node: string): KubeletConnection | undefined {
    return this.kubelets.get(node);
  }

  /** The storage key of an object. */
  keyOf(def: ResourceDef, namespace: string | undefined, name: string): string {
    const prefix = storagePrefixOf(def);
    return def.namespaced ? `${prefix}/${namespace}/${name}` : `${prefix}/${name}`;
  }

  strategyContext(user: UserInfo): StrategyContext {
    return { now: this.clock.now(), user, lookup: this.lookupObject, list: this.listObjects };
  }

  // Made once: every write builds a context, and closures per request cost.
  private readonly lookupObject: StrategyContext['lookup'] = (resource, group, namespace, name) => {
    const def = this.registry.get(group, resource);
    return def ? this.store.get(this.keyOf(def, namespace, name))?.value : undefined;
  };

  private readonly listObjects: StrategyContext['list'] = (resource, group, namespace) => {
    const def = this.registry.get(group, resource);
    if (!def) return [];
    const prefix = storagePrefixOf(def);
    return (def.namespaced && namespace ? this.store.listDir(`${prefix}/${namespace}`) : this.store.list(prefix)).map((e) => e.value);
  };

  /** Handle one request (every verb but watch). */
  request(req: ApiRequest): ApiResult<KObject> {
    const res = this.handle(req);
    this.record(req, res.user, res.result);
    return res.result;
  }

  private handle(req: ApiRequest): { user: UserInfo | undefined; result: ApiResult<KObject> } {
    const def = this.registry.get(req.group, req.resource);
    if (!def || (req.version !== undefined && req.version !== def.version)) return { user: req.user, result: fail(notFoundPath(), 'routing') };
    const auth = this.authenticate(req);
    if ('status' in auth) return { user: undefined, result: fail(auth.status, auth.stage) };
    const user = auth.user;
    if (req.verb !== 'list' && req.verb !== 'create' && req.verb !== 'deletecollection' && !req.name && !isReview(def)) return { user, result: fail(methodNotAllowed(), 'routing') };
    if (def.namespaced && !req.namespace && req.verb !== 'list' && req.verb !== 'deletecollection') return { user, result: fail(badRequest('the server could not find the requested resource'), 'routing') };
    const ns = def.namespaced ? req.namespace : undefined;
    const authz = this.authorizeRequest(user, req, def, ns);
    if (authz) return { user, result: fail(authz, 'authorization') };
    if (def.aggregated) return { user, result: this.aggregatedRead(def, def.aggregated, ns, req) };
    if (req.subresource) return { user, result: this.subs.handle(req, def, user, ns) };
    if (isReview(def)) return { user, result: req.verb === 'create' ? review(this, def, req.body, user, ns) : fail(methodNotAllowed(), 'routing') };
    if (def.plural === 'bindings' && req.verb === 'create') {
      const podName = (req.body as { metadata?: { name?: string } } | undefined)?.metadata?.name ?? '';
      const pods = this.registry.get('', 'pods')!;
      return { user, result: this.subs.handle({ ...req, resource: 'pods', subresource: 'binding', name: podName }, pods, user, ns) };
    }
    if (def.view && req.verb !== 'get' && req.verb !== 'list') return { user, result: this.viewWrite(def, def.view, ns, user, req) };
    switch (req.verb) {
      case 'get':
        return { user, result: this.get(def, ns, req.name!, req) };
      case 'list':
        return { user, result: this.list(def, ns, req) };
      case 'create':
        return { user, result: this.writes.create(def, ns, req.body, user, req) };
      case 'update':
        return { user, result: this.writes.update(def, ns, req.name!, req.body, user, req) };
      case 'patch':
        return { user, result: this.writes.patch(def, ns, req.name!, req.body, req.patchType ?? 'merge', user, req) };
      case 'delete':
        return { user, result: this.writes.delete(def, ns, req.name!, user, req) };
      case 'deletecollection':
        return { user, result: this.writes.deleteCollection(def, ns, user, req) };
      case 'watch':
        return { user, result: fail(badRequest('use watch() for watch requests'), 'routing') };
    }
  }

  /** get/list of a kind an aggregated API server serves. */
  private aggregatedRead(def: ResourceDef, backend: AggregatedBackend, ns: string | undefined, req: ApiRequest): ApiResult<KObject> {
    if ((req.verb !== 'get' && req.verb !== 'list') || req.subresource) return fail(methodNotAllowed(), 'routing');
    const sel = this.selectors(def, req);
    if ('kind' in sel) return fail(sel, 'validation');
    const objs = backend.objects(ns);
    if (!Array.isArray(objs)) return fail(objs, 'storage');
    if (req.verb === 'get') {
      const o = objs.find((x) => x.metadata?.name === req.name);
      if (!o) return fail(backend.notFound?.(ns, req.name!) ?? notFound(def.plural, def.group, req.name!), 'storage');
      return { ok: true, code: 200, object: req.options?.asTable ? (this.table(def, [o], req) as unknown as KObject) : o };
    }
    const items = objs.filter((o) => this.matches(def, o, sel.labels, sel.fields));
    if (req.options?.asTable) return { ok: true, code: 200, object: this.table(def, items, req) as unknown as KObject };
    return { ok: true, code: 200, object: { apiVersion: apiVersionOf(def), kind: `${def.kind}List`, metadata: {}, items } as unknown as KObject };
  }

  /** Writes to a view kind: converted to the stored kind and back. */
  private viewWrite(def: ResourceDef, view: ResourceView, ns: string | undefined, user: UserInfo, req: ApiRequest): ApiResult<KObject> {
    const stored = this.registry.get(view.group, view.plural);
    if (!stored) return fail(notFoundPath(), 'routing');
    const body = req.body as KObject | undefined;
    const convert = (r: ApiResult<KObject>): ApiResult<KObject> => (r.ok && r.object.kind === stored.kind ? { ...r, object: view.fromStorage(r.object) } : r);
    const toStored = (o: unknown): unknown => (o && typeof o === 'object' && !Array.isArray(o) ? view.toStorage({ ...(o as KObject), apiVersion: apiVersionOf(def), kind: def.kind }) : o);
    switch (req.verb) {
      case 'create': {
        const errs = body && typeof body === 'object' ? (view.validateCreate?.(body) ?? []) : [];
        if (errs.length > 0) return fail(invalid(def.kind, def.group, body?.metadata?.name ?? '', errs), 'validation');
        if (body?.apiVersion !== undefined && body.apiVersion !== apiVersionOf(def)) return this.writes.create(def, ns, body, user, req);
        return convert(this.writes.create(stored, ns, toStored(body), user, req));
      }
      case 'update':
        return convert(this.writes.update(stored, ns, req.name!, toStored(body), user, req));
      case 'patch':
        return convert(this.writes.patch(stored, ns, req.name!, req.body, req.patchType ?? 'merge', user, req, view));
      case 'delete':
        return convert(this.writes.delete(stored, ns, req.name!, user, req));
      case 'deletecollection': {
        const r = this.writes.deleteCollection(stored, ns, user, req);
        if (!r.ok) return r;
        const list = r.object as unknown as KList;
        return { ...r, object: { ...list, apiVersion: apiVersionOf(def), kind: `${def.kind}List`, items: list.items.map((o) => view.fromStorage(o)) } as unknown as KObject };
      }
      default:
        return fail(methodNotAllowed(), 'routing');
    }
  }

  private authenticate(req: ApiRequest): { user: UserInfo } | { status: Status; stage: Stage } {
    let user = req.user;
    if (!user) {
      if (req.token === undefined) return { status: unauthorized(), stage: 'authentication' };
      user = this.tokens.get(req.token);
      if (!user) return { status: unauthorized(), stage: 'authentication' };
    }
    if (req.impersonate) {
      const imp = req.impersonate;
      const check = (resource: string, name: string): Status | undefined => {
        const d = this.rbac.authorize({ user: user!, verb: 'impersonate', group: '', resource, name });
        return d.allowed ? undefined : forbidden({ user: user!.username, verb: 'impersonate', resource, group: '', name });
      };
      const denied = check('users', imp.user) ?? (imp.groups ?? []).map((g) => check('groups', g)).find((s) => s);
      if (denied) return { status: denied, stage: 'authentication' };
      const sa = /^system:serviceaccount:([^:]+):/.exec(imp.user);
      const groups = imp.groups ?? (sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : []);
      user = { username: imp.user, groups: [...groups, 'system:authenticated'] };
    }
    return { user };
  }

  /** Is this user allowed? (also used by SelfSubjectAccessReview and `auth can-i`). */
  authorize(a: Attributes): boolean {
    return this.rbac.authorize(a).allowed;
  }

  private authorizeRequest(user: UserInfo, req: ApiRequest, def: ResourceDef, ns: string | undefined): Status | undefined {
    const attrs: Attributes = { user, verb: req.verb, group: def.group, resource: def.plural, subresource: req.subresource, namespace: ns, name: req.name };
    if (this.rbac.authorize(attrs).allowed) return undefined;
    return forbidden({ user: user.username, verb: req.verb, resource: def.plural, subresource: req.subresource, group: def.group, namespace: ns, name: req.name });
  }

  private record(req: ApiRequest, user: UserInfo | undefined, result: ApiResult<KObject>): void {
    const username = user?.username ?? req.user?.username ?? 'system:anonymous';
    const bodyName = (req.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
    const name = req.name ?? (result.ok ? result.object.metadata?.name : undefined) ?? (typeof bodyName === 'string' ? bodyName : undefined);
    this.trace.record({
      type: 'request',
      user: username,
      component: componentOf(username),
      verb: req.verb,
      resource: req.resource,
      subresource: req.subresource,
      group: req.group,
      namespace: req.namespace,
      name,
      code: result.ok ? result.code : result.status.code,
      reason: result.ok ? undefined : result.status.reason,
      message: result.ok ? undefined : result.status.message,
      stage: result.ok ? undefined : result.stage,
      command: req.command,
      dryRun: req.options?.dryRun || undefined,
    });
  }

  // ---- reads ----

  get(def: ResourceDef, ns: string | undefined, name: string, req?: ApiRequest): ApiResult<KObject> {
    const e = this.store.get(this.keyOf(def, ns, name));
    if (!e) return fail(notFound(def.plural, def.group, name), 'storage');
    const obj = withKind(def, e.value);
    if (req?.options?.asTable) return { ok: true, code: 200, object: this.table(def, [obj], req) as unknown as KObject };
    return { ok: true, code: 200, object: obj };
  }

  /** Parse the request's selectors; a bad one is a 400 as upstream. */
  selectors(def: ResourceDef, req: ApiRequest): { labels: Selector; fields: FieldRequirement[] } | Status {
    const l = parseLabelSelector(req.options?.labelSelector ?? '');
    if (!l.ok) return badRequest(`unable to parse requirement: ${l.error}`);
    const f = parseFieldSelector(req.options?.fieldSelector ?? '');
    if (!f.ok) return badRequest(f.error);
    for (const r of f.value) {
      if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
      if (!(def.selectableFields ?? []).includes(r.field)) return badRequest(`field label not supported: ${r.field}`);
    }
    return { labels: l.value, fields: f.value };
  }

  matches(def: ResourceDef, obj: KObject, labels: Selector, fields: FieldRequirement[]): boolean {
    if (!matchesLabels(labels, obj.metadata?.labels)) return false;
    if (fields.length === 0) return true;
    return matchesFields(fields, (f) => fieldValue(def, obj, f));
  }

  list(def: ResourceDef, ns: string | undefined, req: ApiRequest): ApiResult<KObject> {
    const sel = this.selectors(def, req);
    if ('kind' in sel) return fail(sel, 'validation');
    const prefix = storagePrefixOf(def);
    const entries = def.namespaced && ns ? this.store.listDir(`${prefix}/${ns}`).sort((a, b) => (a.key < b.key ? -1 : 1)) : this.store.list(prefix);
    let items = entries.map((e) => e.value).filter((o) => this.matches(def, o, sel.labels, sel.fields));
    if (def.view) items = items.map((o) => withKind(def, o));
    const rv = String(this.store.revision);
    let cont: string | undefined;
    let remaining: number | undefined;
    const start = req.options?.continue ? decodeContinue(req.options.continue) : undefined;
    if (req.options?.continue && start === undefined) return fail(badRequest('invalid continue token'), 'validation');
    if (start !== undefined) items = items.filter((o) => objectKey(o) > start);
    const limit = req.options?.limit;
    if (limit && limit > 0 && items.length > limit) {
      remaining = items.length - limit;
      items = items.slice(0, limit);
      cont = encodeContinue(objectKey(items[items.length - 1]!));
    }
    if (req.options?.asTable) {
      const t = this.table(def, items, req);
      t.metadata = { resourceVersion: rv, ...(cont ? { continue: cont } : {}) };
      return { ok: true, code: 200, object: t as unknown as KObject };
    }
    const list: KList = { apiVersion: apiVersionOf(def), kind: `${def.kind}List`, metadata: { resourceVersion: rv }, items };
    if (cont) list.metadata.continue = cont;
    if (remaining !== undefined) list.metadata.remainingItemCount = remaining;
    return { ok: true, code: 200, object: list as unknown as KObject };
  }

  table(def: ResourceDef, objs: KObject[], req?: ApiRequest): Table {
    const t = def.print ? def.print(objs, { wide: req?.options?.wide ?? true, now: this.clock.now() }) : defaultTable(objs);
    if (req?.options?.includeObject) t.rows.forEach((r, i) => (r.object = withKind(def, objs[i]!)));
    return t;
  }

  private triggerOf(def: ResourceDef, fields: FieldRequirement[], name: string | undefined): WatchTrigger | undefined {
    if (name) return { name: 'metadata.name', value: name, of: (o) => o.metadata?.name };
    for (const field of TRIGGER_FIELDS[def.plural] ?? []) {
      const r = fields.find((f) => f.field === field && f.op === '=');
      if (r && r.value !== '') return { name: field, value: r.value, of: (o) => fieldValue(def, o, field) };
    }
    return undefined;
  }

  /**
   * Watch a resource from a revision: replays kept events after it, then
   * streams. Objects entering or leaving the selectors arrive as ADDED / DELETED.
   */
  watch(req: ApiRequest, handler: (e: WatchEvent) => void): WatchResult {
    const def = this.registry.get(req.group, req.resource);
    if (!def) return { ok: false, status: notFoundPath(), stage: 'routing' };
    const auth = this.authenticate(req);
    if ('status' in auth) return { ok: false, status: auth.status, stage: auth.stage };
    const ns = def.namespaced ? req.namespace : undefined;
    const denied = this.authorizeRequest(auth.user, { ...req, verb: 'watch' }, def, ns);
    if (denied) {
      this.record({ ...req, verb: 'watch' }, auth.user, fail(denied, 'authorization'));
      return { ok: false, status: denied, stage: 'authorization' };
    }
    if (def.aggregated) return { ok: false, status: methodNotAllowed(), stage: 'routing' };
    const sel = this.selectors(def, req);
    if ('kind' in sel) return { ok: false, status: sel, stage: 'validation' };
    const prefix = storagePrefixOf(def) + (ns ? `/${ns}/` : '/');
    const rvText = req.options?.resourceVersion;
    const from = rvText === undefined || rvText === '' || rvText === '0' ? undefined : Number(rvText);
    if (from !== undefined && !Number.isFinite(from)) return { ok: false, status: badRequest(`invalid resource version: ${rvText}`), stage: 'validation' };
    const nameFilter = req.name;
    const visible = (o: KObject | undefined) => !!o && (!nameFilter || o.metadata?.name === nameFilter) && this.matches(def, o, sel.labels, sel.fields);
    const onEvent = (e: StoreEvent) => {
      const now = visible(e.object);
      const before = e.type === 'ADDED' ? false : visible(e.prev);
      let type: WatchEvent['type'] | undefined;
      if (e.type === 'DELETED') type = before ? 'DELETED' : undefined;
      else if (now && before) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
      if (type) handler({ type, object: withKind(def, e.object) });
    };
    if (from === undefined) {
      // No revision: the current state first, as synthetic ADDED events.
      const listed = this.list(def, ns, { ...req, verb: 'list', options: { ...req.options, limit: undefined, continue: undefined, asTable: false } });
      if (listed.ok) for (const o of (listed.object as unknown as KList).items) if (visible(o)) handler({ type: 'ADDED', object: withKind(def, o) });
    }
    const w = this.store.watch(prefix, onEvent, from, this.triggerOf(def, sel.fields, nameFilter));
    if (!w.ok) return { ok: false, status: gone(`too old resource version: ${from} (${w.compacted})`), stage: 'storage' };
    this.record({ ...req, verb: 'watch' }, auth.user, { ok: true, code: 200, object: {} });
    return { ok: true, cancel: w.cancel, resourceVersion: String(this.store.revision) };
  }
}

/** Fields the watch cache indexes (upstream: pods by spec.nodeName; any kind by name): a watch on one value is reached by lookup. */
const TRIGGER_FIELDS: Record<string, string[]> = { pods: ['spec.nodeName'] };

export function fail(status: Status, stage: Stage): ApiResult<never> {
  return { ok: false, status, stage };
}

/** Stored objects carry apiVersion/kind; make sure of it when serving. */
export function withKind(def: ResourceDef, o: KObject): KObject {
  if (def.view) return o.apiVersion === apiVersionOf(def) ? o : def.view.fromStorage(o);
  if (o.apiVersion && o.kind) return o;
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...o };
}

export function fieldValue(def: ResourceDef, obj: KObject, field: string): string | undefined {
  if (field === 'metadata.name') return obj.metadata?.name;
  if (field === 'metadata.namespace') return obj.metadata?.namespace ?? '';
  const custom = def.fieldValue?.(obj, field);
  if (custom !== undefined) return custom;
  if (field === 'source') return (getPath(obj, 'source.component') as string | undefined) ?? '';
  const v = getPath(obj, field);
  if (v === undefined || v === null) return '';
  return String(v);
}

function objectKey(o: KObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

function encodeContinue(key: string): string {
  return Buffer.from(JSON.stringify({ v: 'kubedojo/1', start: key })).toString('base64');
}

function decodeContinue(token: string): string | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { start?: unknown };
    return typeof v.start === 'string' ? v.start : undefined;
  } catch {
    return undefined;
  }
}

export { fromLabelSelector };
