/**
 * The one seeded random source (mulberry32). Same seed, same sequence: names,
 * tie-breaks and endpoint picks repeat run after run.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** A derived, independent source (so one component's draws don't shift another's). */
  fork(label: string): Random {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(h);
  }
}

/** Upstream's alphabet for generated name suffixes: no vowels, no 0/1/3 (k8s.io/apimachinery/pkg/util/rand). */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(rng: Random, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += SAFE_ALPHANUMS[rng.int(SAFE_ALPHANUMS.length)];
  return s;
}

/** An RFC 4122 v4-shaped UID drawn from the seeded source. */
export function randomUid(rng: Random): string {
  const hex = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 32; i++) {
    let v = rng.int(16);
    if (i === 12) v = 4;
    if (i === 16) v = (v & 0x3) | 0x8;
    s += hex[v];
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
