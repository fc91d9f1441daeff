/**
 * Image references as containerd reads them: `nginx` is
 * `docker.io/library/nginx:latest`, `bitnami/redis` is `docker.io/bitnami/redis`,
 * a first component with a dot, a colon or `localhost` is a registry host.
 */
export interface ImageRef {
  /** What the pod spec said. */
  raw: string;
  /** `docker.io`, `mcr.microsoft.com`, … */
  registry: string;
  /** `docker.io/library/nginx` */
  repository: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` (or `…@sha256:…` for digest references). */
  full: string;
}

/**
 * Parse a reference; a bad one gives the kubelet's InvalidImageName text
 * (`couldn't parse image name "X": invalid reference format…`).
 */
export function parseImageRef(raw: string): ImageRef | { error: string } {
  const text = raw;
  const bad = (why = 'invalid reference format') => ({ error: `couldn't parse image name ${JSON.stringify(raw)}: ${why}` });
  if (!text || /\s/.test(text)) return bad();
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return bad();
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return bad();
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (parts.some((p) => /[A-Z]/.test(p))) return bad(`invalid reference format: repository name (${parts.join('/')}) must be lowercase`);
  if (parts.length === 0 || parts.some((p) => !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p))) return bad();
  const repository = `${registry}/${parts.join('/')}`;
  if (!tag && !digest) tag = 'latest';
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { raw: text, registry, repository, tag, digest, full };
}

/** A stable sha256-shaped digest for a name (the simulated registry's content address). */
export function digestOf(name: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}
