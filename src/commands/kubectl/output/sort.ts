/** `--sort-by=<jsonpath>`: kubectl's comparator (numbers numerically, strings in natural order). */
import { evalPath } from './jsonpath.js';

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i]!;
    const cb = b[j]!;
    const da = ca >= '0' && ca <= '9';
    const db = cb >= '0' && cb <= '9';
    if (da && db) {
      let ei = i;
      while (ei < a.length && a[ei]! >= '0' && a[ei]! <= '9') ei++;
      let ej = j;
      while (ej < b.length && b[ej]! >= '0' && b[ej]! <= '9') ej++;
      const na = a.slice(i, ei).replace(/^0+/, '');
      const nb = b.slice(j, ej).replace(/^0+/, '');
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      if (ei - i !== ej - j) return ei - i < ej - j;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

function less(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') return x < y;
  if (x === undefined) return y !== undefined;
  if (y === undefined) return false;
  return naturalLess(String(x), String(y));
}

/** A stable order of `items` by the first value the path selects in each. */
export function sortIndexes<T>(items: T[], path: string): number[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (!p.startsWith('.') && !p.startsWith('$')) p = `.${p}`;
  const keys = items.map((it) => evalPath(it, p)[0]);
  return items.map((_, i) => i).sort((a, b) => (less(keys[a], keys[b]) ? -1 : less(keys[b], keys[a]) ? 1 : a - b));
}
