/**
 * OpenAPI v3 `components.schemas` from kubedojo's own schema data
 * (src/cluster/api/schema): types, required fields, enums and the
 * group-version-kind of each kind, plus the list semantics strategic merge
 * and server-side apply rely on (patch merge keys, list types and map keys).
 * Each group-version document carries the closure of the schemas its kinds
 * reference, so `kubectl explain deployment.spec.template.spec` resolves.
 */
import { openApiSchemas } from '../cluster/api/schema/index.js';

interface ListMeta {
  mergeKey?: string;
  strategy?: string;
  listType?: 'map' | 'set' | 'atomic';
  mapKeys?: string[];
}

/** Per type (short name) and field: how the list merges. */
const LISTS: Record<string, Record<string, ListMeta>> = {
  PodSpec: {
    containers: { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] },
    initContainers: { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] },
    volumes: { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', mapKeys: ['name'] },
    imagePullSecrets: { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] },
    tolerations: { listType: 'atomic' },
  },
  Container: {
    env: { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] },
    ports: { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', mapKeys: ['containerPort', 'protocol'] },
    volumeMounts: { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', mapKeys: ['mountPath'] },
    args: { listType: 'atomic' },
    command: { listType: 'atomic' },
  },
  ServiceSpec: { ports: { mergeKey: 'port', strategy: 'merge', listType: 'map', mapKeys: ['port', 'protocol'] } },
  ObjectMeta: {
    ownerReferences: { mergeKey: 'uid', strategy: 'merge', listType: 'map', mapKeys: ['uid'] },
    finalizers: { strategy: 'merge', listType: 'set' },
  },
  DeploymentStatus: { conditions: { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] } },
  PodStatus: { conditions: { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] } },
};

/** `DeploymentSpec.strategy` keeps only the keys the patch names (retainKeys). */
const RETAIN_KEYS: Record<string, string[]> = { DeploymentSpec: ['strategy'] };

type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

let cache: Record<string, Schema> | undefined;

function shortName(full: string): string {
  return full.slice(full.lastIndexOf('.') + 1);
}

/** Every hand-described schema by its OpenAPI name (`io.k8s.api.core.v1.PodSpec`), with list semantics added. */
export function describedSchemas(): Record<string, Schema> {
  if (cache) return cache;
  const out: Record<string, Schema> = {};
  for (const [name, raw] of Object.entries(openApiSchemas())) {
    const s = structuredClone(raw) as Schema;
    const lists = LISTS[shortName(name)] ?? {};
    for (const [field, meta] of Object.entries(lists)) {
      const p = s.properties?.[field];
      if (!p) continue;
      if (meta.mergeKey) p['x-kubernetes-patch-merge-key'] = meta.mergeKey;
      if (meta.strategy) p['x-kubernetes-patch-strategy'] = meta.strategy;
      if (meta.listType) p['x-kubernetes-list-type'] = meta.listType;
      if (meta.mapKeys) p['x-kubernetes-list-map-keys'] = meta.mapKeys;
    }
    for (const field of RETAIN_KEYS[shortName(name)] ?? []) {
      const p = s.properties?.[field];
      if (p) p['x-kubernetes-patch-strategy'] = 'retainKeys';
    }
    out[name] = s;
  }
  cache = out;
  return out;
}

/** A schema and every schema it references, by name. */
export function schemaClosure(name: string, into: Record<string, unknown> = {}): Record<string, unknown> {
  const all = describedSchemas();
  const s = all[name];
  if (!s || into[name]) return into;
  into[name] = s;
  for (const m of JSON.stringify(s).matchAll(/#\/components\/schemas\/([^"]+)/g)) schemaClosure(m[1]!, into);
  return into;
}
