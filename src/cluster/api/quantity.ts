/**
 * resource.Quantity as the API server reads it: `500m`, `1.5`, `128Mi`, `1G`,
 * `1e3`. Values are compared in a common unit (a float of the base unit).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?[0-9.]+)(([eE][+-]?[0-9]+)|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** The value in base units, or undefined when the text is not a quantity. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.trim());
  if (!m || m[1] === '.' || (m[1]!.match(/\./g) ?? []).length > 1) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const suffix = m[2] ?? '';
  if (m[3]) return n * 10 ** Number(m[3].slice(1));
  const mult = BINARY[suffix] ?? DECIMAL[suffix];
  return mult === undefined ? undefined : n * mult;
}

/** The upstream text of a quantity-parse failure. */
export const QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Canonical text for a value, in the style of the input's suffix family:
 * cpu-like values print as millis when fractional; byte values use the
 * largest binary suffix that divides them, else a plain number.
 */
export function formatQuantity(value: number, like?: string): string {
  const binary = typeof like === 'string' && /[KMGTPE]i$/.test(like);
  if (binary) {
    for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const m = BINARY[s]!;
      if (value !== 0 && value % m === 0) return `${value / m}${s}`;
    }
    return String(value);
  }
  if (Number.isInteger(value)) {
    for (const s of ['E', 'P', 'T', 'G', 'M', 'k']) {
      const m = DECIMAL[s]!;
      if (value !== 0 && value % m === 0 && typeof like === 'string' && like.endsWith(s)) return `${value / m}${s}`;
    }
    return String(value);
  }
  const milli = Math.round(value * 1000);
  return `${milli}m`;
}

/** Sum of two quantity texts, formatted like the first. */
export function addQuantities(a: string | undefined, b: string | undefined): string {
  const sum = (parseQuantity(a ?? '0') ?? 0) + (parseQuantity(b ?? '0') ?? 0);
  return formatQuantity(sum, a ?? b);
}
