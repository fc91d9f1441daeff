/**
 * The three patch types kubectl sends: JSON merge patch (RFC 7386), JSON
 * patch (RFC 6902) and strategic merge patch (lists merged by the keys the
 * upstream types declare, with `$patch: delete|replace` directives).
 */
import { clone, deepEqual } from './paths.js';

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export type PatchError = { error: string };

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** RFC 6902. Returns the patched document or an error in the words the API server uses. */
export function jsonPatch(doc: Json, ops: unknown): Json | PatchError {
  if (!Array.isArray(ops)) return { error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let root = clone(doc);
  for (const raw of ops) {
    if (!isObj(raw)) return { error: 'invalid JSON patch operation' };
    const op = raw.op as string;
    const path = raw.path as string;
    if (typeof path !== 'string') return { error: `missing path in operation "${op}"` };
    const parts = path === '' ? [] : path.split('/').slice(1).map(unescape);
    const getParent = (p: string[]): [Json, string] | undefined => {
      let cur: Json = root;
      for (const part of p.slice(0, -1)) {
        if (Array.isArray(cur)) cur = cur[Number(part)];
        else if (isObj(cur)) cur = cur[part];
        else return undefined;
        if (cur === undefined) return undefined;
      }
      return [cur, p[p.length - 1]!];
    };
    const read = (p: string[]): Json => {
      let cur: Json = root;
      for (const part of p) {
        if (Array.isArray(cur)) cur = cur[Number(part)];
        else if (isObj(cur)) cur = cur[part];
        else return undefined;
      }
      return cur;
    };
    const remove = (p: string[]): boolean => {
      const pp = getParent(p);
      if (!pp) return false;
      const [parent, last] = pp;
      if (Array.isArray(parent)) {
        const i = Number(last);
        if (!(i >= 0 && i < parent.length)) return false;
        parent.splice(i, 1);
        return true;
      }
      if (isObj(parent) && last in parent) {
        delete parent[last];
        return true;
      }
      return false;
    };
    const add = (p: string[], value: Json): boolean => {
      if (p.length === 0) {
        root = clone(value);
        return true;
      }
      const pp = getParent(p);
      if (!pp) return false;
      const [parent, last] = pp;
      if (Array.isArray(parent)) {
        const i = last === '-' ? parent.length : Number(last);
        if (!(i >= 0 && i <= parent.length)) return false;
        parent.splice(i, 0, clone(value));
        return true;
      }
      if (isObj(parent)) {
        parent[last] = clone(value);
        return true;
      }
      return false;
    };
    switch (op) {
      case 'add':
        if (!add(parts, raw.value)) return { error: `add operation does not apply: doc is missing path: "${path}": missing value` };
        break;
      case 'remove':
        if (!remove(parts)) return { error: `remove operation does not apply: doc is missing path: "${path}": missing value` };
        break;
      case 'replace':
        if (read(parts) === undefined) return { error: `replace operation does not apply: doc is missing key: ${path}: missing value` };
        remove(parts);
        add(parts, raw.value);
        break;
      case 'move':
      case 'copy': {
        const from = (raw.from as string).split('/').slice(1).map(unescape);
        const v = read(from);
        if (v === undefined) return { error: `${op} operation does not apply: doc is missing from path: ${raw.from as string}: missing value` };
        if (op === 'move') remove(from);
        add(parts, v);
        break;
      }
      case 'test':
        if (!deepEqual(read(parts), raw.value)) return { error: `testing value ${path} failed: test failed` };
        break;
      default:
        return { error: `Unexpected kind: ${String(op)}` };
    }
  }
  return root;
}

/** List fields merged by key in strategic merge patches (patchMergeKey in the upstream types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  hostIPs: 'ip',
  podIPs: 'ip',
  schedulingGates: 'name',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  addresses: 'type',
};
/** Lists of primitives merged as sets. */
const MERGE_PRIMITIVES = new Set(['finalizers']);

export function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v)) {
      const key = mergeKeyFor(k, [...v, ...(Array.isArray(cur) ? cur : [])]);
      if (key && Array.isArray(cur)) out[k] = mergeList(cur, v, key);
      else if (MERGE_PRIMITIVES.has(k) && Array.isArray(cur)) out[k] = [...cur, ...v.filter((x) => !cur.includes(x))];
      else out[k] = v.filter((x) => !(isObj(x) && (x.$patch === 'delete' || x.$patch === 'replace'))).map(stripDirectives);
    } else if (isObj(v)) {
      const merged = strategicMergePatch(cur, v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  // Directives on this map: $deleteFromPrimitiveList/<f>, $setElementOrder/<f>, $retainKeys.
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/') && Array.isArray(v)) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f])) out[f] = (out[f] as unknown[]).filter((x) => !v.some((d) => deepEqual(d, x)));
    } else if (k.startsWith('$setElementOrder/') && Array.isArray(v)) {
      const f = k.slice('$setElementOrder/'.length);
      const list = out[f];
      if (Array.isArray(list)) {
        const key = mergeKeyFor(f, list);
        const id = (x: unknown) => (key && isObj(x) ? JSON.stringify(x[key]) : JSON.stringify(x));
        const order = v.map(id);
        const rank = (x: unknown) => {
          const i = order.indexOf(id(x));
          return i < 0 ? order.length : i;
        };
        out[f] = list.map((x, i) => [x, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([x]) => x);
      }
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

/** A patch value stored as is: drop directive keys it may carry. */
function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return clone(v);
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function mergeList(cur: unknown[], patch: unknown[], key: string): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return clone(patch.filter((p) => !(isObj(p) && p.$patch === 'replace')));
  const out = cur.map((c) => c);
  for (const p of patch) {
    if (!isObj(p)) continue;
    const idx = out.findIndex((c) => isObj(c) && c[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMergePatch(out[idx], p);
    else out.push(strategicMergePatch(undefined, p));
  }
  return out;
}
