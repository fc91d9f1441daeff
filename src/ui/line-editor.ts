/**
 * The prompt's line editing, as pure functions over {value, cursor}: insert,
 * delete, cursor moves, Ctrl-U / Ctrl-W. Pasted text is split on line breaks
 * by the caller (a terminal sends `cmd\r` as one chunk).
 */
export interface Line {
  value: string;
  cursor: number;
}

export const EMPTY_LINE: Line = { value: '', cursor: 0 };

export function lineOf(value: string): Line {
  return { value, cursor: value.length };
}

export function insert(l: Line, text: string): Line {
  // Control characters other than tab never enter the line.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (clean === '') return l;
  return { value: l.value.slice(0, l.cursor) + clean + l.value.slice(l.cursor), cursor: l.cursor + clean.length };
}

export function backspace(l: Line): Line {
  if (l.cursor === 0) return l;
  return { value: l.value.slice(0, l.cursor - 1) + l.value.slice(l.cursor), cursor: l.cursor - 1 };
}

export function deleteForward(l: Line): Line {
  if (l.cursor >= l.value.length) return l;
  return { value: l.value.slice(0, l.cursor) + l.value.slice(l.cursor + 1), cursor: l.cursor };
}

export function move(l: Line, to: number): Line {
  const cursor = Math.max(0, Math.min(l.value.length, to));
  return cursor === l.cursor ? l : { ...l, cursor };
}

/** Ctrl-U: delete from the start of the line to the cursor. */
export function killToStart(l: Line): Line {
  return { value: l.value.slice(l.cursor), cursor: 0 };
}

/** Ctrl-W: delete the word before the cursor. */
export function killWord(l: Line): Line {
  const before = l.value.slice(0, l.cursor);
  const start = before.replace(/\S+\s*$/, '').length;
  return { value: l.value.slice(0, start) + l.value.slice(l.cursor), cursor: start };
}

/** Split pasted input into complete lines and the unfinished rest. */
export function splitPaste(text: string): { lines: string[]; rest: string } {
  const parts = text.split(/\r\n|\r|\n/);
  return { lines: parts.slice(0, -1), rest: parts[parts.length - 1] ?? '' };
}
