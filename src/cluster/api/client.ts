/**
 * A typed, in-process client: what controllers, kubelets and the command layer
 * use to talk to the API server as a given user. Resources are named as
 * kubectl names them fully: `pods`, `deployments.apps`, `leases.coordination.k8s.io`.
 */
import type { ApiServer, WatchEvent, WatchResult } from './server.js';
import type { ApiRequest, RequestOptions } from './request.js';
import type { ApiResult, KList, KObject, PatchType, UserInfo } from './types.js';

export function splitResource(gr: string): { group: string; resource: string } {
  const i = gr.indexOf('.');
  return i < 0 ? { group: '', resource: gr } : { group: gr.slice(i + 1), resource: gr.slice(0, i) };
}

export class Client {
  constructor(
    readonly api: ApiServer,
    readonly user: UserInfo,
    private readonly command?: string,
  ) {}

  /** The same client acting for a typed command (shown in the trace). */
  withCommand(command: string): Client {
    return new Client(this.api, this.user, command);
  }

  request(req: Omit<ApiRequest, 'user' | 'command'> & { user?: UserInfo }): ApiResult<KObject> {
    return this.api.request({ ...req, user: req.user ?? this.user, command: this.command });
  }

  get<T = KObject>(gr: string, namespace: string | undefined, name: string, options?: RequestOptions): ApiResult<T> {
    return this.request({ verb: 'get', ...splitResource(gr), namespace, name, options }) as ApiResult<T>;
  }

  list<T = KObject>(gr: string, namespace?: string, options?: RequestOptions): ApiResult<KList<T>> {
    return this.request({ verb: 'list', ...splitResource(gr), namespace, options }) as unknown as ApiResult<KList<T>>;
  }

  /** Items of a list, or [] on error (for callers that only read). */
  items<T = KObject>(gr: string, namespace?: string, options?: RequestOptions): T[] {
    const r = this.list<T>(gr, namespace, options);
    return r.ok ? r.object.items : [];
  }

  create<T = KObject>(gr: string, namespace: string | undefined, body: unknown, options?: RequestOptions): ApiResult<T> {
    return this.request({ verb: 'create', ...splitResource(gr), namespace, body, options }) as ApiResult<T>;
  }

  update<T = KObject>(gr: string, namespace: string | undefined, name: string, body: unknown, options?: RequestOptions): ApiResult<T> {
    return this.request({ verb: 'update', ...splitResource(gr), namespace, name, body, options }) as ApiResult<T>;
  }

  updateStatus<T = KObject>(gr: string, namespace: string | undefined, name: string, body: unknown): ApiResult<T> {
    return this.request({ verb: 'update', ...splitResource(gr), subresource: 'status', namespace, name, body }) as ApiResult<T>;
  }

  patch<T = KObject>(gr: string, namespace: string | undefined, name: string, patch: unknown, patchType: PatchType = 'merge', subresource?: string, options?: RequestOptions): ApiResult<T> {
    return this.request({ verb: 'patch', ...splitResource(gr), namespace, name, body: patch, patchType, subresource, options }) as ApiResult<T>;
  }

  delete(gr: string, namespace: string | undefined, name: string, options?: RequestOptions): ApiResult<KObject> {
    return this.request({ verb: 'delete', ...splitResource(gr), namespace, name, options });
  }

  subresource(verb: 'get' | 'create' | 'update' | 'patch', gr: string, namespace: string | undefined, name: string, subresource: string, body?: unknown, options?: RequestOptions): ApiResult<KObject> {
    return this.request({ verb, ...splitResource(gr), namespace, name, subresource, body, options });
  }

  watch(gr: string, namespace: string | undefined, handler: (e: WatchEvent) => void, options?: RequestOptions & { name?: string }): WatchResult {
    return this.api.watch({ verb: 'watch', ...splitResource(gr), namespace, name: options?.name, options, user: this.user, command: this.command }, handler);
  }
}
