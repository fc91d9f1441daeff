/** Finding and loading lesson files and the course, with every problem reported by file and path. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { validateCourse, validateLesson } from './schema.js';
import type { Course, Lesson } from './types.js';

export interface LoadProblem {
  file: string;
  path: string;
  message: string;
}

export interface LoadedLessons {
  lessons: Lesson[];
  course: Course | undefined;
  problems: LoadProblem[];
}

/** The package root (where lessons/ and fixtures/ live), from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubedojo') return dir;
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export function builtinLessonsDir(): string {
  return join(packageRoot(), 'lessons');
}

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function loadLessons(dir: string): LoadedLessons {
  const problems: LoadProblem[] = [];
  const lessons: Lesson[] = [];
  let course: Course | undefined;
  const root = resolve(dir);
  let entries: string[];
  try {
    if (!statSync(root).isDirectory()) return { lessons, course, problems: [{ file: display(root), path: '', message: 'not a directory' }] };
    entries = readdirSync(root).sort();
  } catch {
    return { lessons, course, problems: [{ file: display(root), path: '', message: 'no such directory' }] };
  }
  for (const name of entries) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = join(root, name);
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file: display(file), path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    if (/^course\.ya?ml$/.test(name)) {
      const c = validateCourse(raw);
      if (c.ok) course = c.course;
      else for (const p of c.problems) problems.push({ file: display(file), ...p });
      continue;
    }
    const r = validateLesson(raw, file, root);
    if (r.ok) lessons.push(r.lesson);
    else for (const p of r.problems) problems.push({ file: display(file), ...p });
  }
  const ids = new Map<string, string>();
  for (const l of lessons) {
    if (ids.has(l.id)) problems.push({ file: display(l.file), path: 'id', message: `duplicate lesson id "${l.id}" (also in ${display(ids.get(l.id)!)})` });
    ids.set(l.id, l.file);
  }
  if (course) {
    course.modules.forEach((m, i) =>
      m.lessons.forEach((id, j) => {
        if (!ids.has(id)) problems.push({ file: display(join(root, 'course.yaml')), path: `modules[${i}].lessons[${j}]`, message: `no lesson with id "${id}"` });
      }),
    );
  }
  return { lessons: orderByCourse(lessons, course), course, problems };
}

function orderByCourse(lessons: Lesson[], course: Course | undefined): Lesson[] {
  if (!course) return lessons;
  const order = course.modules.flatMap((m) => m.lessons);
  return [...lessons].sort((a, b) => rank(order, a.id) - rank(order, b.id) || a.id.localeCompare(b.id));
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

export function formatProblem(p: LoadProblem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
