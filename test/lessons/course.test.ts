/**
 * Every lesson of the course, proven as `kubedojo lessons test` proves it:
 * valid, starts unsolved, doesn't solve itself by waiting, solution and
 * alternatives pass, near misses fail.
 */
import { describe, expect, it } from 'vitest';
import { builtinLessonsDir, formatProblem, loadLessons } from '../../src/lessons/loader.js';
import { proveLesson } from '../../src/lessons/proof.js';

const loaded = loadLessons(builtinLessonsDir());

describe('the course in lessons/', () => {
  it('loads without problems and lists every lesson in course.yaml', () => {
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    const inCourse = new Set(loaded.course!.modules.flatMap((m) => m.lessons));
    expect(loaded.lessons.map((l) => l.id).filter((id) => !inCourse.has(id))).toEqual([]);
    expect(loaded.lessons.length).toBeGreaterThanOrEqual(8);
  });
  for (const lesson of loaded.lessons) {
    it(`proves ${lesson.id}`, { timeout: 120_000 }, () => {
      const r = proveLesson(lesson);
      expect(r.failures).toEqual([]);
    });
  }
});
