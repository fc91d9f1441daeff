/**
 * kubectl's column layout: Go's text/tabwriter with minwidth 6, padding 3,
 * space padding; the last column is not padded.
 */
export function tabulate(rows: string[][], opts: { minWidth?: number; padding?: number; terminated?: boolean } = {}): string {
  const minWidth = opts.minWidth ?? 6;
  const padding = opts.padding ?? 3;
  const widths: number[] = [];
  // `terminated`: every cell ends in a tab (kubectl top), so the last column is padded too.
  if (opts.terminated) rows = rows.map((r) => [...r, '']);
  for (const r of rows) {
    r.forEach((cell, i) => {
      if (i === r.length - 1) return;
      widths[i] = Math.max(widths[i] ?? 0, Math.max(minWidth, width(cell) + padding));
    });
  }
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)))).join('')).join('\n');
}

/** Display width (combining marks aside, kubectl output is ASCII). */
export function width(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : [...s].length;
}
