/**
 * Hand-written schema data for the served kinds, in a compact form that
 * expands to OpenAPI v3 `components.schemas` (what `/openapi/v3/<gv>` serves
 * and `kubectl explain` renders). Descriptions follow upstream's wording for
 * the fields learners meet first; the rest stay short.
 */

/** A field: type text, description, required. Type text: `string`, `integer`, `boolean`, `number`, `object`, `[]T`, `map[string]T`, or a schema name. */
export type Field = [type: string, description: string, required?: boolean, enumValues?: string[]];

export interface TypeDef {
  description: string;
  fields: Record<string, Field>;
  /** group, version, kind for top-level kinds. */
  gvk?: [string, string, string];
}

export type SchemaSet = Record<string, TypeDef>;

const CONV = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md';

export const API_VERSION: Field = ['string', `APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: ${CONV}#resources`];
export const KIND: Field = ['string', `Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: ${CONV}#types-kinds`];
export const METADATA: Field = ['ObjectMeta', `Standard object's metadata. More info: ${CONV}#metadata`];
export const spec = (what: string): Field => ['', `Specification of the desired behavior of the ${what}. More info: ${CONV}#spec-and-status`];
export const status = (what: string): Field => ['', `Most recently observed status of the ${what}. This data may not be up to date. Populated by the system. Read-only. More info: ${CONV}#spec-and-status`];

/** A kind with apiVersion/kind/metadata/spec/status. */
export function kind(group: string, version: string, name: string, description: string, fields: Record<string, Field>): TypeDef {
  return { description, gvk: [group, version, name], fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, ...fields } };
}
