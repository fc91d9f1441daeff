/**
 * Schema data for the served kinds, read by `kubectl explain` and (as
 * OpenAPI v3 components) by serve mode's /openapi/v3. Kinds without
 * hand-written data get the generic object shape.
 */
import { appsSchemas } from './apps.js';
import { coreSchemas } from './core.js';
import { API_VERSION, KIND, METADATA, spec, status, type Field, type SchemaSet, type TypeDef } from './types.js';

export const SCHEMAS: SchemaSet = { ...coreSchemas, ...appsSchemas };

export type { Field, TypeDef, SchemaSet };

/** The schema of a kind (hand-written, or the generic shape every object has). */
export function kindSchema(group: string, version: string, kindName: string): TypeDef {
  const hit = Object.values(SCHEMAS).find((t) => t.gvk && t.gvk[0] === group && t.gvk[2] === kindName);
  if (hit) return hit;
  return { description: '<empty>', gvk: [group, version, kindName], fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, spec: ['Object', spec(kindName)[1]], status: ['Object', status(kindName)[1]] } };
}

const PRIMITIVE = new Set(['string', 'integer', 'boolean', 'number', 'Object', 'Quantity', 'IntOrString']);

/** The named type a field points to (element type for lists and maps), if it has fields. */
export function fieldTypeDef(f: Field): TypeDef | undefined {
  const base = f[0].replace(/^\[\]/, '').replace(/^map\[string\]/, '');
  return PRIMITIVE.has(base) ? undefined : SCHEMAS[base];
}

const GROUP_PACKAGE: Record<string, string> = { '': 'core', apps: 'apps', batch: 'batch' };

/** OpenAPI v3 `components.schemas` for serve mode (names like `io.k8s.api.core.v1.Pod`). */
export function openApiSchemas(): Record<string, unknown> {
  const nameOf = (t: string) => (t === 'ObjectMeta' || t === 'OwnerReference' || t === 'LabelSelector' ? `io.k8s.apimachinery.pkg.apis.meta.v1.${t}` : `io.k8s.api.${Object.values(SCHEMAS).find((d) => d.gvk && SCHEMAS[t] === d)?.gvk?.[0] ? GROUP_PACKAGE[SCHEMAS[t]!.gvk![0]] ?? 'core' : appsSchemas[t] ? 'apps' : 'core'}.v1.${t}`);
  const prop = (f: Field): Record<string, unknown> => {
    const [type, description] = f;
    const enumValues = f[3];
    const base = (t: string): Record<string, unknown> => {
      if (t.startsWith('[]')) return { type: 'array', items: base(t.slice(2)) };
      if (t.startsWith('map[string]')) return { type: 'object', additionalProperties: base(t.slice(11)) };
      if (t === 'Object') return { type: 'object' };
      if (t === 'Quantity' || t === 'IntOrString') return { 'x-kubernetes-int-or-string': true };
      if (PRIMITIVE.has(t)) return { type: t };
      return { allOf: [{ $ref: `#/components/schemas/${nameOf(t)}` }] };
    };
    return { ...base(type), description, ...(enumValues ? { enum: enumValues } : {}) };
  };
  const out: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(SCHEMAS)) {
    const required = Object.entries(t.fields).filter(([, f]) => f[2]).map(([k]) => k);
    out[nameOf(name)] = {
      description: t.description,
      type: 'object',
      properties: Object.fromEntries(Object.entries(t.fields).map(([k, f]) => [k, prop(f)])),
      ...(required.length ? { required } : {}),
      ...(t.gvk ? { 'x-kubernetes-group-version-kind': [{ group: t.gvk[0], version: t.gvk[1], kind: t.gvk[2] }] } : {}),
    };
  }
  return out;
}
