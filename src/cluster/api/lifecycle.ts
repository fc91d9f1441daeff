/** Metadata the API server owns: uid, timestamps, generation, and deletion state. */
import type { KObject } from './types.js';
import { deepEqual } from './paths.js';

let lastMs = NaN;
let lastIso = '';
export function isoTime(ms: number): string {
  // Many writes share one instant of the simulated clock: format it once.
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastMs = ms;
  }
  return lastIso;
}

/** Everything but metadata and status: what bumps `metadata.generation`. */
export function specOf(o: KObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

export function specChanged(a: KObject, b: KObject): boolean {
  return !deepEqual(specOf(a), specOf(b));
}

/** Deletion can finish: marked for deletion and no finalizer left (metadata or, for namespaces, spec). */
export function readyToRemove(o: KObject): boolean {
  if (!o.metadata?.deletionTimestamp) return false;
  if ((o.metadata.finalizers ?? []).length > 0) return false;
  // A graceful deletion still in progress (a pod terminating) is finished by its own delete.
  if ((o.metadata.deletionGracePeriodSeconds ?? 0) > 0) return false;
  const specFinalizers = (o.spec as { finalizers?: string[] } | undefined)?.finalizers;
  if (o.kind === 'Namespace' && (specFinalizers ?? []).length > 0) return false;
  return true;
}
