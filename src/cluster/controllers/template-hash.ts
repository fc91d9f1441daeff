/**
 * `pod-template-hash` as upstream computes it: FNV-32a over the template (and
 * the collision count), printed in decimal, each digit safe-encoded
 * (rand.SafeEncodeString), which is why real hashes only use 4-9 and b, c, d, f.
 */
import { SAFE_ALPHANUMS } from '../random.js';

/** Keys sorted, undefined dropped: the same template always hashes the same. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export function fnv32a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    const hi = text.charCodeAt(i) >> 8;
    if (hi) {
      h ^= hi;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}

export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(canonical(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    let c = collisionCount >>> 0;
    for (let i = 0; i < 4; i++) {
      h ^= c & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      c >>>= 8;
    }
  }
  return safeEncode(String(h >>> 0));
}
