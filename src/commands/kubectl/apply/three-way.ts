/**
 * Client-side apply's three-way strategic merge patch: from the last applied
 * configuration (original), the file (modified) and the live object (current).
 * Fields in the file that differ from the live object are set; fields that were
 * in the last applied configuration but are gone from the file are deleted
 * (`null`, or `$patch: delete` for keyed list items); everything else on the
 * live object — fields set by others, status — is left alone.
 */
import { mergeKeyFor } from '../../../cluster/api/patch.js';
import { deepEqual } from '../../../cluster/api/paths.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function threeWayPatch(original: unknown, modified: unknown, current: unknown): Obj {
  return diffMaps(isObj(original) ? original : undefined, isObj(modified) ? modified : {}, isObj(current) ? current : undefined);
}

function diffMaps(o: Obj | undefined, m: Obj, c: Obj | undefined): Obj {
  const patch: Obj = {};
  for (const [k, mv] of Object.entries(m)) {
    const cv = c?.[k];
    const ov = o?.[k];
    if (isObj(mv)) {
      if (!isObj(cv)) {
        if (!deepEqual(mv, cv)) patch[k] = mv;
        continue;
      }
      const sub = diffMaps(isObj(ov) ? ov : undefined, mv, cv);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(mv)) {
      const key = mv.every(isObj) && mv.length > 0 ? mergeKeyFor(k, [...mv, ...(Array.isArray(cv) ? cv : [])]) : undefined;
      if (key && Array.isArray(cv) && mv.every((x) => isObj(x) && x[key] !== undefined)) {
        const entries = diffList(Array.isArray(ov) ? ov : [], mv as Obj[], cv, key);
        if (entries.length > 0) {
          patch[`$setElementOrder/${k}`] = mv.map((x) => ({ [key]: (x as Obj)[key] }));
          patch[k] = entries;
        }
      } else if (!deepEqual(mv, cv)) patch[k] = mv;
    } else if (!deepEqual(mv, cv)) patch[k] = mv;
  }
  if (o) for (const k of Object.keys(o)) if (!(k in m) && c && k in c) patch[k] = null;
  return patch;
}

function diffList(o: unknown[], m: Obj[], c: unknown[], key: string): Obj[] {
  const out: Obj[] = [];
  const find = (list: unknown[], v: unknown) => list.find((x) => isObj(x) && x[key] === v) as Obj | undefined;
  for (const mi of m) {
    const ci = find(c, mi[key]);
    if (!ci) {
      out.push(mi);
      continue;
    }
    const sub = diffMaps(find(o, mi[key]), mi, ci);
    if (Object.keys(sub).length > 0) out.push({ [key]: mi[key], ...sub });
  }
  for (const oi of o) {
    if (!isObj(oi)) continue;
    if (!m.some((mi) => mi[key] === oi[key]) && find(c, oi[key])) out.push({ [key]: oi[key], $patch: 'delete' });
  }
  return out;
}
