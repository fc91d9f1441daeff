/**
 * Long-running Azure operations as generators on the simulated clock: a step
 * yields `{ sleep }` or `{ until }` (polled every 5 s), so provisioning,
 * upgrades and stop/start read as the sequence they are. The az layer waits
 * on `task.done` by advancing the world, or returns at once with --no-wait.
 */
import type { SimClock } from '../clock.js';
import type { AzError } from './errors.js';

/** `until` resumes the body when the condition holds or `timeoutMs` passes (the body checks which). */
export type TaskStep = { sleep: number } | { until: () => boolean; pollMs?: number; timeoutMs?: number };

export type TaskBody = Generator<TaskStep, AzError | void, void>;

export interface Task {
  readonly name: string;
  done: boolean;
  error?: AzError;
  /** Called once when the task ends. */
  onEnd: ((t: Task) => void)[];
}

export function runTask(clock: SimClock, name: string, body: TaskBody): Task {
  const task: Task = { name, done: false, onEnd: [] };
  const finish = (err?: AzError) => {
    task.done = true;
    task.error = err;
    for (const f of task.onEnd) f(task);
  };
  const advance = (): void => {
    for (;;) {
      const r = body.next();
      if (r.done) return finish(r.value ?? undefined);
      const step = r.value;
      if ('sleep' in step) {
        if (step.sleep <= 0) continue;
        clock.setTimeout(advance, step.sleep, name);
        return;
      }
      if (step.until()) continue;
      const started = clock.now();
      const poll = (): void => {
        if (step.until()) return advance();
        if (step.timeoutMs !== undefined && clock.now() - started >= step.timeoutMs) return advance();
        clock.setTimeout(poll, step.pollMs ?? 5000, name);
      };
      clock.setTimeout(poll, step.pollMs ?? 5000, name);
      return;
    }
  };
  advance();
  return task;
}

/** Run several bodies one after another inside one task. */
export function* sequence(...bodies: (() => TaskBody)[]): TaskBody {
  for (const b of bodies) {
    const e = yield* b();
    if (e) return e;
  }
}
