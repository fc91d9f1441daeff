/**
 * RBAC authorization as kube-apiserver evaluates it: system:masters may do
 * anything; otherwise some ClusterRoleBinding, or a RoleBinding in the
 * request's namespace, must bind the user (or one of their groups, or their
 * service account) to a role with a rule that covers the request.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { Store } from '../store/store.js';
import type { UserInfo } from './types.js';

export interface Attributes {
  user: UserInfo;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** For non-resource requests (`/healthz`, `/version`). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`. */
  reason: string;
}

const RBAC = '/registry/';
const ALLOWED_MASTERS: Decision = Object.freeze({ allowed: true, reason: 'user is in system:masters' });
const ALLOWED: Decision = Object.freeze({ allowed: true, reason: 'RBAC: allowed' });
const DENIED: Decision = Object.freeze({ allowed: false, reason: '' });
/** Decisions kept between RBAC changes; past this many the cache starts over. */
const MAX_DECISIONS = 50_000;

export class RbacAuthorizer {
  private cache = new Map<string, PolicyRule[]>();
  /**
   * user → verb → group → resource → subresource → namespace → name → allowed, while no
   * role or binding changes (every request asks; nested maps build no key string).
   */
  private decisions = new WeakMap<UserInfo, Map<string, unknown>>();
  private decisionCount = 0;
  private userKeys = new WeakMap<UserInfo, string>();
  /** Set when a Role, ClusterRole or binding changes (other writes leave the cached rules valid). */
  private stale = true;

  constructor(private readonly store: Store) {
    // Only these four prefixes: the store reaches these watchers by lookup, so other writes cost nothing here.
    for (const kind of ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']) {
      store.watch(`${RBAC}${kind}/`, () => {
        this.stale = true;
      });
    }
  }

  authorize(a: Attributes): Decision {
    if (a.user.groups.includes('system:masters')) return ALLOWED_MASTERS;
    if (a.path !== undefined) return this.decide(a) ? ALLOWED : DENIED;
    this.refresh();
    let m = this.decisions.get(a.user);
    if (!m) this.decisions.set(a.user, (m = new Map()));
    const leaf = level(level(level(level(level(m, a.verb), a.group), a.resource), a.subresource ?? ''), a.namespace ?? '') as Map<string, boolean>;
    const name = a.name ?? '';
    let d = leaf.get(name);
    if (d === undefined) {
      d = this.decide(a);
      if (++this.decisionCount > MAX_DECISIONS) this.clearDecisions();
      leaf.set(name, d);
    }
    return d ? ALLOWED : DENIED;
  }

  private decide(a: Attributes): boolean {
    for (const r of this.rulesFor(a.user, a.namespace)) if (ruleAllows(r, a)) return true;
    return false;
  }

  private refresh(): void {
    if (!this.stale) return;
    this.cache.clear();
    this.clearDecisions();
    this.stale = false;
  }

  private clearDecisions(): void {
    this.decisions = new WeakMap();
    this.decisionCount = 0;
  }

  private userKey(user: UserInfo): string {
    let k = this.userKeys.get(user);
    if (k === undefined) this.userKeys.set(user, (k = `${user.username}|${user.groups.join(',')}`));
    return k;
  }

  /** Every rule that applies to the user in a namespace (for `auth can-i --list` and SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, namespace: string | undefined): PolicyRule[] {
    this.refresh();
    const key = `${this.userKey(user)}|${namespace ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rules: PolicyRule[] = [];
    for (const e of this.store.list('/registry/clusterrolebindings')) {
      const b = e.value as unknown as ClusterRoleBinding;
      if (bindsUser(b.subjects, user, undefined)) rules.push(...this.roleRules('ClusterRole', b.roleRef.name, undefined));
    }
    if (namespace) {
      for (const e of this.store.listDir(`/registry/rolebindings/${namespace}`)) {
        const b = e.value as unknown as RoleBinding;
        if (bindsUser(b.subjects, user, namespace)) rules.push(...this.roleRules(b.roleRef.kind, b.roleRef.name, namespace));
      }
    }
    this.cache.set(key, rules);
    return rules;
  }

  private roleRules(kind: string, name: string, namespace: string | undefined): PolicyRule[] {
    if (kind === 'ClusterRole') {
      const r = this.store.get(`/registry/clusterroles/${name}`)?.value as unknown as ClusterRole | undefined;
      return r?.rules ?? [];
    }
    const r = this.store.get(`/registry/roles/${namespace}/${name}`)?.value as unknown as Role | undefined;
    return r?.rules ?? [];
  }
}

function level(m: Map<string, unknown>, k: string): Map<string, unknown> {
  let n = m.get(k) as Map<string, unknown> | undefined;
  if (!n) m.set(k, (n = new Map()));
  return n;
}

function bindsUser(subjects: Subject[] | undefined, user: UserInfo, bindingNamespace: string | undefined): boolean {
  for (const s of subjects ?? []) {
    if (s.kind === 'User' && s.name === user.username) return true;
    if (s.kind === 'Group' && user.groups.includes(s.name)) return true;
    if (s.kind === 'ServiceAccount') {
      const ns = s.namespace ?? bindingNamespace;
      if (user.username === `system:serviceaccount:${ns}:${s.name}`) return true;
    }
  }
  return false;
}

function has(list: string[] | undefined, v: string): boolean {
  return !!list && (list.includes('*') || list.includes(v));
}

export function ruleAllows(r: PolicyRule, a: Attributes): boolean {
  if (!has(r.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (r.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(r.apiGroups, a.group)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = r.resources ?? [];
  const resOk = resources.includes('*') || resources.includes(res) || (a.subresource !== undefined && resources.includes(`*/${a.subresource}`)) || (a.subresource === undefined && false);
  if (!resOk) return false;
  if (r.resourceNames && r.resourceNames.length > 0) return a.name !== undefined && r.resourceNames.includes(a.name);
  return true;
}
