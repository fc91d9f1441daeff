/**
 * JSON as kubectl prints it: Go's json.MarshalIndent with four spaces over an
 * unstructured object, so keys sorted bytewise and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped.
 */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

function goEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `-o json` (ends with a newline). */
export function toGoJson(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v), null, 4)) + '\n';
}

/** Compact JSON as Go's json.Marshal writes it (jsonpath prints maps this way). */
export function toGoJsonCompact(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v)));
}
