/**
 * JSON as kubectl prints it (`-o json`): Go's json.MarshalIndent with four
 * spaces, keys in the order the object was built (Go struct order for typed
 * objects), and `<`, `>`, `&`, U+2028/9 escaped as Go's encoder does.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
