/** Building a lesson's starting world: seed and profile, manifests applied, setup commands run, time let pass. */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createEnvironment, diskFiles, type Environment } from '../commands/environment.js';
import type { FileSource } from '../commands/types.js';
import { packageRoot } from './loader.js';
import type { Lesson } from './types.js';

/** Files relative to the lesson's folder first, then the package root (for fixtures/). */
export function lessonFiles(lesson: Lesson | undefined, cwd = process.cwd()): FileSource {
  const local = diskFiles(cwd);
  if (!lesson) return local;
  const inLesson = diskFiles(lesson.dir);
  const inPackage = diskFiles(packageRoot());
  const pick = (path: string): FileSource => {
    if (isAbsolute(path)) return local;
    if (existsSync(join(lesson.dir, path))) return inLesson;
    if (existsSync(join(packageRoot(), path))) return inPackage;
    return local;
  };
  return { read: (p) => pick(p).read(p), list: (p) => pick(p).list(p) };
}

export type SetupResult = { ok: true; env: Environment } | { ok: false; env: Environment; error: string };

export function buildLessonWorld(lesson: Lesson | undefined, seed = 1, mode: 'tui' | 'run' | 'lesson' = 'lesson'): SetupResult {
  const env = createEnvironment({ seed: lesson?.world.seed ?? seed, profile: lesson?.world.profile, files: lessonFiles(lesson), mode });
  if (!lesson) return { ok: true, env };
  const quiet = { out: () => {}, err: (t: string) => void errors.push(t) };
  const errors: string[] = [];
  for (const f of lesson.world.apply) {
    if (env.shell.exec(`kubectl apply -f ${f}`, quiet) !== 0) return { ok: false, env, error: `setup: kubectl apply -f ${f}: ${errors.join(' ')}` };
  }
  for (const c of lesson.world.commands) {
    if (env.shell.exec(c, quiet) !== 0) return { ok: false, env, error: `setup: ${c}: ${errors.join(' ')}` };
  }
  env.world.advance(lesson.world.settleMs);
  return { ok: true, env };
}
