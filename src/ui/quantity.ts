/** Just enough of resource.Quantity for the map's bars: CPU in millicores, memory in bytes. */
const SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
};

/** The quantity's value (1.5Gi → 1610612736, 250m → 0.25); 0 when it can't be read. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d*\.?\d+)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const mult = SUFFIX[m[3] ?? ''];
  if (mult === undefined) return 0;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0) * mult;
}

export function milliCpu(q: string | number | undefined): number {
  return Math.round(quantityValue(q) * 1000);
}
