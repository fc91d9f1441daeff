/** URL paths of the Kubernetes API, parsed into what the API server needs. */
export type Route =
  | { kind: 'version' }
  | { kind: 'health'; path: string }
  | { kind: 'discovery-core' }
  | { kind: 'discovery-groups' }
  | { kind: 'resource-list'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'openapi-index' }
  | { kind: 'openapi-gv'; group: string; version: string }
  | { kind: 'resource'; group: string; version: string; resource: string; namespace?: string; name?: string; subresource?: string }
  | { kind: 'unknown' };

export function parseRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/version') return { kind: 'version' };
  if (p === '/healthz' || p === '/livez' || p === '/readyz' || p.startsWith('/healthz/') || p.startsWith('/livez/') || p.startsWith('/readyz/')) return { kind: 'health', path: p };
  if (p === '/api') return { kind: 'discovery-core' };
  if (p === '/apis') return { kind: 'discovery-groups' };
  if (p === '/openapi/v3') return { kind: 'openapi-index' };
  if (p === '/openapi/v3/api/v1') return { kind: 'openapi-gv', group: '', version: 'v1' };
  const oa = /^\/openapi\/v3\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (oa) return { kind: 'openapi-gv', group: oa[1]!, version: oa[2]! };
  const parts = p.split('/').slice(1).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return { kind: 'unknown' };
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 2) return { kind: 'group', group: parts[1]! };
    if (parts.length < 3) return { kind: 'unknown' };
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'resource-list', group, version };
  let namespace: string | undefined;
  const namespaceSub = rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSub) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0) return { kind: 'unknown' };
  return { kind: 'resource', group, version, resource, namespace, name, subresource };
}
