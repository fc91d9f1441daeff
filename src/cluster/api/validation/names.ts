/** Name and label validation with upstream's exact messages (k8s.io/apimachinery/pkg/util/validation). */
import type { FieldError } from '../status.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export function nameErrors(value: string, rule: NameRule, field = 'metadata.name'): FieldError[] {
  const errs: FieldError[] = [];
  switch (rule) {
    case 'subdomain':
      if (value.length > 253) errs.push({ type: 'Invalid', field, value, detail: 'must be no more than 253 characters' });
      if (!DNS1123_SUBDOMAIN.test(value)) errs.push({ type: 'Invalid', field, value, detail: DNS1123_SUBDOMAIN_MSG });
      break;
    case 'label':
      if (value.length > 63) errs.push({ type: 'Invalid', field, value, detail: 'must be no more than 63 characters' });
      if (!DNS1123_LABEL.test(value)) errs.push({ type: 'Invalid', field, value, detail: DNS1123_LABEL_MSG });
      break;
    case 'dns1035':
      if (value.length > 63) errs.push({ type: 'Invalid', field, value, detail: 'must be no more than 63 characters' });
      if (!DNS1035_LABEL.test(value)) errs.push({ type: 'Invalid', field, value, detail: DNS1035_LABEL_MSG });
      break;
    case 'path-segment':
      if (value === '.' || value === '..') errs.push({ type: 'Invalid', field, value, detail: `may not be '${value}'` });
      if (value.includes('/')) errs.push({ type: 'Invalid', field, value, detail: "may not contain '/'" });
      break;
  }
  return errs;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

export function qualifiedNameErrors(key: string, field: string): FieldError[] {
  const parts = key.split('/');
  if (parts.length > 2) return [{ type: 'Invalid', field, value: key, detail: "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" }];
  const name = parts[parts.length - 1]!;
  const errs: FieldError[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) errs.push({ type: 'Invalid', field, value: key, detail: 'prefix part must be non-empty' });
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push({ type: 'Invalid', field, value: key, detail: `prefix part ${DNS1123_SUBDOMAIN_MSG}` });
  }
  if (name.length === 0) errs.push({ type: 'Invalid', field, value: key, detail: 'name part must be non-empty' });
  else if (name.length > 63) errs.push({ type: 'Invalid', field, value: key, detail: 'name part must be no more than 63 characters' });
  else if (!QUALIFIED_NAME.test(name)) errs.push({ type: 'Invalid', field, value: key, detail: QUALIFIED_NAME_MSG });
  return errs;
}

export function labelErrors(labels: Record<string, string> | undefined, field = 'metadata.labels'): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...qualifiedNameErrors(k, field));
    if (typeof v !== 'string') errs.push({ type: 'Invalid', field: `${field}`, value: v, detail: 'must be a string' });
    else {
      if (v.length > 63) errs.push({ type: 'Invalid', field, value: v, detail: 'must be no more than 63 characters' });
      if (!LABEL_VALUE.test(v)) errs.push({ type: 'Invalid', field, value: v, detail: LABEL_VALUE_MSG });
    }
  }
  return errs;
}

export function annotationErrors(annotations: Record<string, string> | undefined, field = 'metadata.annotations'): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...qualifiedNameErrors(k.toLowerCase(), field));
    total += k.length + String(v).length;
  }
  if (total > 256 * 1024) errs.push({ type: 'TooLong', field, detail: 'may not be more than 262144 bytes' });
  return errs;
}

/** Which name rule a resource's metadata.name follows upstream. */
export function nameRuleFor(plural: string): NameRule {
  switch (plural) {
    case 'namespaces':
      return 'label';
    case 'services':
      return 'dns1035';
    case 'roles':
    case 'clusterroles':
    case 'rolebindings':
    case 'clusterrolebindings':
      return 'path-segment';
    default:
      return 'subdomain';
  }
}
