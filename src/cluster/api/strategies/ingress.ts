/**
 * networking.k8s.io/v1 Ingress and IngressClass: defaults and validation
 * with the field paths and messages of upstream's
 * pkg/apis/networking/validation (pathType required, absolute paths, host
 * and wildcard rules, backend service xor resource, TLS hosts and secret
 * names, the IngressClass controller as a domain-prefixed path).
 */
import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass, IngressClassParametersReference } from 'kubernetes-types/networking/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { GoLiteral } from '../status.js';
import { forbiddenField, immutable, inRange, invalidValue, notSupported, required } from '../validation/common.js';
import { DNS1123_SUBDOMAIN_MSG, nameErrors } from '../validation/names.js';
import { portNameErrors } from '../validation/pod-spec.js';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostErrors(host: string, field: string): { errs: FieldError[]; wildcard: boolean } {
  const errs: FieldError[] = [];
  if (host.includes('*')) {
    if (host.length > 253) errs.push(invalidValue(field, host, 'must be no more than 253 characters'));
    if (!WILDCARD.test(host)) errs.push(invalidValue(field, host, WILDCARD_MSG));
    return { errs, wildcard: true };
  }
  if (host.length > 253) errs.push(invalidValue(field, host, 'must be no more than 253 characters'));
  if (!SUBDOMAIN.test(host)) errs.push(invalidValue(field, host, DNS1123_SUBDOMAIN_MSG));
  return { errs, wildcard: false };
}

function typedRefErrors(ref: { apiGroup?: string; kind?: string; name?: string }, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined) errs.push(...nameErrors(ref.apiGroup, 'subdomain', `${field}.apiGroup`));
  if (!ref.kind) errs.push(required(`${field}.kind`, 'kind is required'));
  else errs.push(...nameErrors(ref.kind, 'path-segment', `${field}.kind`));
  if (!ref.name) errs.push(required(`${field}.name`, 'name is required'));
  else errs.push(...nameErrors(ref.name, 'path-segment', `${field}.name`));
  return errs;
}

export function backendErrors(b: IngressBackend, field: string): FieldError[] {
  if (b.resource && b.service) return [invalidValue(field, '', 'cannot set both resource and service backends')];
  if (b.resource) return typedRefErrors(b.resource, `${field}.resource`);
  if (!b.service) return [invalidValue(field, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const s = b.service;
  if (!s.name) errs.push(required(`${field}.service.name`, ''));
  else errs.push(...nameErrors(s.name, 'dns1035', `${field}.service.name`));
  const name = s.port?.name ?? '';
  const num = s.port?.number ?? 0;
  if (name && num) errs.push(invalidValue(field, '', 'cannot set both port name & port number'));
  else if (name) errs.push(...portNameErrors(name, `${field}.service.port.name`));
  else if (num) errs.push(...inRange(num, 1, 65535, `${field}.service.port.number`));
  else errs.push(required(field, 'port name or number is required'));
  return errs;
}

function pathErrors(p: HTTPIngressPath, field: string): FieldError[] {
  if (p.pathType === undefined || p.pathType === null) return [required(`${field}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const path = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!path.startsWith('/')) errs.push(invalidValue(`${field}.path`, path, 'must be an absolute path'));
    if (path.length > 0) {
      for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) errs.push(invalidValue(`${field}.path`, path, `must not contain '${seq}'`));
      for (const suf of INVALID_SUFFIXES) if (path.endsWith(suf)) errs.push(invalidValue(`${field}.path`, path, `cannot end with '${suf}'`));
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (path.length > 0 && !path.startsWith('/')) errs.push(invalidValue(`${field}.path`, path, 'must be an absolute path'));
  } else errs.push(notSupported(`${field}.pathType`, p.pathType, PATH_TYPES));
  errs.push(...backendErrors(p.backend ?? {}, `${field}.backend`));
  return errs;
}

export function ingressSpecErrors(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {};
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) errs.push(invalidValue('spec', new GoLiteral(spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errs.push(...backendErrors(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    if (r.host) {
      if (IPV4.test(r.host) || (r.host.includes(':') && /^[0-9a-fA-F:]+$/.test(r.host))) errs.push(invalidValue(`${f}.host`, r.host, 'must be a DNS name, not an IP address'));
      errs.push(...hostErrors(r.host, `${f}.host`).errs);
    }
    if (r.http) {
      const paths = r.http.paths ?? [];
      if (paths.length === 0) errs.push(required(`${f}.http.paths`, ''));
      paths.forEach((p, j) => errs.push(...pathErrors(p, `${f}.http.paths[${j}]`)));
    }
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => errs.push(...hostErrors(h, `spec.tls[${i}].hosts[${j}]`).errs));
    if (t.secretName) errs.push(...nameErrors(t.secretName, 'subdomain', `spec.tls[${i}].secretName`));
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) errs.push(...nameErrors(spec.ingressClassName, 'subdomain', 'spec.ingressClassName'));
  return errs;
}

function domainPrefixedPathErrors(v: string, field: string): FieldError[] {
  if (!v) return [required(field, '')];
  const i = v.indexOf('/');
  if (i <= 0 || i === v.length - 1) return [invalidValue(field, v, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = v.slice(0, i);
  const path = v.slice(i + 1);
  const errs = nameErrors(host, 'subdomain', field);
  if (!HTTP_PATH.test(path)) errs.push(invalidValue(field, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  return errs;
}

function parametersErrors(p: IngressClassParametersReference | undefined, field: string): FieldError[] {
  if (!p) return [];
  const errs = typedRefErrors(p, field);
  if (p.scope === undefined) return [...errs, required(`${field}.scope`, '')];
  if (p.scope !== 'Cluster' && p.scope !== 'Namespace') return [...errs, notSupported(`${field}.scope`, p.scope, ['Cluster', 'Namespace'])];
  if (p.scope === 'Namespace') {
    if (p.namespace === undefined) errs.push(required(`${field}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else errs.push(...nameErrors(p.namespace, 'label', `${field}.namespace`));
  }
  if (p.scope === 'Cluster' && p.namespace !== undefined) errs.push(forbiddenField(`${field}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  return errs;
}

export const ingressStrategies: StrategyMap = {
  'networking.k8s.io/ingresses': {
    defaults(o, _ctx, old) {
      const ing = o as Ingress & KObject;
      ing.spec ??= {};
      if (!old) (ing as KObject).status ??= { loadBalancer: {} };
    },
    validate(o, _ctx, old) {
      const ing = o as Ingress & KObject;
      const errs = ingressSpecErrors(ing);
      const ann = ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
      if (!old && ann !== undefined && ing.spec?.ingressClassName && ann !== ing.spec.ingressClassName) {
        errs.push(invalidValue(`annotations.${INGRESS_CLASS_ANNOTATION}`, ann, 'must match `ingressClassName` when both are specified'));
      }
      return errs;
    },
  },
  'networking.k8s.io/ingressclasses': {
    defaults(o) {
      const ic = o as IngressClass & KObject;
      ic.spec ??= {};
      if (ic.spec.parameters && ic.spec.parameters.scope === undefined) ic.spec.parameters.scope = 'Cluster';
    },
    validate(o, _ctx, old) {
      const ic = o as IngressClass & KObject;
      const c = ic.spec?.controller ?? '';
      const errs: FieldError[] = [];
      if (c.length > 250) errs.push({ type: 'TooLong', field: 'spec.controller', detail: 'may not be more than 250 bytes' });
      errs.push(...domainPrefixedPathErrors(c, 'spec.controller'));
      errs.push(...parametersErrors(ic.spec?.parameters, 'spec.parameters'));
      if (old) errs.unshift(...immutable((old as IngressClass).spec?.controller, c, 'spec.controller'));
      return errs;
    },
  },
};
