/**
 * Proving a lesson's graders, headlessly: the file is valid; each step starts
 * unsolved and doesn't solve itself by waiting; its solution and every
 * alternative pass within the goals' windows; every near miss fails. Each route
 * starts from the step's own world (the lesson world plus the earlier steps'
 * solutions), rebuilt fresh — the cluster is deterministic.
 */
import type { Environment } from '../commands/environment.js';
import { ActiveLesson } from './active.js';
import { buildLessonWorld } from './world.js';
import type { Lesson } from './types.js';

export interface ProofResult {
  id: string;
  ok: boolean;
  failures: string[];
}

function stepWorld(lesson: Lesson, step: number): { env: Environment; error?: string } {
  const r = buildLessonWorld(lesson, 1, 'lesson');
  if (!r.ok) return { env: r.env, error: r.error };
  for (const s of lesson.steps.slice(0, step)) {
    for (const c of s.solution) {
      const errs: string[] = [];
      if (r.env.shell.exec(c, { out: () => {}, err: (t) => void errs.push(t) }) !== 0) return { env: r.env, error: `step "${s.id}" solution command failed: ${c}: ${errs.join(' ').trim()}` };
    }
    r.env.world.advance(Math.max(...s.goals.map((g) => g.withinMs), 0));
  }
  return { env: r.env };
}

/** Run commands, then let time pass up to the window; did all goals hold at some check? */
function routePasses(lesson: Lesson, step: number, commands: string[]): { passed: boolean; error?: string; missing?: string[] } {
  const { env, error } = stepWorld(lesson, step);
  if (error) return { passed: false, error };
  const cluster = env.session.cluster()!;
  const a = new ActiveLesson(lesson);
  a.beginStep(step, cluster);
  for (const c of commands) {
    const errs: string[] = [];
    const code = env.shell.exec(c, { out: () => {}, err: (t) => void errs.push(t) });
    if (code !== 0) return { passed: false, error: `command failed: ${c}: ${errs.join(' ').trim()}` };
  }
  const within = Math.max(...a.step.goals.map((g) => g.withinMs), 0);
  // Goals read the current context's cluster: `az aks get-credentials` may have switched it.
  const all = () => a.evaluate(env.session.cluster() ?? cluster) === a.step.goals.length;
  const passed = env.world.advanceUntil(all, within);
  return { passed, missing: a.step.goals.filter((_g, i) => !a.goalsDone[i]).map((g) => g.label) };
}

export function proveLesson(lesson: Lesson): ProofResult {
  const failures: string[] = [];
  lesson.steps.forEach((s, k) => {
    // Starts unsolved, and waiting alone doesn't solve it.
    const { env, error } = stepWorld(lesson, k);
    if (error) {
      failures.push(error);
      return;
    }
    const cluster = env.session.cluster()!;
    const a = new ActiveLesson(lesson);
    a.beginStep(k, cluster);
    a.evaluate(cluster);
    a.goalsDone.forEach((done, i) => {
      if (done) failures.push(`step "${s.id}": goal "${s.goals[i]!.label}" already holds before the learner does anything`);
    });
    const within = Math.max(...s.goals.map((g) => g.withinMs), 0);
    if (env.world.advanceUntil(() => a.evaluate(cluster) === s.goals.length, within)) failures.push(`step "${s.id}": solves itself by waiting ${within / 1000}s`);
    const sol = routePasses(lesson, k, s.solution);
    if (sol.error) failures.push(`step "${s.id}" solution: ${sol.error}`);
    else if (!sol.passed) failures.push(`step "${s.id}": solution does not pass (${sol.missing?.join('; ')})`);
    s.alternatives.forEach((alt, i) => {
      const r = routePasses(lesson, k, alt);
      if (r.error) failures.push(`step "${s.id}" alternative ${i + 1}: ${r.error}`);
      else if (!r.passed) failures.push(`step "${s.id}": alternative ${i + 1} does not pass (${r.missing?.join('; ')})`);
    });
    s.nearMisses.forEach((nm, i) => {
      const r = routePasses(lesson, k, nm);
      if (r.passed) failures.push(`step "${s.id}": near miss ${i + 1} passes but must fail (${nm.join(' && ')})`);
    });
  });
  return { id: lesson.id, ok: failures.length === 0, failures };
}
