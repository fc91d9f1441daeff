/**
 * The simulated registries: which image references exist, their sizes and
 * digests, and the error containerd reports for the ones that don't (text as
 * the kubelet shows it after `Failed to pull image "x": `).
 */
import type { ImageSpec, ImageTag } from './types.js';
import { digestOf, parseImageRef, type ImageRef } from './reference.js';
import { libraryImages } from './library.js';
import { appImages } from './apps.js';
import { systemImages } from './system.js';
import { kedaImages } from './keda.js';

export interface ResolvedImage {
  ref: ImageRef;
  spec: ImageSpec;
  tag: string;
  info: ImageTag;
  /** `sha256:…` (the repo digest). */
  digest: string;
  /** `docker.io/library/nginx@sha256:…` (containerStatuses[].imageID). */
  imageID: string;
}

export type PullError = { code: 'NotFound' | 'Unknown'; message: string };

const byRepo = new Map<string, ImageSpec>();
for (const s of [...libraryImages, ...appImages, ...systemImages, ...kedaImages]) byRepo.set(s.repository, s);

/** Registries that answer (an unknown host fails DNS). */
const KNOWN_REGISTRIES = new Set(['docker.io', 'mcr.microsoft.com', 'registry.k8s.io', 'ghcr.io', 'quay.io', 'gcr.io', 'k8s.gcr.io', 'public.ecr.aws']);

export function allImages(): ImageSpec[] {
  return [...byRepo.values()];
}

function tagOf(spec: ImageSpec, tag: string): ImageTag | undefined {
  const t = spec.tags[tag];
  if (t) return t;
  if (spec.tagPattern && new RegExp(spec.tagPattern.regex).test(tag)) return { size: spec.tagPattern.size, version: tag };
  return undefined;
}

/** Resolve a reference against the catalogue: the image, or the error a pull would give. */
export function resolveImage(image: string): { ok: true; image: ResolvedImage } | { ok: false; invalid?: string; error?: PullError } {
  const ref = parseImageRef(image);
  if ('error' in ref) return { ok: false, invalid: ref.error };
  const spec = byRepo.get(ref.repository);
  const full = ref.full;
  const unpack = (detail: string) => `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${detail}`;
  if (!spec) {
    if (ref.registry === 'docker.io')
      return { ok: false, error: { code: 'Unknown', message: unpack('pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed') } };
    if (ref.registry.endsWith('.azurecr.io')) {
      const repo = ref.repository.slice(ref.registry.length + 1);
      return {
        ok: false,
        error: { code: 'Unknown', message: unpack(`failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://${ref.registry}/oauth2/token?scope=repository%3A${repo}%3Apull&service=${ref.registry}: 401 Unauthorized`) },
      };
    }
    if (!KNOWN_REGISTRIES.has(ref.registry)) {
      const path = ref.repository.slice(ref.registry.length + 1);
      return { ok: false, error: { code: 'Unknown', message: unpack(`failed to do request: Head "https://${ref.registry}/v2/${path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${ref.registry.split(':')[0]} on 168.63.129.16:53: no such host`) } };
    }
    return { ok: false, error: { code: 'NotFound', message: unpack(`${full}: not found`) } };
  }
  let tag = ref.tag;
  if (ref.digest) tag = Object.keys(spec.tags).find((t) => digestOf(`${spec.repository}:${t}`) === ref.digest);
  const info = tag ? tagOf(spec, tag) : undefined;
  if (!tag || !info) return { ok: false, error: { code: 'NotFound', message: unpack(`${full}: not found`) } };
  const digest = digestOf(`${spec.repository}:${tag}`);
  return { ok: true, image: { ref, spec, tag, info, digest, imageID: `${spec.repository}@${digest}` } };
}
