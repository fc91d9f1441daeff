/** What curl prints about a response it got: exit codes, status reason phrases, the server certificate under -v, and why it would refuse it. */
import type { TlsInfo } from '../cluster/services/ingress/tls.js';
import { certCovers } from '../cluster/services/ingress/tls.js';

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 308: 'Permanent Redirect', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

export function curlExitCode(error: string): number {
  if (error === 'dns' || error === 'dns-timeout') return 6;
  if (error === 'timeout' || error === 'no-route') return 28;
  if (error === 'tls') return 35;
  return 7;
}

/** Why curl (with no CA that knows kubedojo's certificates) would not trust this one. */
export function tlsProblem(cert: TlsInfo, host: string): string | undefined {
  if (cert.selfSigned) return 'SSL certificate problem: self-signed certificate';
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host) && !certCovers(cert, host)) return `SSL: no alternative certificate subject name matches target host name '${host}'`;
  return 'SSL certificate problem: unable to get local issuer certificate';
}

/** The `* Server certificate:` block of `curl -v`. */
export function certificateLines(cert: TlsInfo, host: string, insecure: boolean): string[] {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const match = cert.sans.find((n) => certCovers({ ...cert, sans: [n] }, host));
  const lines = [
    '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS',
    '* Server certificate:',
    `*  subject: ${cert.subject}`,
    `*  start date: ${cert.notBefore}`,
    `*  expire date: ${cert.notAfter}`,
    isIp ? `*  subjectAltName does not match ipv4 address ${host}` : match ? `*  subjectAltName: host "${host}" matched cert's "${match}"` : `*  subjectAltName does not match host name ${host}`,
    `*  issuer: ${cert.issuer}`,
  ];
  const problem = tlsProblem(cert, host);
  if (insecure && problem) lines.push(`*  SSL certificate verify result: ${cert.selfSigned ? 'self-signed certificate (18)' : 'unable to get local issuer certificate (20)'}, continuing anyway.`);
  return lines;
}
