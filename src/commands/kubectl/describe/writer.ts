/**
 * How `kubectl describe` lays text out: a PrefixWriter (two spaces per level)
 * over Go's text/tabwriter (minwidth 0, padding 2, spaces). Cells end at a
 * tab; a column is aligned over each run of consecutive lines that have a
 * cell in it, exactly as Go's tabwriter does. flush() ends a run (the Events
 * table is flushed separately upstream).
 */
export function goTabwriter(text: string, padding = 2, minwidth = 0): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widthOf = (s: string) => [...s].length;
  const out: string[] = [];
  const widths: number[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      cells.forEach((c, j) => {
        if (j < widths.length && j < cells.length - 1) s += c + ' '.repeat(Math.max(0, widths[j]! - widthOf(c)));
        else s += c;
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, widthOf(cells[column]!) + padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}

export class PrefixWriter {
  private blocks: string[] = [];
  private cur = '';

  write(level: number, text: string): void {
    this.cur += '  '.repeat(level) + text;
  }

  /** A whole line at level 0. */
  line(text: string): void {
    this.cur += `${text}\n`;
  }

  flush(): void {
    this.blocks.push(this.cur);
    this.cur = '';
  }

  toString(): string {
    return [...this.blocks, this.cur].map((b) => goTabwriter(b)).join('');
  }
}
