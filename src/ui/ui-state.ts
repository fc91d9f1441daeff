/** What the learner chose to look at: trace or events, filters, a focused node, the lesson slot. */
export interface UiState {
  view: 'trace' | 'events';
  /** Show only this namespace's pods on the map (undefined: all). */
  namespace?: string;
  /** Show one node and its pods by name. */
  focusNode?: string;
  /** Show only this component's trace lines. */
  component?: string;
  /** Show get/list/watch requests in the trace. */
  showReads: boolean;
  /** Services and their endpoints on the map. */
  showServices: boolean;
}

export const INITIAL_UI: UiState = { view: 'trace', showReads: false, showServices: true };

/** What the lessons issue puts in the lesson panel. */
export interface LessonView {
  title: string;
  lines: string[];
}

/** The next value in a cycle that starts and ends with "none". */
export function cycle<T>(values: readonly T[], current: T | undefined): T | undefined {
  if (values.length === 0) return undefined;
  if (current === undefined) return values[0];
  const i = values.indexOf(current);
  return i < 0 || i === values.length - 1 ? undefined : values[i + 1];
}
