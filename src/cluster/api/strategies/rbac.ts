/** Strategies of rbac.authorization.k8s.io/v1: rule shapes, role references, subjects. */
import type { PolicyRule, RoleRef, Subject } from 'kubernetes-types/rbac/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { GoLiteral } from '../status.js';
import { invalidValue, notSupported, required } from '../validation/common.js';
import { deepEqual } from '../paths.js';
import { nameErrors } from '../validation/names.js';

const GROUP = 'rbac.authorization.k8s.io';

function rulesErrors(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((r, i) => {
    const f = `rules[${i}]`;
    if ((r.verbs ?? []).length === 0) errs.push(required(`${f}.verbs`, 'verbs must contain at least one value'));
    const nonResource = (r.nonResourceURLs ?? []).length > 0;
    if (nonResource) {
      if (namespaced) errs.push(invalidValue(`${f}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if ((r.apiGroups ?? []).length > 0 || (r.resources ?? []).length > 0 || (r.resourceNames ?? []).length > 0)
        errs.push(invalidValue(`${f}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      return;
    }
    if ((r.apiGroups ?? []).length === 0) errs.push(required(`${f}.apiGroups`, 'resource rules must supply at least one api group'));
    if ((r.resources ?? []).length === 0) errs.push(required(`${f}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

function roleRefErrors(ref: RoleRef | undefined, kinds: string[]): FieldError[] {
  if (!ref) return [required('roleRef')];
  const errs: FieldError[] = [];
  if (ref.apiGroup !== GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else errs.push(...nameErrors(ref.name, 'path-segment', 'roleRef.name'));
  return errs;
}

function subjectsErrors(subjects: Subject[] | undefined, clusterScoped: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (subjects ?? []).forEach((s, i) => {
    const f = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${f}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(`${f}.apiGroup`, s.apiGroup, ['']));
        if (s.name) errs.push(...nameErrors(s.name, 'subdomain', `${f}.name`));
        if (clusterScoped && !s.namespace) errs.push(required(`${f}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== GROUP) errs.push(notSupported(`${f}.apiGroup`, s.apiGroup ?? '', [GROUP]));
        break;
      default:
        errs.push(notSupported(`${f}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

function roleRefImmutable(o: KObject, old: KObject | undefined): FieldError[] {
  if (!old || deepEqual(old.roleRef, o.roleRef)) return [];
  const r = o.roleRef as RoleRef;
  return [invalidValue('roleRef', new GoLiteral(`rbac.RoleRef{APIGroup:${JSON.stringify(r?.apiGroup ?? '')}, Kind:${JSON.stringify(r?.kind ?? '')}, Name:${JSON.stringify(r?.name ?? '')}}`), 'cannot change roleRef')];
}

function defaultSubjects(o: KObject): void {
  for (const s of (o.subjects as Subject[] | undefined) ?? []) {
    if ((s.kind === 'User' || s.kind === 'Group') && s.apiGroup === undefined) s.apiGroup = GROUP;
  }
}

export const rbacStrategies: StrategyMap = {
  [`${GROUP}/roles`]: { validate: (o) => rulesErrors(o.rules as PolicyRule[] | undefined, true) },
  [`${GROUP}/clusterroles`]: { validate: (o) => rulesErrors(o.rules as PolicyRule[] | undefined, false) },
  [`${GROUP}/rolebindings`]: {
    defaults: defaultSubjects,
    validate: (o, _c, old) => [...roleRefErrors(o.roleRef as RoleRef | undefined, ['Role', 'ClusterRole']), ...subjectsErrors(o.subjects as Subject[] | undefined, false), ...roleRefImmutable(o, old)],
  },
  [`${GROUP}/clusterrolebindings`]: {
    defaults: defaultSubjects,
    validate: (o, _c, old) => [...roleRefErrors(o.roleRef as RoleRef | undefined, ['ClusterRole']), ...subjectsErrors(o.subjects as Subject[] | undefined, true), ...roleRefImmutable(o, old)],
  },
};
