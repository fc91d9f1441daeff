/** One request to the API server, as kubectl, a controller or serve mode sends it. */
import type { PatchType, PropagationPolicy, UserInfo, Verb } from './types.js';

export interface RequestOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** dryRun=All */
  dryRun?: boolean;
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
  fieldManager?: string;
  force?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Return a meta.k8s.io/v1 Table instead of objects (`as=Table`). */
  asTable?: boolean;
  /** Include priority-1 columns in the Table (`-o wide` is decided by kubectl, but printers may skip work). */
  wide?: boolean;
  /** Table rows carry the full object instead of PartialObjectMetadata. */
  includeObject?: boolean;
  /** `fieldValidation`: Strict rejects fields the kind's schema doesn't have; Ignore and Warn (the default) let them through. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Query parameters of subresources (`pods/log`: container, previous, tailLines, timestamps…). */
  params?: Record<string, string>;
}

export interface ApiRequest {
  verb: Verb;
  group: string;
  version?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: unknown;
  patchType?: PatchType;
  /** An in-process caller that is already authenticated (components, the learner's session). */
  user?: UserInfo;
  /** A bearer token to authenticate (serve mode). */
  token?: string;
  /** `--as` / `--as-group`: act as another user, if allowed to impersonate. */
  impersonate?: { user: string; groups?: string[] };
  options?: RequestOptions;
  /** What was typed, for the trace (`kubectl scale`). */
  command?: string;
}
