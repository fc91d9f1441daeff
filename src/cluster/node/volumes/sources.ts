/**
 * The files of the volumes the kubelet writes itself (atomic-writer volumes):
 * configMap, secret, downwardAPI and projected (service account token, the
 * cluster CA, the namespace, and configMap/secret/downwardAPI sources), with
 * `items`, `defaultMode`/`mode`, `optional`, and upstream's FailedMount texts.
 */
import type { ConfigMap, Container, DownwardAPIVolumeFile, KeyToPath, Pod, Secret, Volume } from 'kubernetes-types/core/v1.js';
import type { ConfigReader } from '../container-config.js';
import { parseQuantity } from '../../api/quantity.js';

export type Files = Record<string, { text: string; mode: number }>;
export type Contents = { files: Files } | { error: string };

export interface SourceEnv {
  cfg: ConfigReader;
  now: number;
  /** Node allocatable cpu/memory: what a resourceFieldRef gives for a container without limits. */
  allocatable: { cpu: string; memory: string };
}

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
const quote = (s: string) => JSON.stringify(s);

/** Is this a volume the kubelet writes itself (and keeps up to date)? */
export function isAtomicWriter(v: Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI || v.projected);
}

function pick(data: Record<string, string>, items: KeyToPath[] | undefined, dflt: number, what: string, out: Files): string | undefined {
  if (!items?.length) {
    for (const k of Object.keys(data).sort()) out[k] = { text: data[k]!, mode: dflt };
    return undefined;
  }
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) return `${what} references non-existent config key: ${it.key}`;
    out[it.path] = { text: v, mode: it.mode ?? dflt };
  }
  return undefined;
}

function configMapData(cm: ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = b64(v);
  return out;
}

function secretData(s: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = b64(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** A service account token as the TokenRequest API would issue it (unsigned here; the claims are real-shaped). */
export function serviceAccountToken(pod: Pod, audience: string | undefined, expirationSeconds: number, now: number): string {
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', kid: 'kubedojo' };
  const claims = {
    aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'],
    exp: iat + expirationSeconds,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: pod.metadata?.uid ?? '',
    'kubernetes.io': { namespace: ns, node: { name: pod.spec?.nodeName ?? '' }, pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' }, serviceaccount: { name: sa } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(`kubedojo-signature-${pod.metadata?.uid ?? ''}`)}`;
}

const FALLBACK_CA = '-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQa3ViZWRvam8tY2x1c3Rlci1jYTANBgkqhkiG9w0BAQsF\n-----END CERTIFICATE-----\n';

function fieldValue(pod: Pod, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]!] ?? '';
  const map = (o: Record<string, string> | undefined) =>
    Object.keys(o ?? {})
      .sort()
      .map((k) => `${k}=${quote(o![k]!)}`)
      .join('\n');
  switch (path) {
    case 'metadata.labels':
      return map(pod.metadata?.labels);
    case 'metadata.annotations':
      return map(pod.metadata?.annotations);
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    default:
      return undefined;
  }
}

function resourceValue(pod: Pod, containerName: string | undefined, resource: string, divisor: string | undefined, env: SourceEnv): string {
  const c: Container | undefined = (pod.spec?.containers ?? []).find((x) => x.name === containerName) ?? pod.spec?.containers?.[0];
  const [kind, what] = resource.split('.') as [string, string];
  const q = (kind === 'limits' ? c?.resources?.limits : c?.resources?.requests)?.[what] ?? (kind === 'limits' ? env.allocatable[what as 'cpu' | 'memory'] : undefined) ?? '0';
  const d = parseQuantity(divisor ?? '1') || 1;
  const v = (parseQuantity(String(q)) ?? 0) / d;
  return String(Math.ceil(v - 1e-9));
}

function downward(pod: Pod, items: DownwardAPIVolumeFile[], dflt: number, env: SourceEnv, out: Files): string | undefined {
  for (const it of items) {
    let text: string | undefined;
    if (it.fieldRef) {
      text = fieldValue(pod, it.fieldRef.fieldPath);
      if (text === undefined) return `unsupported fieldPath: ${it.fieldRef.fieldPath}`;
    } else if (it.resourceFieldRef) text = resourceValue(pod, it.resourceFieldRef.containerName, it.resourceFieldRef.resource, it.resourceFieldRef.divisor === undefined ? undefined : String(it.resourceFieldRef.divisor), env);
    out[it.path] = { text: text ?? '', mode: it.mode ?? dflt };
  }
  return undefined;
}

/** The files of an atomic-writer volume now, or the FailedMount detail. */
export function volumeContents(pod: Pod, v: Volume, env: SourceEnv): Contents {
  const ns = pod.metadata?.namespace ?? 'default';
  const files: Files = {};
  if (v.configMap) {
    const name = v.configMap.name ?? '';
    const cm = env.cfg.configMap(ns, name);
    if (!cm) return v.configMap.optional ? { files } : { error: `configmap "${name}" not found` };
    const err = pick(configMapData(cm), v.configMap.items, v.configMap.defaultMode ?? 0o644, 'configmap', files);
    return err && !v.configMap.optional ? { error: err } : { files };
  }
  if (v.secret) {
    const name = v.secret.secretName ?? '';
    const s = env.cfg.secret(ns, name);
    if (!s) return v.secret.optional ? { files } : { error: `secret "${name}" not found` };
    const err = pick(secretData(s), v.secret.items, v.secret.defaultMode ?? 0o644, 'secret', files);
    return err && !v.secret.optional ? { error: err } : { files };
  }
  if (v.downwardAPI) {
    const err = downward(pod, v.downwardAPI.items ?? [], v.downwardAPI.defaultMode ?? 0o644, env, files);
    return err ? { error: err } : { files };
  }
  if (v.projected) {
    const dflt = v.projected.defaultMode ?? 0o644;
    for (const src of v.projected.sources ?? []) {
      if (src.serviceAccountToken) {
        const t = src.serviceAccountToken;
        files[t.path] = { text: serviceAccountToken(pod, t.audience, t.expirationSeconds ?? 3600, env.now), mode: dflt };
      } else if (src.configMap) {
        const name = src.configMap.name ?? '';
        const cm = env.cfg.configMap(ns, name);
        if (!cm) {
          // The kube-api-access volume needs kube-root-ca.crt; a bare cluster without the publisher still gets a CA.
          if (name === 'kube-root-ca.crt' && v.name.startsWith('kube-api-access-')) {
            files['ca.crt'] = { text: FALLBACK_CA, mode: dflt };
            continue;
          }
          if (src.configMap.optional) continue;
          return { error: `configmap "${name}" not found` };
        }
        const err = pick(configMapData(cm), src.configMap.items, dflt, 'configmap', files);
        if (err && !src.configMap.optional) return { error: err };
      } else if (src.secret) {
        const name = src.secret.name ?? '';
        const s = env.cfg.secret(ns, name);
        if (!s) {
          if (src.secret.optional) continue;
          return { error: `secret "${name}" not found` };
        }
        const err = pick(secretData(s), src.secret.items, dflt, 'secret', files);
        if (err && !src.secret.optional) return { error: err };
      } else if (src.downwardAPI) {
        const err = downward(pod, src.downwardAPI.items ?? [], dflt, env, files);
        if (err) return { error: err };
      }
    }
    return { files };
  }
  return { files };
}
