/**
 * Field ownership (server-side apply, paraphrased): every write names a field
 * manager; `metadata.managedFields` records which fields each manager set,
 * in the FieldsV1 shape (`f:spec`, `k:{"name":"web"}`). An apply that would
 * change a field another manager owns is a conflict unless forced.
 *
 * Difference from upstream, on purpose: kubedojo starts tracking an object's
 * ownership at its first server-side apply (every write after that is
 * recorded, so `kubectl scale` or a controller then owns what it changed and
 * a later apply conflicts as upstream). Objects only ever written by
 * create/update/patch carry no managedFields, which keeps them lean and
 * lets a client-side-applied object move to --server-side without conflicts.
 */
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import type { KObject, UserInfo } from './types.js';
import { deepEqual } from './paths.js';

type Seg = string; // 'f:spec' | 'k:{"name":"c"}'
export type FieldSet = Set<string>; // segments joined with SEP
const SEP = '\u0000';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Lists merged by key (the rest are atomic: owned and replaced whole). */
function listKeys(field: string, items: unknown[]): string[] | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return ['name'];
    case 'volumeMounts':
      return ['mountPath'];
    case 'conditions':
      return ['type'];
    case 'ownerReferences':
      return ['uid'];
    case 'ports':
      return items.some((i) => isObj(i) && 'containerPort' in i) ? ['containerPort', 'protocol'] : ['port', 'protocol'];
    default:
      return undefined;
  }
}

const SKIP_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'generateName']);

/** The leaf fields an object sets (status excluded: it belongs to the status subresource). */
export function fieldSet(obj: KObject): FieldSet {
  const out: FieldSet = new Set();
  const walk = (v: unknown, path: Seg[], field: string) => {
    if (isObj(v) && Object.keys(v).length > 0) {
      for (const [k, c] of Object.entries(v)) if (c !== undefined) walk(c, [...path, `f:${k}`], k);
      return;
    }
    if (Array.isArray(v)) {
      const keys = listKeys(field, v);
      if (keys && v.every(isObj)) {
        for (const item of v as Record<string, unknown>[]) {
          const key: Record<string, unknown> = {};
          for (const k of keys) if (item[k] !== undefined) key[k] = item[k];
          const el = [...path, `k:${JSON.stringify(key)}`];
          out.add(el.join(SEP));
          for (const [k, c] of Object.entries(item)) if (c !== undefined) walk(c, [...el, `f:${k}`], k);
        }
        return;
      }
    }
    out.add(path.join(SEP));
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status' || v === undefined) continue;
    if (k === 'metadata' && isObj(v)) {
      for (const [mk, mv] of Object.entries(v)) if (!SKIP_META.has(mk) && mv !== undefined) walk(mv, ['f:metadata', `f:${mk}`], mk);
      continue;
    }
    walk(v, [`f:${k}`], k);
  }
  return out;
}

/** The value at a path (undefined when absent). */
export function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split(SEP)) {
    if (seg.startsWith('f:')) {
      if (!isObj(cur)) return undefined;
      cur = cur[seg.slice(2)];
    } else {
      if (!Array.isArray(cur)) return undefined;
      const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      cur = cur.find((i) => isObj(i) && Object.entries(key).every(([k, v]) => i[k] === v));
    }
  }
  return cur;
}

/** Remove the field at a path (a keyed list element, or a map key). */
export function removeAt(obj: Record<string, unknown>, path: string): void {
  const segs = path.split(SEP);
  let cur: unknown = obj;
  for (const seg of segs.slice(0, -1)) cur = valueAt(cur, seg);
  const last = segs[segs.length - 1]!;
  if (last.startsWith('f:') && isObj(cur)) delete cur[last.slice(2)];
  else if (Array.isArray(cur)) {
    const key = JSON.parse(last.slice(2)) as Record<string, unknown>;
    const i = cur.findIndex((x) => isObj(x) && Object.entries(key).every(([k, v]) => x[k] === v));
    if (i >= 0) cur.splice(i, 1);
  }
}

/** `.spec.template.spec.containers[name="web"].image`, as conflict messages print paths. */
export function pathText(path: string): string {
  return path
    .split(SEP)
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      const key = JSON.parse(s.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of [...set].sort()) {
    let cur = root;
    for (const seg of p.split(SEP)) cur = (cur[seg] ??= {}) as Record<string, unknown>;
    if (p.split(SEP).pop()!.startsWith('k:')) cur['.'] = {};
  }
  return root;
}

export function fromFieldsV1(f: unknown): FieldSet {
  const out: FieldSet = new Set();
  const walk = (node: unknown, path: string[]) => {
    if (!isObj(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) out.add(path.join(SEP));
    for (const k of keys) {
      if (k === '.') out.add(path.join(SEP));
      else walk(node[k], [...path, k]);
    }
  };
  walk(f, []);
  return out;
}

export interface Entry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  set: FieldSet;
  subresource?: string;
}

export function readEntries(obj: KObject | undefined): Entry[] {
  return ((obj?.metadata?.managedFields ?? []) as ManagedFieldsEntry[]).map((e) => ({
    manager: e.manager ?? '',
    operation: (e.operation as 'Apply' | 'Update') ?? 'Update',
    apiVersion: e.apiVersion ?? '',
    time: e.time ?? '',
    set: fromFieldsV1(e.fieldsV1),
    subresource: e.subresource,
  }));
}

export function writeEntries(entries: Entry[]): ManagedFieldsEntry[] | undefined {
  const kept = entries.filter((e) => e.set.size > 0);
  if (kept.length === 0) return undefined;
  return kept.map((e) => ({ manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, time: e.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(e.set), ...(e.subresource ? { subresource: e.subresource } : {}) }));
}

/** The manager name when a request names none (upstream derives it from the user agent). */
export function defaultManager(user: UserInfo): string {
  const u = user.username;
  if (u === 'system:kube-controller-manager') return 'kube-controller-manager';
  if (u === 'system:kube-scheduler') return 'kube-scheduler';
  if (u.startsWith('system:node:')) return 'kubelet';
  if (u === 'system:apiserver') return 'kube-apiserver';
  return 'kubectl';
}

/** An Update by `manager`: it takes the fields it changed; fields that disappeared are owned by nobody. */
export function recordUpdate(entries: Entry[], old: KObject | undefined, next: KObject, manager: string, apiVersion: string, time: string): Entry[] {
  const before = old ? fieldSet(old) : new Set<string>();
  const after = fieldSet(next);
  const changed = [...after].filter((p) => !before.has(p) || !deepEqual(valueAt(old, p), valueAt(next, p)));
  const out = entries.map((e) => ({ ...e, set: new Set([...e.set].filter((p) => after.has(p) && !(changed.includes(p) && e.manager !== manager))) }));
  if (changed.length === 0) return out;
  let mine = out.find((e) => e.manager === manager && e.operation === 'Update');
  if (!mine) out.push((mine = { manager, operation: 'Update', apiVersion, time, set: new Set() }));
  for (const p of changed) mine.set.add(p);
  mine.time = time;
  return out;
}

export interface Conflict {
  manager: string;
  apiVersion: string;
  path: string;
}

/** Fields the applied config would change that another manager owns. */
export function applyConflicts(entries: Entry[], current: KObject, config: KObject, manager: string): Conflict[] {
  const applied = fieldSet(config);
  const out: Conflict[] = [];
  for (const e of entries) {
    if (e.manager === manager) continue;
    for (const p of [...e.set].sort()) {
      if (applied.has(p) && !deepEqual(valueAt(config, p), valueAt(current, p))) out.push({ manager: e.manager, apiVersion: e.apiVersion, path: p });
    }
  }
  return out;
}

/** `Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas`. */
export function conflictMessage(conflicts: Conflict[]): string {
  const n = conflicts.length;
  const groups = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    const k = `${c.manager}\u0000${c.apiVersion}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(c);
  }
  const parts = [...groups.values()].map((cs) => {
    const who = `"${cs[0]!.manager}" using ${cs[0]!.apiVersion}`;
    if (cs.length === 1) return `conflict with ${who}: ${pathText(cs[0]!.path)}`;
    return `conflicts with ${who}:\n${cs.map((c) => `- ${pathText(c.path)}`).join('\n')}`;
  });
  return `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${parts.join('\n')}`;
}
