/** Review kinds answered on the spot, never stored: access reviews and "who am I". */
import type { ApiServer } from './server.js';
import type { ResourceDef } from './resource.js';
import { badRequest } from './status.js';
import type { ApiResult, KObject, UserInfo } from './types.js';
import { fail } from './server.js';
import { getPath } from './paths.js';

const REVIEWS = new Set(['selfsubjectaccessreviews', 'subjectaccessreviews', 'localsubjectaccessreviews', 'selfsubjectreviews', 'selfsubjectrulesreviews', 'tokenreviews']);

export function isReview(def: ResourceDef): boolean {
  return REVIEWS.has(def.plural);
}

export function review(api: ApiServer, def: ResourceDef, body: unknown, user: UserInfo, ns: string | undefined): ApiResult<KObject> {
  if (body === null || typeof body !== 'object') return fail(badRequest('the body of the request was in an unknown format'), 'validation');
  const o = body as KObject;
  const out: KObject = { ...o, apiVersion: `${def.group}/${def.version}`, kind: def.kind, metadata: { creationTimestamp: null as unknown as string } };
  switch (def.plural) {
    case 'selfsubjectreviews':
      out.status = { userInfo: { username: user.username, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) } };
      return { ok: true, code: 201, object: out };
    case 'selfsubjectaccessreviews':
    case 'subjectaccessreviews':
    case 'localsubjectaccessreviews': {
      const spec = (o.spec ?? {}) as Record<string, unknown>;
      let subject = user;
      if (def.plural !== 'selfsubjectaccessreviews') subject = { username: String(spec.user ?? ''), groups: (spec.groups as string[] | undefined) ?? [] };
      const ra = spec.resourceAttributes as Record<string, string> | undefined;
      const nra = spec.nonResourceAttributes as Record<string, string> | undefined;
      let allowed = false;
      if (ra) {
        allowed = api.authorize({
          user: subject,
          verb: ra.verb ?? '',
          group: ra.group ?? '',
          resource: ra.resource ?? '',
          subresource: ra.subresource || undefined,
          namespace: (def.plural === 'localsubjectaccessreviews' ? ns : ra.namespace) || undefined,
          name: ra.name || undefined,
        });
      } else if (nra) {
        allowed = api.authorize({ user: subject, verb: nra.verb ?? '', group: '', resource: '', path: nra.path ?? '' });
      }
      out.status = allowed ? { allowed: true, reason: reasonFor(subject) } : { allowed: false };
      return { ok: true, code: 201, object: out };
    }
    case 'selfsubjectrulesreview':
    case 'selfsubjectrulesreviews': {
      const namespace = String(getPath(o, 'spec.namespace') ?? '');
      const rules = user.groups.includes('system:masters')
        ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]
        : api.rbac.rulesFor(user, namespace || undefined).filter((r) => !r.nonResourceURLs);
      const nonResource = user.groups.includes('system:masters') ? [{ verbs: ['*'], nonResourceURLs: ['*'] }] : api.rbac.rulesFor(user, namespace || undefined).filter((r) => r.nonResourceURLs);
      out.status = { resourceRules: rules, nonResourceRules: nonResource, incomplete: false };
      return { ok: true, code: 201, object: out };
    }
    case 'tokenreviews': {
      const token = String(getPath(o, 'spec.token') ?? '');
      const u = api.userForToken(token);
      out.status = u ? { authenticated: true, user: { username: u.username, groups: u.groups } } : { authenticated: false };
      return { ok: true, code: 201, object: out };
    }
    default:
      return fail(badRequest(`unknown review ${def.plural}`), 'routing');
  }
}

function reasonFor(user: UserInfo): string | undefined {
  return user.groups.includes('system:masters') ? undefined : 'RBAC: allowed';
}
