/**
 * Progress kept between runs (conf): completed steps and lessons, hints used,
 * time spent, and where the learner was. Versioned; a corrupt or newer file is
 * reported and set aside, never a crash.
 */
import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';

export const PROGRESS_VERSION = 1;

export interface LessonProgress {
  steps: string[];
  done: boolean;
  hints: number;
  timeMs: number;
}

export interface ProgressData {
  schemaVersion: number;
  lessons: Record<string, LessonProgress>;
  current?: { lesson: string; step: number };
}

/** Where progress lives; tests point KUBEDOJO_CONFIG_DIR at a temporary folder. */
export interface ProgressStore {
  read(): ProgressData;
  write(d: ProgressData): void;
  /** A message about a file that was set aside at load, once. */
  notice?: string;
  path?: string;
}

export function emptyProgress(): ProgressData {
  return { schemaVersion: PROGRESS_VERSION, lessons: {} };
}

export function memoryProgress(): ProgressStore {
  let d = emptyProgress();
  return { read: () => structuredClone(d), write: (n) => (d = structuredClone(n)) };
}

function valid(d: unknown): d is ProgressData {
  if (!d || typeof d !== 'object') return false;
  const o = d as ProgressData;
  return typeof o.schemaVersion === 'number' && !!o.lessons && typeof o.lessons === 'object';
}

export function confProgress(cwd = process.env.KUBEDOJO_CONFIG_DIR): ProgressStore {
  let notice: string | undefined;
  const open = (): Conf<{ progress?: ProgressData }> => new Conf<{ progress?: ProgressData }>({ projectName: 'kubedojo', configName: 'progress', ...(cwd ? { cwd } : {}), projectSuffix: '' });
  let conf: Conf<{ progress?: ProgressData }>;
  try {
    conf = open();
  } catch (e) {
    const path = (e as { path?: string }).path;
    conf = setAside(open, cwd, `could not be read (${(e as Error).message.split('\n')[0]})`, path);
    notice = `Your progress file was unreadable and has been set aside; starting fresh.`;
  }
  const current = conf.get('progress');
  if (current !== undefined && !valid(current)) {
    const aside = asidePath(conf.path);
    renameSync(conf.path, aside);
    conf = open();
    notice = `Your progress file had an unexpected shape and was set aside as ${aside}; starting fresh.`;
  } else if (current && current.schemaVersion > PROGRESS_VERSION) {
    const aside = asidePath(conf.path);
    renameSync(conf.path, aside);
    conf = open();
    notice = `Your progress file is from a newer kubedojo (format ${current.schemaVersion}); it was set aside as ${aside} and this version starts fresh.`;
  }
  const store: ProgressStore = {
    read: () => {
      const d = conf.get('progress');
      return valid(d) ? d : emptyProgress();
    },
    write: (d) => conf.set('progress', d),
    notice,
    path: conf.path,
  };
  return store;
}

function asidePath(path: string): string {
  let n = 0;
  let p = `${path}.corrupt`;
  while (existsSync(p)) p = `${path}.corrupt.${++n}`;
  return p;
}

function setAside(open: () => Conf<{ progress?: ProgressData }>, cwd: string | undefined, _why: string, path?: string): Conf<{ progress?: ProgressData }> {
  const file = path ?? `${cwd ?? '.'}/progress.json`;
  if (existsSync(file)) renameSync(file, asidePath(file));
  return open();
}
