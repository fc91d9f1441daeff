/**
 * JSON as kubectl prints it: Go's json.MarshalIndent with four spaces over an
 * unstructured object, so keys sorted bytewise and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped. Native JSON.stringify does the writing; a replacer hands it
 * each object with its keys in order (only copying objects that need it).
 */
function sortedKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return o;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = o[k];
  return out;
}

function goEscape(s: string): string {
  return /[<>&\u2028\u2029]/.test(s) ? s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
}

/** `-o json` (ends with a newline). */
export function toGoJson(v: unknown): string {
  return goEscape(JSON.stringify(v, sortedKeys, 4) ?? 'null') + '\n';
}

/** Compact JSON as Go's json.Marshal writes it (jsonpath prints maps this way). */
export function toGoJsonCompact(v: unknown): string {
  return goEscape(JSON.stringify(v, sortedKeys) ?? 'null');
}
