/** Shared shapes of the API machinery. Objects use kubernetes-types where a kind has one. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** Any Kubernetes object as stored: apiVersion, kind, metadata and the rest. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** ObjectMeta with the server-owned fields writable (kubernetes-types marks them readonly). */
export type Meta = Mutable<ObjectMeta>;

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Meta;
  [field: string]: unknown;
}

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** metav1.Status as kube-apiserver sends it. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number; uid?: string };
  code: number;
}

export type Stage = 'authentication' | 'authorization' | 'mutating-admission' | 'validation' | 'validating-admission' | 'storage' | 'routing';

export type ApiResult<T = KObject> =
  | { ok: true; code: number; object: T; warnings?: string[] }
  | { ok: false; status: Status; stage: Stage };

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface KList<T = KObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}
