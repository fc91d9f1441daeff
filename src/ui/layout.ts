/**
 * Pane sizes for a terminal: every pane gets a fixed height, and the frame is
 * one line shorter than the terminal (Ink clears the whole screen on every
 * frame that fills it). Narrow terminals stack the panes; wide ones put the
 * output and prompt on the left, the map and trace on the right.
 */
export const MIN_COLS = 60;
export const MIN_ROWS = 16;
export const WIDE_COLS = 120;

export interface Layout {
  cols: number;
  rows: number;
  tooSmall: boolean;
  wide: boolean;
  /** Total frame height (rows - 1). */
  height: number;
  leftWidth: number;
  rightWidth: number;
  map: number;
  trace: number;
  lesson: number;
  output: number;
}

export function computeLayout(cols: number, rows: number, opts: { lesson?: boolean } = {}): Layout {
  const height = Math.max(1, rows - 1);
  const base = { cols, rows, height, leftWidth: cols, rightWidth: cols, lesson: 0 };
  if (cols < MIN_COLS || rows < MIN_ROWS) return { ...base, tooSmall: true, wide: false, map: 0, trace: 0, output: 0 };
  // status bar, prompt, key hints
  const body = height - 3;
  if (cols >= WIDE_COLS) {
    const leftWidth = Math.floor(cols * 0.5);
    const map = Math.max(6, Math.round(body * 0.55));
    const lesson = opts.lesson ? Math.min(10, Math.floor(body / 3)) : 0;
    return { ...base, tooSmall: false, wide: true, leftWidth, rightWidth: cols - leftWidth - 1, map, trace: body + 1 - map, lesson, output: body - lesson };
  }
  const map = Math.max(5, Math.round(body * 0.32));
  const trace = Math.max(3, Math.round(body * 0.2));
  const lesson = opts.lesson ? Math.min(8, Math.max(3, Math.floor(body * 0.2))) : 0;
  return { ...base, tooSmall: false, wide: false, map, trace, lesson, output: body - map - trace - lesson };
}
