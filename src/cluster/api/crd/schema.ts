/**
 * Structural-schema handling of custom resources (apiextensions, paraphrased):
 * unknown fields are pruned, `default`s filled, and values checked for type,
 * required, enum, bounds, lengths and patterns, with upstream's messages
 * (`spec.replicas in body must be of type integer: "string"`).
 */
import type { FieldError } from '../status.js';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Drop fields the schema does not know (and fill defaults), in place. metadata/apiVersion/kind are kept at the root. */
export function pruneAndDefault(value: unknown, s: Schema | undefined, root = false): void {
  if (!s) return;
  if (isObj(value)) {
    const props = s.properties;
    if (props) {
      for (const [k, ps] of Object.entries(props)) if (value[k] === undefined && ps.default !== undefined) value[k] = JSON.parse(JSON.stringify(ps.default));
    }
    if (!s['x-kubernetes-preserve-unknown-fields']) {
      for (const k of Object.keys(value)) {
        if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
        const known = props?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : s.additionalProperties === true ? {} : undefined);
        if (!known && !props?.[k]) delete value[k];
      }
    }
    for (const [k, v] of Object.entries(value)) {
      if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const sub = props?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
      if (sub && !sub['x-kubernetes-embedded-resource']) pruneAndDefault(v, sub);
    }
  } else if (Array.isArray(value) && s.items) {
    for (const v of value) pruneAndDefault(v, s.items);
  }
}

export function schemaErrors(value: unknown, s: Schema | undefined, path: string, root = false): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  if (value === null) {
    if (!s.nullable && s.type) errs.push({ type: 'Invalid', field: path, value: 'null', detail: `${path} in body must be of type ${s.type}: "null"` });
    return errs;
  }
  const t = typeOf(value);
  if (s['x-kubernetes-int-or-string']) {
    if (t !== 'integer' && t !== 'string') errs.push({ type: 'Invalid', field: path, value: t, detail: `${path} in body must be of type integer,string: ${JSON.stringify(t)}` });
  } else if (s.type) {
    const ok = s.type === t || (s.type === 'number' && t === 'integer');
    if (!ok) return [{ type: 'Invalid', field: path, value: t, detail: `${path} in body must be of type ${s.type}: ${JSON.stringify(t)}` }];
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errs.push({ type: 'NotSupported', field: path, value, supported: s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) });
  if (typeof value === 'number') {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? value <= s.minimum : value < s.minimum))
      errs.push({ type: 'Invalid', field: path, value, detail: `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}` });
    if (s.maximum !== undefined && (s.exclusiveMaximum ? value >= s.maximum : value > s.maximum))
      errs.push({ type: 'Invalid', field: path, value, detail: `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}` });
  }
  if (typeof value === 'string') {
    if (s.maxLength !== undefined && value.length > s.maxLength) errs.push({ type: 'TooLong', field: path, value, detail: `may not be more than ${s.maxLength} bytes` });
    if (s.minLength !== undefined && value.length < s.minLength) errs.push({ type: 'Invalid', field: path, value, detail: `${path} in body should be at least ${s.minLength} chars long` });
    if (s.pattern !== undefined) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(s.pattern);
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) errs.push({ type: 'Invalid', field: path, value, detail: `${path} in body should match '${s.pattern}'` });
    }
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems) errs.push({ type: 'TooMany', field: path, detail: `must have at most ${s.maxItems} items` });
    if (s.minItems !== undefined && value.length < s.minItems) errs.push({ type: 'Invalid', field: path, value: value.length, detail: `${path} in body should have at least ${s.minItems} items` });
    value.forEach((v, i) => errs.push(...schemaErrors(v, s.items, `${path}[${i}]`)));
  }
  if (isObj(value)) {
    for (const r of s.required ?? []) if (value[r] === undefined) errs.push({ type: 'Required', field: join(path, r) });
    // Declared properties in schema order, then the rest in key order (stable messages).
    const declared = Object.keys(s.properties ?? {}).filter((k) => k in value);
    const rest = Object.keys(value).filter((k) => !(k in (s.properties ?? {}))).sort();
    for (const k of [...declared, ...rest]) {
      if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const sub = s.properties?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
      if (sub) errs.push(...schemaErrors(value[k], sub, join(path, k)));
    }
  }
  return errs;
}
