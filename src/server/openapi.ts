/**
 * OpenAPI v3, enough for real kubectl: `apply`/`create -f`/`replace` look for
 * the `fieldValidation` parameter on each kind's PATCH (then validate on the
 * server), and `explain` reads components.schemas. Kinds kubedojo describes
 * (src/cluster/api/schema) get their full schemas; the rest a generic shape.
 */
import { createHash } from 'node:crypto';
import type { Registry } from '../cluster/api/registry.js';
import type { ResourceDef } from '../cluster/api/resource.js';
import { describedSchemas, schemaClosure } from './openapi-schemas.js';

export type SchemaSource = (def: ResourceDef) => Record<string, unknown> | undefined;

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openapiIndex(registry: Registry, hashOf: (g: string, v: string) => string) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, versions } of registry.groups()) {
    for (const v of versions) {
      const p = gvPath(group, v);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(group, v)}` };
    }
  }
  return { paths };
}

function schemaName(def: ResourceDef): string {
  const g = def.group ? def.group.split('.').reverse().join('.') : 'core';
  return `io.k8s.api.${g}.${def.version}.${def.kind}`;
}

export function openapiGroupVersion(registry: Registry, group: string, version: string, schemaOf: SchemaSource) {
  const defs = registry.all().filter((d) => d.group === group && d.version === version);
  if (defs.length === 0) return undefined;
  const base = `/${gvPath(group, version)}`;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const d of defs) {
    const gvk = { group: d.group, version: d.version, kind: d.kind };
    const item = d.namespaced ? `${base}/namespaces/{namespace}/${d.plural}/{name}` : `${base}/${d.plural}/{name}`;
    const params = [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
    ];
    paths[item] = {
      get: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'get', responses: {} },
      put: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'put', parameters: params, responses: {} },
      patch: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'patch', parameters: params, responses: {} },
      delete: { 'x-kubernetes-group-version-kind': gvk, 'x-kubernetes-action': 'delete', responses: {} },
    };
    const own = schemaOf(d);
    const name = schemaName(d);
    // A kind kubedojo describes: its schema and everything it references.
    if (!own && describedSchemas()[name]) {
      schemaClosure(name, schemas);
      continue;
    }
    schemas[name] = {
      type: 'object',
      description: `${d.kind} (served by kubedojo).`,
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
        metadata: { type: 'object', description: "Standard object's metadata." },
        spec: { type: 'object', description: `Specification of the desired behavior of the ${d.kind}.` },
        status: { type: 'object', description: `Most recently observed status of the ${d.kind}.` },
      },
      ...own,
      'x-kubernetes-group-version-kind': [gvk],
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

export function contentHash(doc: unknown): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
}
