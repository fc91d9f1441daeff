/**
 * Resource quantities as the scheduler counts them: cpu in millicores,
 * everything else in whole units (bytes for memory and storage), as
 * k8s.io/apimachinery's resource.Quantity does (MilliValue / Value, rounded up).
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const cache = new Map<string, number | undefined>();

/** The quantity as a plain number of units (1500m → 1.5, 1Gi → 1073741824), or undefined when malformed. */
export function parseQuantity(q: string | number | undefined | null): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return q;
  const hit = cache.get(q);
  if (hit !== undefined || cache.has(q)) return hit;
  const m = RE.exec(q.trim());
  let v: number | undefined;
  if (m) {
    const n = Number(m[1]);
    if (m[2]) v = n * 10 ** Number(m[2].slice(1));
    else if (m[3]) v = n * (BINARY[m[3]] ?? DECIMAL[m[3]]!);
    else v = n;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(q, v);
  return v;
}

/** Millicores (or milli-units), rounded up as MilliValue does. */
export function milliValue(q: string | number | undefined | null): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** Whole units, rounded up as Value does. */
export function value(q: string | number | undefined | null): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e6);
}
