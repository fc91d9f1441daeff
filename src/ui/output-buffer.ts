/**
 * The output pane's lines: what commands printed, exactly as `kubedojo run`
 * prints it (`$ cmd`, then the output), bounded in memory, with a scroll
 * offset counted in lines from the bottom.
 */
import { ExternalStore } from './external-store.js';

export type LineKind = 'cmd' | 'out' | 'err' | 'note';

export interface OutputLine {
  id: number;
  kind: LineKind;
  text: string;
}

export interface OutputState {
  lines: readonly OutputLine[];
  /** Lines scrolled up from the bottom (0 = following new output). */
  scroll: number;
}

export const OUTPUT_KEEP = 3000;

export class OutputBuffer extends ExternalStore<OutputState> {
  private nextId = 1;

  constructor(private readonly keep = OUTPUT_KEEP) {
    super({ lines: [], scroll: 0 });
  }

  /** Append text (one or more lines; a trailing newline ends the last line). */
  write(kind: LineKind, text: string): void {
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    const add = body.split('\n').map((t) => ({ id: this.nextId++, kind, text: t.replace(/\t/g, '    ') }));
    this.update((s) => {
      const lines = [...s.lines, ...add];
      const trimmed = lines.length > this.keep ? lines.slice(lines.length - this.keep) : lines;
      // Keep the view still while scrolled up; follow new output otherwise.
      const scroll = s.scroll > 0 ? Math.min(s.scroll + add.length, trimmed.length) : 0;
      return { lines: trimmed, scroll };
    });
  }

  clear(): void {
    this.set({ lines: [], scroll: 0 });
  }

  scrollBy(delta: number): void {
    this.update((s) => {
      const scroll = Math.max(0, Math.min(s.lines.length - 1, s.scroll + delta));
      return scroll === s.scroll ? s : { ...s, scroll };
    });
  }

  /** Plain text of every kept line (tests and `--plain` comparisons). */
  text(): string {
    return this.getSnapshot()
      .lines.map((l) => `${l.text}\n`)
      .join('');
  }
}
