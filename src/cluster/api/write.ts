/** create, update, patch and delete: admission, validation, then the store. */
import type { ApiServer } from './server.js';
import { unknownFields } from './schema/strict.js';
import { fail, withKind } from './server.js';
import type { AdmissionAttributes, Operation } from './admission.js';
import type { ApiRequest } from './request.js';
import { apiVersionOf, storagePrefixOf, type ResourceDef, type ResourceView } from './resource.js';
import { alreadyExists, badRequest, conflict, invalid, notFound, type FieldError } from './status.js';
import type { ApiResult, KList, KObject, PatchType, UserInfo } from './types.js';
import { clone, deepEqual } from './paths.js';
import { isoTime, readyToRemove, specChanged } from './lifecycle.js';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import { randomSuffix, randomUid } from '../random.js';
import { applyConflicts, conflictMessage, defaultManager, fieldSet, pathText, readEntries, recordUpdate, removeAt, writeEntries, type Entry } from './managed-fields.js';
import { annotationErrors, labelErrors, nameErrors, nameRuleFor } from './validation/names.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Kinds whose status may be set on create (the kubelet registers a Node with its status). */
const KEEP_STATUS_ON_CREATE = new Set(['Node', 'Event']);

export class WriteHandlers {
  constructor(private readonly api: ApiServer) {}

  private key(def: ResourceDef, ns: string | undefined, name: string): string {
    return this.api.keyOf(def, ns, name);
  }

  private admit(op: Operation, def: ResourceDef, user: UserInfo, req: ApiRequest, object: KObject | undefined, old: KObject | undefined, ns: string | undefined, name: string | undefined) {
    const attrs: AdmissionAttributes = { operation: op, def, subresource: req.subresource, namespace: ns, name, object, old, user, dryRun: !!req.options?.dryRun, ctx: this.api.strategyContext(user) };
    return attrs;
  }

  /** Mutating admission, validation, validating admission. */
  private pipeline(op: 'CREATE' | 'UPDATE', def: ResourceDef, draft: KObject, old: KObject | undefined, user: UserInfo, req: ApiRequest, ns: string | undefined): ApiResult<never> | undefined {
    const attrs = this.admit(op, def, user, req, draft, old, ns, draft.metadata?.name);
    if (!req.subresource) {
      const unknown = req.options?.fieldValidation === 'Strict' ? unknownFields(def.group, def.kind, draft) : [];
      if (unknown.length > 0) return fail(badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`), 'validation');
      const decodeError = def.decode?.(draft);
      if (decodeError) return fail(badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${decodeError}`), 'validation');
      def.defaults?.(draft, attrs.ctx, old);
    }
    for (const p of this.api.admission) {
      const s = p.admit?.(attrs);
      if (s) return fail(s, 'mutating-admission');
    }
    const errs = [...metadataErrors(def, draft, op === 'CREATE', old), ...(def.validate?.(draft, attrs.ctx, old) ?? [])];
    if (errs.length > 0) return fail(invalid(def.kind, def.group, draft.metadata?.name ?? draft.metadata?.generateName ?? '', errs), 'validation');
    for (const p of this.api.admission) {
      const s = p.validate?.(attrs);
      if (s) return fail(s, 'validating-admission');
    }
    return undefined;
  }

  /** Tell the admission plugins a write was stored. */
  private committed(op: Operation, def: ResourceDef, user: UserInfo, req: ApiRequest, ns: string | undefined, stored: KObject, old?: KObject): void {
    const attrs = this.admit(op, def, user, req, stored, old, ns, stored.metadata?.name);
    for (const p of this.api.admission) p.after?.(attrs, stored);
  }

  create(def: ResourceDef, ns: string | undefined, body: unknown, user: UserInfo, req: ApiRequest): ApiResult<KObject> {
    if (!isObj(body)) return fail(badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'), 'validation');
    const draft = clone(body) as KObject;
    const expected = apiVersionOf(def);
    if (draft.apiVersion !== undefined && draft.apiVersion !== expected) return fail(badRequest(`the API version in the data (${String(draft.apiVersion)}) does not match the expected API version (${expected})`), 'validation');
    if (draft.kind !== undefined && draft.kind !== def.kind) return fail(badRequest(`the kind in the data (${String(draft.kind)}) does not match the expected kind (${def.kind})`), 'validation');
    draft.apiVersion = expected;
    draft.kind = def.kind;
    const meta = { ...(isObj(draft.metadata) ? draft.metadata : {}) };
    if (def.namespaced) {
      if (meta.namespace && ns && meta.namespace !== ns) return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'), 'validation');
      meta.namespace = ns ?? meta.namespace;
    } else delete meta.namespace;
    if (meta.resourceVersion) return fail(badRequest('resourceVersion should not be set on objects to be created'), 'validation');
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix(this.api.rng);
    meta.uid = randomUid(this.api.rng);
    meta.creationTimestamp = isoTime(this.api.clock.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    if (def.statusSubresource || 'spec' in draft) meta.generation = 1;
    else delete meta.generation;
    draft.metadata = meta;
    if (def.statusSubresource && !KEEP_STATUS_ON_CREATE.has(def.kind)) delete draft.status;
    const rejected = this.pipeline('CREATE', def, draft, undefined, user, req, ns);
    if (rejected) return rejected;
    const manager = req.options?.fieldManager;
    if (req.patchType === 'apply' && manager) {
      draft.metadata.managedFields = writeEntries([{ manager, operation: 'Apply', apiVersion: expected, time: isoTime(this.api.clock.now()), set: fieldSet(body as KObject) }]);
    }
    const name = draft.metadata.name!;
    if (req.options?.dryRun) {
      if (this.api.store.get(this.key(def, ns, name))) return fail(alreadyExists(def.plural, def.group, name), 'storage');
      return { ok: true, code: 201, object: draft };
    }
    const r = this.api.store.create(this.key(def, ns, name), draft);
    if (!r.ok) return fail(alreadyExists(def.plural, def.group, name), 'storage');
    this.committed('CREATE', def, user, req, ns, r.entry.value);
    return { ok: true, code: 201, object: r.entry.value };
  }

  /**
   * `fresh`: the body was built here from a merge patch (new objects along the
   * patched paths, the rest shared with the stored object, which nothing
   * mutates): a status write takes its status without a copy. Any body from a
   * caller is copied.
   */
  update(def: ResourceDef, ns: string | undefined, name: string, body: unknown, user: UserInfo, req: ApiRequest, applied?: Entry[], fresh = false): ApiResult<KObject> {
    if (!isObj(body)) return fail(badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'), 'validation');
    const bodyName = (body.metadata as { name?: string } | undefined)?.name;
    if (bodyName !== undefined && bodyName !== name) return fail(badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`), 'validation');
    const cur = this.api.store.get(this.key(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const old = cur.value;
    const bodyRv = (body.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (bodyRv && bodyRv !== old.metadata?.resourceVersion) return fail(conflict(def.plural, def.group, name), 'storage');
    const status = req.subresource === 'status';
    let draft: KObject;
    if (status) {
      // Only status changes: the rest is the stored object's (immutable), shared rather than copied.
      draft = { ...old, metadata: { ...old.metadata }, status: fresh ? body.status : clone(body.status) };
    } else {
      // Defaulting mutates the draft in place, so the main resource is always copied.
      draft = clone(body) as KObject;
      draft.apiVersion = apiVersionOf(def);
      draft.kind = def.kind;
      const m = { ...(draft.metadata ?? {}) };
      const om = old.metadata ?? {};
      m.name = om.name;
      if (def.namespaced) m.namespace = om.namespace;
      m.uid = om.uid;
      m.creationTimestamp = om.creationTimestamp;
      m.generation = om.generation;
      if (om.deletionTimestamp) {
        m.deletionTimestamp = om.deletionTimestamp;
        m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      } else {
        delete m.deletionTimestamp;
        delete m.deletionGracePeriodSeconds;
      }
      delete m.managedFields;
      draft.metadata = m;
      if (def.statusSubresource && req.subresource !== 'finalize') {
        if (old.status === undefined) delete draft.status;
        else draft.status = clone(old.status);
      }
    }
    const rejected = this.pipeline('UPDATE', def, draft, old, user, req, ns);
    if (rejected) return rejected;
    if (!status && specChanged(old, draft) && draft.metadata) draft.metadata.generation = (old.metadata?.generation ?? 0) + 1;
    const { resourceVersion: _a, managedFields: _c, ...m1 } = draft.metadata ?? {};
    const { resourceVersion: _b, managedFields: _d, ...m2 } = old.metadata ?? {};
    const noChange = deepEqual({ ...draft, metadata: m1 }, { ...old, metadata: m2 });
    if (!status && draft.metadata) {
      const manager = req.options?.fieldManager ?? defaultManager(user);
      const track = applied !== undefined || (old.metadata?.managedFields ?? []).length > 0;
      const now = isoTime(this.api.clock.now());
      const entries = applied ?? (track ? recordUpdate(readEntries(old), old, draft, manager, apiVersionOf(def), now) : undefined);
      const next = entries ? writeEntries(entries) : undefined;
      if (next) draft.metadata.managedFields = next;
      else delete draft.metadata.managedFields;
      if (noChange && sameOwnership(old.metadata?.managedFields, next)) return { ok: true, code: 200, object: old };
    } else if (noChange) return { ok: true, code: 200, object: old };
    if (req.options?.dryRun) return { ok: true, code: 200, object: draft };
    if (readyToRemove(draft)) {
      const d = this.api.store.delete(cur.key, cur.modRevision);
      if (!d.ok) return fail(conflict(def.plural, def.group, name), 'storage');
      this.committed('DELETE', def, user, req, ns, d.entry.value, old);
      return { ok: true, code: 200, object: d.entry.value };
    }
    const r = this.api.store.update(cur.key, draft, cur.modRevision);
    if (!r.ok) return fail(conflict(def.plural, def.group, name), 'storage');
    this.committed('UPDATE', def, user, req, ns, r.entry.value, old);
    return { ok: true, code: 200, object: r.entry.value };
  }

  patch(def: ResourceDef, ns: string | undefined, name: string, body: unknown, type: PatchType, user: UserInfo, req: ApiRequest, view?: ResourceView): ApiResult<KObject> {
    if (type === 'apply') {
      if (!req.options?.fieldManager) return fail(invalid('PatchOptions', 'meta.k8s.io', '', [{ type: 'Required', field: 'fieldManager', detail: 'is required for apply patch' }]), 'validation');
      if (!isObj(body)) return fail(badRequest('error decoding YAML: the body of an apply patch must be an object'), 'validation');
      if (!view && body.kind !== undefined && body.kind !== def.kind) return fail(badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`), 'validation');
    }
    const cur = this.api.store.get(this.key(def, ns, name));
    if (!cur) {
      if (type === 'apply') return this.create(def, ns, view && isObj(body) ? view.toStorage(body) : body, user, { ...req, verb: 'create' });
      return fail(notFound(def.plural, def.group, name), 'storage');
    }
    const base = view ? view.fromStorage(cur.value) : withKind(def, cur.value);
    if (type === 'apply' && !view) return this.apply(def, ns, name, base, body as KObject, user, req);
    let patched: unknown;
    switch (type) {
      case 'merge':
        if (!isObj(body)) return fail(badRequest('json: cannot unmarshal into Go value of type map[string]interface {}'), 'validation');
        patched = mergePatch(base, body);
        break;
      case 'strategic':
      case 'apply':
        if (!isObj(body)) return fail(badRequest('json: cannot unmarshal into Go value of type map[string]interface {}'), 'validation');
        patched = strategicMergePatch(base, body);
        break;
      case 'json': {
        const r = jsonPatch(base, body);
        if (isObj(r) && 'error' in r && Object.keys(r).length === 1) return fail(badRequest(String(r.error)), 'validation');
        patched = r;
        break;
      }
    }
    if (!isObj(patched)) return fail(badRequest('the patch produced an invalid object'), 'validation');
    // Optimistic concurrency applies only when the patch names a resourceVersion itself.
    const patchRv = isObj(body) && isObj(body.metadata) ? body.metadata.resourceVersion : undefined;
    const meta = { ...((patched.metadata as object | undefined) ?? {}) } as Record<string, unknown>;
    if (patchRv === undefined) delete meta.resourceVersion;
    patched.metadata = meta;
    return this.update(def, ns, name, view ? view.toStorage(patched) : patched, user, req, undefined, type === 'merge' && !view);
  }

  /** Server-side apply onto an existing object: ownership, conflicts, removal of fields the manager dropped. */
  private apply(def: ResourceDef, ns: string | undefined, name: string, current: KObject, config: KObject, user: UserInfo, req: ApiRequest): ApiResult<KObject> {
    const manager = req.options!.fieldManager!;
    const entries = readEntries(current);
    const conflicts = applyConflicts(entries, current, config, manager);
    if (conflicts.length > 0 && !req.options?.force) {
      const st = conflict(def.plural, def.group, name);
      st.message = conflictMessage(conflicts);
      st.details = { ...st.details, causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: pathText(c.path) })) };
      return fail(st, 'validation');
    }
    const applied = fieldSet(config);
    const forced = new Set(conflicts.map((c) => c.path));
    const others = entries.filter((e) => !(e.manager === manager && e.operation === 'Apply')).map((e) => ({ ...e, set: new Set([...e.set].filter((p) => !forced.has(p))) }));
    const ownedByOthers = new Set(others.flatMap((e) => [...e.set]));
    const previous = entries.find((e) => e.manager === manager && e.operation === 'Apply');
    const result = clone(current) as Record<string, unknown>;
    const dropped = [...(previous?.set ?? [])].filter((p) => !applied.has(p) && !ownedByOthers.has(p));
    // Remove the outermost dropped fields (a removed list element takes its fields with it).
    for (const p of dropped) if (!dropped.some((q) => q !== p && p.startsWith(q + '\u0000'))) removeAt(result, p);
    const merged = strategicMergePatch(result, config) as KObject;
    const meta = { ...(merged.metadata ?? {}) };
    const patchRv = isObj(config.metadata) ? config.metadata.resourceVersion : undefined;
    if (patchRv === undefined) delete meta.resourceVersion;
    merged.metadata = meta;
    const mine: Entry = { manager, operation: 'Apply', apiVersion: apiVersionOf(def), time: isoTime(this.api.clock.now()), set: applied };
    return this.update(def, ns, name, merged, user, req, [...others, mine]);
  }

  delete(def: ResourceDef, ns: string | undefined, name: string, user: UserInfo, req: ApiRequest): ApiResult<KObject> {
    const cur = this.api.store.get(this.key(def, ns, name));
    if (!cur) return fail(notFound(def.plural, def.group, name), 'storage');
    const obj = cur.value;
    const pre = req.options?.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata?.uid) return fail(conflict(def.plural, def.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata?.uid ?? ''}`), 'storage');
    if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata?.resourceVersion)
      return fail(conflict(def.plural, def.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata?.resourceVersion ?? ''}`), 'storage');
    const attrs = this.admit('DELETE', def, user, req, undefined, obj, ns, name);
    for (const p of this.api.admission) {
      const s = p.validate?.(attrs);
      if (s) return fail(s, 'validating-admission');
    }
    const now = this.api.clock.now();
    const draft = clone(obj);
    const meta = draft.metadata ?? (draft.metadata = {});
    const finalizers = [...(meta.finalizers ?? [])];
    const policy = req.options?.propagationPolicy;
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    meta.finalizers = finalizers.length > 0 ? finalizers : undefined;
    if (meta.finalizers === undefined) delete meta.finalizers;

    const grace = gracePeriod(def, obj, req.options?.gracePeriodSeconds);
    let keep = false;
    if (grace > 0) {
      const deadline = now + grace * 1000;
      const existing = meta.deletionTimestamp ? Date.parse(meta.deletionTimestamp) : Infinity;
      if (deadline < existing) {
        meta.deletionTimestamp = isoTime(deadline);
        meta.deletionGracePeriodSeconds = grace;
      }
      keep = true;
    } else if (meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? 0) > 0) {
      // A graceful deletion finished early (the kubelet's final delete): grace 0 from now on.
      meta.deletionTimestamp = isoTime(now);
      meta.deletionGracePeriodSeconds = 0;
    }
    if (finalizers.length > 0 || (def.kind === 'Namespace' && ((draft.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0)) {
      if (!meta.deletionTimestamp) {
        meta.deletionTimestamp = isoTime(now);
        meta.deletionGracePeriodSeconds = 0;
      }
      if (def.kind === 'Namespace') draft.status = { ...((draft.status as object | undefined) ?? {}), phase: 'Terminating' };
      keep = true;
    }
    if (req.options?.dryRun) return { ok: true, code: 200, object: keep ? draft : obj };
    if (keep) {
      if (deepEqual(draft, obj)) return { ok: true, code: 202, object: obj };
      const r = this.api.store.update(cur.key, draft, cur.modRevision);
      if (!r.ok) return fail(conflict(def.plural, def.group, name), 'storage');
      this.committed('UPDATE', def, user, req, ns, r.entry.value, obj);
      return { ok: true, code: 202, object: r.entry.value };
    }
    const r = this.api.store.delete(cur.key);
    if (!r.ok) return fail(notFound(def.plural, def.group, name), 'storage');
    this.committed('DELETE', def, user, req, ns, r.entry.value, obj);
    return { ok: true, code: 200, object: r.entry.value };
  }

  deleteCollection(def: ResourceDef, ns: string | undefined, user: UserInfo, req: ApiRequest): ApiResult<KObject> {
    const listed = this.api.list(def, ns, { ...req, verb: 'list' });
    if (!listed.ok) return listed;
    const items = (listed.object as unknown as KList).items;
    const deleted: KObject[] = [];
    for (const o of items) {
      const r = this.delete(def, o.metadata?.namespace, o.metadata!.name!, user, { ...req, verb: 'delete', name: o.metadata!.name });
      if (r.ok) deleted.push(r.object);
    }
    const list: KList = { apiVersion: apiVersionOf(def), kind: `${def.kind}List`, metadata: { resourceVersion: String(this.api.store.revision) }, items: deleted };
    return { ok: true, code: 200, object: list as unknown as KObject };
  }

  /** Used by storage prefix-aware callers (namespace deletion). */
  prefixOf(def: ResourceDef): string {
    return storagePrefixOf(def);
  }
}

/** Same owners and fields (timestamps aside). */
function sameOwnership(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) => ((v as { time?: string }[] | undefined) ?? []).map(({ time: _t, ...rest }) => rest);
  return deepEqual(strip(a), strip(b));
}

/** Pods are deleted gracefully when they are on a node and still running. */
function gracePeriod(def: ResourceDef, obj: KObject, requested: number | undefined): number {
  if (def.kind !== 'Pod') return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const g = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}

function metadataErrors(def: ResourceDef, o: KObject, creating: boolean, old?: KObject): FieldError[] {
  const m = o.metadata ?? {};
  const errs: FieldError[] = [];
  if (!m.name) {
    errs.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
  } else if (creating) {
    errs.push(...nameErrors(m.name, nameRuleFor(def.plural)));
  }
  if (def.namespaced && !m.namespace) errs.push({ type: 'Required', field: 'metadata.namespace' });
  // Labels and annotations the stored object already had were valid when written.
  if (!old || !deepEqual(old.metadata?.labels, m.labels)) errs.push(...labelErrors(m.labels as Record<string, string> | undefined));
  if (!old || !deepEqual(old.metadata?.annotations, m.annotations)) errs.push(...annotationErrors(m.annotations as Record<string, string> | undefined));
  return errs;
}
