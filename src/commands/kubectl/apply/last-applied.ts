/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation: the
 * applied configuration serialized as JSON (without the annotation itself,
 * with `annotations: {}` left behind) and a trailing newline, as kubectl's
 * GetModifiedConfiguration writes it.
 */
import type { KObject } from '../../../cluster/api/types.js';
import { clone } from '../../../cluster/api/paths.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const escapeHtml = (s: string) => s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Go's json.Marshal of a map: keys sorted, compact, HTML-escaped. */
export function sortedJson(v: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(v)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sortKeys(o[k]);
  return out;
}

/** The modified configuration (what goes into the annotation) for an object. `sorted` for unstructured manifests. */
export function modifiedConfiguration(obj: KObject, sorted = true): string {
  const c = clone(obj);
  const meta = (c.metadata ??= {});
  const annotations = { ...(meta.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  meta.annotations = annotations;
  return `${sorted ? sortedJson(c) : escapeHtml(JSON.stringify(c))}\n`;
}

/** A copy of obj carrying its own last-applied annotation (create --save-config, apply). */
export function lastAppliedAnnotation(obj: KObject, sorted = false): KObject {
  const c = clone(obj);
  const value = modifiedConfiguration(obj, sorted);
  c.metadata = { ...(c.metadata ?? {}), annotations: { ...(c.metadata?.annotations ?? {}), [LAST_APPLIED]: value } };
  return c;
}
