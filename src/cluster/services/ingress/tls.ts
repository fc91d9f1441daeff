/**
 * The certificate ingress-nginx presents: the one in the `kubernetes.io/tls`
 * Secret an Ingress's `tls` section names for the SNI host (read with
 * node's X509 parser), or — when the Secret is missing or not a valid
 * certificate, or no TLS section covers the host — the controller's
 * self-signed "Kubernetes Ingress Controller Fake Certificate".
 */
import { X509Certificate } from 'node:crypto';
import type { Secret } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.js';

export interface TlsInfo {
  subject: string;
  issuer: string;
  /** DNS names in subjectAltName. */
  sans: string[];
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  /** The controller's default certificate (no usable Secret). */
  fake: boolean;
  /** `namespace/name` of the Secret it came from. */
  secret?: string;
}

const FAKE_SUBJECT = 'O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate';

function gmt(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/** The fake certificate a controller generated when it started (valid one year). */
export function fakeCertificate(startedAtMs: number): TlsInfo {
  return { subject: FAKE_SUBJECT, issuer: FAKE_SUBJECT, sans: ['ingress.local'], notBefore: gmt(startedAtMs), notAfter: gmt(startedAtMs + 365 * 86_400_000), selfSigned: true, fake: true };
}

/** The certificate in a TLS Secret, or why it can't be used. */
export function secretCertificate(cluster: Cluster, namespace: string, name: string): { ok: true; cert: TlsInfo } | { ok: false; reason: string } {
  const def = cluster.registry.get('', 'secrets');
  const s = def ? (cluster.store.get(cluster.api.keyOf(def, namespace, name))?.value as Secret | undefined) : undefined;
  if (!s) return { ok: false, reason: `secret ${namespace}/${name} was not found` };
  const crt = s.data?.['tls.crt'];
  if (!crt || !s.data?.['tls.key']) return { ok: false, reason: `secret ${namespace}/${name} has no tls.crt/tls.key` };
  try {
    const x = new X509Certificate(Buffer.from(crt, 'base64'));
    const dn = (t: string) => t.split('\n').filter(Boolean).join('; ');
    const sans = (x.subjectAltName ?? '').split(', ').filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4));
    return { ok: true, cert: { subject: dn(x.subject), issuer: dn(x.issuer), sans, notBefore: x.validFrom, notAfter: x.validTo, selfSigned: x.subject === x.issuer, fake: false, secret: `${namespace}/${name}` } };
  } catch {
    return { ok: false, reason: `secret ${namespace}/${name}: tls.crt is not a valid PEM certificate` };
  }
}

/** Does a certificate name (possibly `*.example.com`) cover a host, as TLS hostname checks do (one label)? */
export function nameCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const rest = host.slice(host.indexOf('.') + 1);
  return host.includes('.') && rest === pattern.slice(2);
}

export function certCovers(cert: TlsInfo, host: string): boolean {
  const names = cert.sans.length ? cert.sans : [/CN=([^;]+)/.exec(cert.subject)?.[1] ?? ''];
  return names.some((n) => nameCovers(n, host));
}
