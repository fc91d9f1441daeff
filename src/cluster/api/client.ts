/**
 * A typed, in-process client: what controllers, kubelets and the command layer
 * use to talk to the API server as a given user. Resources are named as
 * kubectl names them fully: `pods`, `deployments.apps`, `leases.coordination.k8s.io`.
 */
import type { ApiServer, WatchEvent, WatchResult } from './server.js';
import type { ApiRequest, RequestOptions } from './request.js';
import type { ApiResult, KList, KObject, PatchType, UserInfo, Verb } from './types.js';

const split = new Map<string, { group: string; resource: string }>();

/** `leases.coordination.k8s.io` → resource `leases`, group `coordination.k8s.io` (remembered: clients ask for the same few). */
function resourceOf(gr: string): { readonly group: string; readonly resource: string } {
  let r = split.get(gr);
  if (!r) {
    const i = gr.indexOf('.');
    r = i < 0 ? { group: '', resource: gr } : { group: gr.slice(i + 1), resource: gr.slice(0, i) };
    if (split.size < 10_000) split.set(gr, r);
  }
  return r;
}

export class Client {
  constructor(
    readonly api: ApiServer,
    readonly user: UserInfo,
    readonly command?: string,
    /** `--as` / `--as-group`: every request asks to act as this user (the server checks the right to impersonate). */
    readonly impersonate?: { user: string; groups?: string[] },
  ) {}

  /** The same client acting for a typed command (shown in the trace). */
  withCommand(command: string): Client {
    return new Client(this.api, this.user, command, this.impersonate);
  }

  /** The same client sending every request as another user. */
  impersonating(as: { user: string; groups?: string[] }): Client {
    return new Client(this.api, this.user, this.command, as);
  }

  request(req: Omit<ApiRequest, 'user' | 'command'> & { user?: UserInfo }): ApiResult<KObject> {
    return this.api.request({ ...req, user: req.user ?? this.user, command: this.command, ...(this.impersonate ? { impersonate: this.impersonate } : {}) });
  }

  /** Every typed call builds its request here, in one shape (the server's hot paths see one hidden class). */
  private send(verb: Verb, gr: string, namespace: string | undefined, name: string | undefined, subresource: string | undefined, body: unknown, options: RequestOptions | undefined, patchType?: PatchType): ApiResult<KObject> {
    const r = resourceOf(gr);
    return this.api.request({ verb, group: r.group, resource: r.resource, subresource, namespace, name, body, patchType, options, user: this.user, command: this.command, impersonate: this.impersonate });
  }

  get<T = KObject>(gr: string, namespace: string | undefined, name: string, options?: RequestOptions): ApiResult<T> {
    return this.send('get', gr, namespace, name, undefined, undefined, options) as ApiResult<T>;
  }

  list<T = KObject>(gr: string, namespace?: string, options?: RequestOptions): ApiResult<KList<T>> {
    return this.send('list', gr, namespace, undefined, undefined, undefined, options) as unknown as ApiResult<KList<T>>;
  }

  /** Items of a list, or [] on error (for callers that only read). */
  items<T = KObject>(gr: string, namespace?: string, options?: RequestOptions): T[] {
    const r = this.list<T>(gr, namespace, options);
    return r.ok ? r.object.items : [];
  }

  create<T = KObject>(gr: string, namespace: string | undefined, body: unknown, options?: RequestOptions): ApiResult<T> {
    return this.send('create', gr, namespace, undefined, undefined, body, options) as ApiResult<T>;
  }

  update<T = KObject>(gr: string, namespace: string | undefined, name: string, body: unknown, options?: RequestOptions): ApiResult<T> {
    return this.send('update', gr, namespace, name, undefined, body, options) as ApiResult<T>;
  }

  updateStatus<T = KObject>(gr: string, namespace: string | undefined, name: string, body: unknown): ApiResult<T> {
    return this.send('update', gr, namespace, name, 'status', body, undefined) as ApiResult<T>;
  }

  patch<T = KObject>(gr: string, namespace: string | undefined, name: string, patch: unknown, patchType: PatchType = 'merge', subresource?: string, options?: RequestOptions): ApiResult<T> {
    return this.send('patch', gr, namespace, name, subresource, patch, options, patchType) as ApiResult<T>;
  }

  delete(gr: string, namespace: string | undefined, name: string, options?: RequestOptions): ApiResult<KObject> {
    return this.send('delete', gr, namespace, name, undefined, undefined, options);
  }

  subresource(verb: 'get' | 'create' | 'update' | 'patch', gr: string, namespace: string | undefined, name: string, subresource: string, body?: unknown, options?: RequestOptions): ApiResult<KObject> {
    return this.send(verb, gr, namespace, name, subresource, body, options);
  }

  watch(gr: string, namespace: string | undefined, handler: (e: WatchEvent) => void, options?: RequestOptions & { name?: string }): WatchResult {
    const r = resourceOf(gr);
    return this.api.watch({ verb: 'watch', group: r.group, resource: r.resource, namespace, name: options?.name, options, user: this.user, command: this.command, impersonate: this.impersonate }, handler);
  }
}
