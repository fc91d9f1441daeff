/**
 * The one keymap: every key the UI handles, in priority order, with the hint
 * the key bar shows. Handlers live in the session controller, by action id.
 */
import type { Key } from 'ink';

export type Action =
  | 'submit' | 'complete' | 'historyPrev' | 'historyNext' | 'cancel' | 'clearOutput' | 'pageUp' | 'pageDown'
  | 'togglePause' | 'step' | 'faster' | 'slower' | 'toggleEvents' | 'focusNode' | 'cycleNamespace' | 'cycleComponent'
  | 'left' | 'right' | 'home' | 'end' | 'backspace' | 'killToStart' | 'killWord' | 'endOfInput';

export interface Binding {
  action: Action;
  /** How the key is written in hints: `^S`, `PgUp`. */
  label: string;
  /** Short hint; bindings without one are not advertised. */
  hint?: string;
  match(input: string, key: Key): boolean;
}

const ctrl = (ch: string) => (input: string, key: Key) => key.ctrl && input === ch;

export const KEYMAP: Binding[] = [
  { action: 'submit', label: 'Enter', match: (_i, k) => k.return },
  { action: 'complete', label: 'Tab', hint: 'complete', match: (_i, k) => k.tab && !k.shift },
  { action: 'historyPrev', label: '↑↓', hint: 'history', match: (_i, k) => k.upArrow },
  { action: 'historyNext', label: '↓', match: (_i, k) => k.downArrow },
  { action: 'togglePause', label: '^S', hint: 'pause/resume', match: ctrl('s') },
  { action: 'step', label: '^N', hint: 'step', match: ctrl('n') },
  { action: 'faster', label: '^F/^B', hint: 'speed', match: ctrl('f') },
  { action: 'slower', label: '^B', match: ctrl('b') },
  { action: 'pageUp', label: 'PgUp/PgDn', hint: 'scroll', match: (_i, k) => k.pageUp },
  { action: 'pageDown', label: 'PgDn', match: (_i, k) => k.pageDown },
  { action: 'toggleEvents', label: '^T', hint: 'trace/events', match: ctrl('t') },
  { action: 'cycleComponent', label: '^R', hint: 'trace filter', match: ctrl('r') },
  { action: 'focusNode', label: '^O', hint: 'focus node', match: ctrl('o') },
  { action: 'cycleNamespace', label: '^K', hint: 'namespace', match: ctrl('k') },
  { action: 'clearOutput', label: '^L', hint: 'clear', match: ctrl('l') },
  { action: 'cancel', label: '^C', hint: 'cancel/quit', match: ctrl('c') },
  { action: 'endOfInput', label: '^D', match: ctrl('d') },
  { action: 'left', label: '←', match: (_i, k) => k.leftArrow },
  { action: 'right', label: '→', match: (_i, k) => k.rightArrow },
  { action: 'home', label: 'Home', match: (i, k) => k.home || (k.ctrl && i === 'a') },
  { action: 'end', label: 'End', match: (i, k) => k.end || (k.ctrl && i === 'e') },
  { action: 'backspace', label: 'Backspace', match: (_i, k) => k.backspace || k.delete },
  { action: 'killToStart', label: '^U', match: ctrl('u') },
  { action: 'killWord', label: '^W', match: ctrl('w') },
];

export function actionFor(input: string, key: Key): Action | undefined {
  return KEYMAP.find((b) => b.match(input, key))?.action;
}

/** `Tab complete · ↑↓ history · …`, cut to `width` at a hint boundary. */
export function keyHints(width: number): string {
  const parts = KEYMAP.filter((b) => b.hint).map((b) => `${b.label} ${b.hint}`);
  let out = '';
  for (const p of parts) {
    const next = out ? `${out} · ${p}` : p;
    if (next.length > width) break;
    out = next;
  }
  return out;
}
