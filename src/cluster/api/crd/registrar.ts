/**
 * What apiextensions-apiserver does when a CRD is written: the kind becomes
 * servable (one registry entry, stored under /registry/<group>/<plural>), the
 * CRD's status says NamesAccepted and Established; on deletion every custom
 * object is removed, then the cleanup finalizer, then the kind.
 */
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from 'kubernetes-types/apiextensions/v1.js';
import type { AdmissionPlugin } from '../admission.js';
import type { ApiServer } from '../server.js';
import type { ResourceDef } from '../resource.js';
import type { KObject } from '../types.js';
import { isoTime } from '../lifecycle.js';
import { deepEqual, getPath } from '../paths.js';
import { age, column, nameColumn, partialMetadata, type Table } from '../table.js';
import { pruneAndDefault, schemaErrors, type Schema } from './schema.js';
import { CLEANUP_FINALIZER } from './crd-strategy.js';

type Crd = CustomResourceDefinition & KObject;

function servedVersion(crd: Crd): CustomResourceDefinitionVersion | undefined {
  const vs = crd.spec?.versions ?? [];
  return vs.find((v) => v.storage && v.served) ?? vs.find((v) => v.served);
}

/**
 * A JSONPath of the kind CRD columns use: `.spec.replicas`, `.status.conditions[0].type`,
 * `.spec.triggers[*].type` and filters `.status.conditions[?(@.type=="Ready")].status`.
 * Several results are joined with commas.
 */
function simplePath(obj: KObject, path: string): unknown {
  if (!/\[(\*|\?)/.test(path)) return getPath(obj, path.replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1'));
  let cur: unknown[] = [obj];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([^=!]+)\s*==\s*["']([^"']*)["']\)\]/g;
  for (const m of path.matchAll(re)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      if (m[1] !== undefined) next.push(o[m[1]]);
      else if (m[2] !== undefined) next.push(Array.isArray(v) ? v[Number(m[2])] : undefined);
      else if (m[3] !== undefined) {
        if (Array.isArray(v)) next.push(...v.filter((e) => e && typeof e === 'object' && String((e as Record<string, unknown>)[m[3]!]) === m[4]));
      } else if (Array.isArray(v)) next.push(...v);
    }
    cur = next.filter((x) => x !== undefined && x !== null);
  }
  if (cur.length === 0) return undefined;
  return cur.length === 1 ? cur[0] : cur.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
}

function printer(version: CustomResourceDefinitionVersion, namespaced: boolean): ResourceDef['print'] {
  const extra = version.additionalPrinterColumns ?? [];
  return (objs, opts): Table => ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [nameColumn(), ...extra.map((c) => column(c.name, { type: c.type as 'string', format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })), ...(extra.length === 0 ? [column('Age', { type: 'date' })] : [])],
    rows: objs.map((o) => ({
      cells: [
        o.metadata?.name ?? '',
        ...extra.map((c) => {
          const v = simplePath(o, c.jsonPath);
          if (c.type === 'date') return typeof v === 'string' ? age({ metadata: { creationTimestamp: v } }, opts.now) : '<unknown>';
          if (v === undefined || v === null) return '';
          return typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
        }),
        ...(extra.length === 0 ? [age(o, opts.now)] : []),
      ],
      object: partialMetadata(o),
    })),
  });
  void namespaced;
}

export function defFromCrd(crd: Crd): ResourceDef | undefined {
  const s = crd.spec;
  const v = servedVersion(crd);
  if (!s || !v || !s.names?.plural || !s.names.kind) return undefined;
  const schema = v.schema?.openAPIV3Schema as Schema | undefined;
  const subresources: string[] = [];
  if (v.subresources?.status) subresources.push('status');
  if (v.subresources?.scale) subresources.push('scale');
  const scale = v.subresources?.scale;
  const namespaced = s.scope === 'Namespaced';
  return {
    group: s.group,
    version: v.name,
    kind: s.names.kind,
    plural: s.names.plural,
    singular: s.names.singular ?? s.names.kind.toLowerCase(),
    shortNames: s.names.shortNames,
    categories: s.names.categories,
    namespaced,
    subresources,
    statusSubresource: !!v.subresources?.status,
    storagePrefix: `/registry/${s.group}/${s.names.plural}`,
    scale: scale ? { specReplicas: scale.specReplicasPath.replace(/^\./, ''), statusReplicas: scale.statusReplicasPath.replace(/^\./, '') } : undefined,
    schema,
    defaults: (o) => pruneAndDefault(o, schema, true),
    validate: (o) => schemaErrors(o, schema, '', true),
    print: printer(v, namespaced),
  };
}

function crdStatus(crd: Crd, now: number): Record<string, unknown> {
  const prev = ((crd.status as { conditions?: { type: string; lastTransitionTime?: string }[] } | undefined)?.conditions ?? []);
  const since = (type: string) => prev.find((c) => c.type === type)?.lastTransitionTime ?? isoTime(now);
  const storage = crd.spec?.versions?.find((v) => v.storage)?.name;
  return {
    acceptedNames: { ...crd.spec!.names },
    conditions: [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: since('NamesAccepted') },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: since('Established') },
    ],
    storedVersions: [...new Set([...((crd.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? []), ...(storage ? [storage] : [])])],
  };
}

export function crdRegistrar(api: ApiServer): AdmissionPlugin {
  const isCrd = (def: ResourceDef) => def.group === 'apiextensions.k8s.io' && def.plural === 'customresourcedefinitions';
  return {
    name: 'CustomResourceDefinitions',
    after(a, stored) {
      if (!isCrd(a.def) || a.subresource === 'status') return;
      const crd = stored as Crd;
      const key = api.keyOf(a.def, undefined, crd.metadata?.name ?? '');
      if (a.operation === 'DELETE') {
        const def = defFromCrd(crd);
        if (def) api.registry.remove(def.group, def.plural);
        return;
      }
      if (crd.metadata?.deletionTimestamp) {
        const def = defFromCrd(crd);
        if (def) {
          for (const e of api.store.list(`/registry/${def.group}/${def.plural}`)) api.store.delete(e.key);
          api.registry.remove(def.group, def.plural);
        }
        const cur = api.store.get(key);
        if (!cur) return;
        const finalizers = (cur.value.metadata?.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
        if (finalizers.length === 0) api.store.delete(key);
        else if (finalizers.length !== (cur.value.metadata?.finalizers ?? []).length) api.store.update(key, { ...cur.value, metadata: { ...cur.value.metadata, finalizers } }, cur.modRevision);
        return;
      }
      const def = defFromCrd(crd);
      if (def) api.registry.add(def);
      const cur = api.store.get(key);
      if (!cur) return;
      const status = crdStatus(cur.value as Crd, api.clock.now());
      if (!deepEqual(cur.value.status, status)) api.store.update(key, { ...cur.value, status }, cur.modRevision);
    },
  };
}
