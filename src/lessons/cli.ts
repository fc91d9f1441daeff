/** `kubedojo lessons test [dir]` and `kubedojo lessons lint [dir]`: the instructor's proof and lint. */
import { builtinLessonsDir, formatProblem, loadLessons } from './loader.js';
import { proveLesson } from './proof.js';

export function lessonsMain(args: string[], write: (t: string) => void): number {
  const [sub, dirArg] = args;
  const dir = dirArg ?? builtinLessonsDir();
  if (sub !== 'test' && sub !== 'lint') {
    write('Usage: kubedojo lessons test [dir]   replay every solution, alternative and near miss\n       kubedojo lessons lint [dir]   check lesson files against the schema\n');
    return 2;
  }
  const loaded = loadLessons(dir);
  for (const p of loaded.problems) write(`${formatProblem(p)}\n`);
  if (sub === 'lint') {
    write(loaded.problems.length === 0 ? `${loaded.lessons.length} lesson(s) OK in ${dir}\n` : `${loaded.problems.length} problem(s)\n`);
    return loaded.problems.length === 0 ? 0 : 1;
  }
  let failed = loaded.problems.length > 0 ? 1 : 0;
  for (const lesson of loaded.lessons) {
    const r = proveLesson(lesson);
    write(r.ok ? `PASS ${r.id}\n` : `FAIL ${r.id}: ${r.failures.join('; ')}\n`);
    if (!r.ok) failed++;
  }
  if (loaded.lessons.length === 0 && loaded.problems.length === 0) {
    write(`no lessons found in ${dir}\n`);
    return 1;
  }
  return failed === 0 ? 0 : 1;
}
