import { describe, expect, it } from 'vitest';
import { bareEnv } from '../services/fixtures.js';
import { sh } from '../helpers.js';

const ing = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
const path = (p: Record<string, unknown>) => ({ rules: [{ host: 'shop.example.com', http: { paths: [p] } }] });
const backend = { service: { name: 'web', port: { number: 80 } } };

function rejects(spec: Record<string, unknown>, annotations?: Record<string, string>): string {
  const { cluster } = bareEnv();
  const rev = cluster.store.revision;
  const r = cluster.admin.create('ingresses.networking.k8s.io', 'default', ing('shop', spec, annotations));
  expect(cluster.store.revision).toBe(rev);
  if (r.ok) throw new Error('accepted');
  return r.status.message;
}

describe('Ingress validation (upstream messages, store unchanged)', () => {
  it('requires pathType and an absolute path', () => {
    expect(rejects(path({ path: '/', backend }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
    expect(rejects(path({ path: 'api', pathType: 'Prefix', backend }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    expect(rejects(path({ path: '/', pathType: 'Regex', backend }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"');
    expect(rejects(path({ path: '/a//b', pathType: 'Exact', backend }))).toBe(`Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'`);
  });

  it('checks hosts: no IPs, wildcards only as a leading *.', () => {
    expect(rejects({ rules: [{ host: '*', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })).toMatch(/^Ingress.networking.k8s.io "shop" is invalid: spec.rules\[0\].host: Invalid value: "\*": a wildcard DNS-1123 subdomain must start with '\*.', followed by a valid DNS subdomain/);
    expect(rejects({ rules: [{ host: '10.1.2.3', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].host: Invalid value: "10.1.2.3": must be a DNS name, not an IP address');
  });

  it('wants a backend: service xor resource, a port name or number', () => {
    expect(rejects(path({ path: '/', pathType: 'Prefix', backend: {} }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required');
    expect(rejects(path({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required');
    expect(rejects(path({ path: '/', pathType: 'Prefix', backend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }))).toBe('Ingress.networking.k8s.io "shop" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends');
    expect(rejects({})).toBe('Ingress.networking.k8s.io "shop" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  });

  it('checks TLS hosts and the class annotation against ingressClassName', () => {
    expect(rejects({ ...path({ path: '/', pathType: 'Prefix', backend }), tls: [{ hosts: ['Shop.example.com'], secretName: 'shop-tls' }] })).toMatch(/spec.tls\[0\].hosts\[0\]: Invalid value: "Shop.example.com": a lowercase RFC 1123 subdomain/);
    expect(rejects({ ...path({ path: '/', pathType: 'Prefix', backend }), ingressClassName: 'nginx' }, { 'kubernetes.io/ingress.class': 'other' })).toBe('Ingress.networking.k8s.io "shop" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "other": must match `ingressClassName` when both are specified');
  });

  it('IngressClass: controller must be a domain-prefixed path and is immutable', () => {
    const { cluster } = bareEnv();
    const bad = cluster.admin.create('ingressclasses.networking.k8s.io', undefined, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'x' }, spec: { controller: 'nginx' } });
    expect(!bad.ok && bad.status.message).toBe('IngressClass.networking.k8s.io "x" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
    const ok = cluster.admin.create('ingressclasses.networking.k8s.io', undefined, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'x', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } });
    expect(ok.ok).toBe(true);
    const upd = cluster.admin.patch('ingressclasses.networking.k8s.io', undefined, 'x', { spec: { controller: 'example.com/other' } }, 'merge');
    expect(!upd.ok && upd.status.message).toBe('IngressClass.networking.k8s.io "x" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable');
    // The default class annotation fills in ingressClassName on create.
    const created = cluster.admin.create('ingresses.networking.k8s.io', 'default', ing('shop', path({ path: '/', pathType: 'Prefix', backend })));
    expect(created.ok && (created.object as any).spec.ingressClassName).toBe('x');
  });

  it('prints get ingress / ingressclass columns and describe ingress as kubectl does', () => {
    const { env, cluster } = bareEnv();
    cluster.admin.create('ingressclasses.networking.k8s.io', undefined, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } });
    cluster.admin.create('ingresses.networking.k8s.io', 'default', ing('shop', { ingressClassName: 'nginx', ...path({ path: '/', pathType: 'Prefix', backend }), tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }));
    expect(sh(env, 'kubectl get ingress').out.trimEnd()).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nshop\s+nginx\s+shop.example.com\s+80, 443\s+\d+s$/);
    expect(sh(env, 'kubectl get ingressclass').out.trimEnd()).toMatch(/^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s.io\/ingress-nginx\s+<none>\s+\d+s$/);
    const d = sh(env, 'kubectl describe ingress shop').out;
    expect(d).toContain('Default backend:  <default>');
    expect(d).toContain('TLS:\n  shop-tls terminates shop.example.com\nRules:\n  Host              Path  Backends\n  ----              ----  --------\n  shop.example.com  \n                    /   web:80 (<error: services "web" not found>)');
  });
});
