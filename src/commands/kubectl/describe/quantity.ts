/** resource.Quantity enough for describe: parse, add, and print canonically (`1500m`, `2`, `70Mi`, `2k`). */
export type QFormat = 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** Value in thousandths of the unit. */
  milli: number;
  format: QFormat;
}

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(s: unknown): Quantity {
  const text = String(s ?? '0');
  const m = /^([+-]?[0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return { milli: 0, format: 'DecimalSI' };
  const n = Number(m[1]);
  const suffix = m[2]!;
  if (suffix in BIN) return { milli: Math.round(n * BIN[suffix]! * 1000), format: 'BinarySI' };
  if (/^[eE]/.test(suffix)) return { milli: Math.round(Number(text) * 1000), format: 'DecimalSI' };
  return { milli: Math.round(n * (DEC[suffix] ?? 1) * 1000), format: 'DecimalSI' };
}

export function addQuantity(a: Quantity | undefined, b: Quantity): Quantity {
  return a ? { milli: a.milli + b.milli, format: a.format } : { ...b };
}

export function formatQuantity(q: Quantity | undefined): string {
  if (!q || q.milli === 0) return '0';
  const sign = q.milli < 0 ? '-' : '';
  const milli = Math.abs(q.milli);
  if (milli % 1000 !== 0) return `${sign}${milli}m`;
  const v = milli / 1000;
  if (q.format === 'BinarySI' && v >= 1024) {
    for (const [suf, f] of Object.entries(BIN).reverse()) if (v % f === 0) return `${sign}${v / f}${suf}`;
  }
  if (q.format === 'BinarySI') return `${sign}${v}`;
  for (const [suf, f] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) if (v % f === 0) return `${sign}${v / f}${suf}`;
  return `${sign}${v}`;
}
