/**
 * Errors as values: every expected failure is a metav1.Status with the reason and
 * message kube-apiserver uses. kubectl renders them; nothing here throws.
 */
import type { Status, StatusCause } from './types.js';

/** `pods`, `deployments.apps`: how the API server names a resource in messages. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

function failure(code: number, reason: string, message: string, details?: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

export function notFound(resource: string, group: string, name: string): Status {
  return failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group: group || undefined, kind: resource });
}

export function alreadyExists(resource: string, group: string, name: string): Status {
  return failure(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, { name, group: group || undefined, kind: resource });
}

export function conflict(resource: string, group: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): Status {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, { name, group: group || undefined, kind: resource });
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unauthorized(): Status {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function gone(message: string): Status {
  return failure(410, 'Expired', message);
}

export function tooManyRequests(message: string, retryAfterSeconds?: number): Status {
  return failure(429, 'TooManyRequests', message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
}

export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function notFoundPath(): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource');
}

/**
 * `pods "x" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "default"`.
 * Lists and cluster-scoped requests drop the name / namespace clause as upstream does.
 */
export function forbidden(opts: {
  user: string;
  verb: string;
  resource: string;
  subresource?: string;
  group: string;
  namespace?: string;
  name?: string;
  reason?: string;
}): Status {
  const res = opts.subresource ? `${opts.resource}/${opts.subresource}` : opts.resource;
  const subject = opts.name ? `${qualified(opts.resource, opts.group)} "${opts.name}"` : qualified(opts.resource, opts.group);
  const scope = opts.namespace ? `in the namespace "${opts.namespace}"` : 'at the cluster scope';
  let msg = `${subject} is forbidden: User "${opts.user}" cannot ${opts.verb} resource "${res}" in API group "${opts.group}" ${scope}`;
  if (opts.reason) msg += `: ${opts.reason}`;
  return failure(403, 'Forbidden', msg, { name: opts.name, group: opts.group || undefined, kind: opts.resource });
}

/** A plain Forbidden with a message of its own (admission plugins). */
export function forbiddenMessage(resource: string, group: string, name: string | undefined, why: string): Status {
  const subject = name ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, { name, group: group || undefined, kind: resource });
}

// ---- field errors (k8s.io/apimachinery/pkg/util/validation/field) ----

export type FieldErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
  /** For NotSupported: the values that are allowed. */
  supported?: string[];
}

const causeReason: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
};

/** A value already rendered as Go prints it (`map[string]string{"app":"web"}`). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's %#v-like rendering of a value inside a field error. */
export function goValue(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? `[]string{${v.map(goValue).join(', ')}}` : `[]interface {}{${v.map(goValue).join(', ')}}`;
  return JSON.stringify(v);
}

/** The text after `<field>: `, e.g. `Invalid value: "Web": a lowercase RFC 1123 subdomain …`. */
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'Invalid':
      return `Invalid value: ${goValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'NotSupported': {
      const sup = (e.supported ?? []).map((s) => JSON.stringify(s)).join(', ');
      return `Unsupported value: ${goValue(e.value)}${sup ? `: supported values: ${sup}` : ''}`;
    }
    case 'Duplicate':
      return `Duplicate value: ${goValue(e.value)}`;
    case 'Forbidden':
      return `Forbidden${e.detail ? `: ${e.detail}` : ''}`;
    case 'TooLong':
      return `Too long: ${e.detail ?? 'value is too long'}`;
    case 'TooMany':
      return `Too many: ${e.detail ?? 'too many items'}`;
    case 'NotFound':
      return `Not found: ${goValue(e.value)}`;
  }
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * 422 Invalid: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: …`
 * (several errors are listed in brackets, as upstream's aggregate does).
 */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): Status {
  const texts = errors.map(fieldErrorText);
  const list = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({ reason: causeReason[e.type], message: fieldErrorBody(e), field: e.field }));
  return failure(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${list}`, { name, group: group || undefined, kind, causes });
}
