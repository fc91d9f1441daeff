/**
 * The session a learner drives: the current world, the lesson being taken (if
 * any), and the lesson commands (lessons, lesson, hint, solution, reset, undo,
 * next, sandbox, progress). Everything else goes to the shell. The TUI, the
 * plain REPL and tests all use it.
 *
 * Undo and reset rebuild the world and replay the journal: the cluster is
 * deterministic, so replaying the same commands and clock advances gives the
 * same state exactly.
 */
import type { Environment } from '../commands/environment.js';
import type { Stream } from '../commands/types.js';
import { tokenize } from '../commands/tokenize.js';
import type { Cluster } from '../cluster/cluster.js';
import { ActiveLesson } from './active.js';
import { buildLessonWorld } from './world.js';
import { builtinLessonsDir, formatProblem, loadLessons, type LoadedLessons } from './loader.js';
import { check } from './predicates.js';
import { debriefFromTrace } from './debrief.js';
import { emptyProgress, memoryProgress, type ProgressStore } from './progress.js';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Lesson } from './types.js';

export interface ExecIO {
  out(text: string): void;
  err(text: string): void;
  stdin?: string;
  follow?(s: Stream): void;
}

type Entry = { kind: 'exec'; line: string; stdin?: string; changed: boolean } | { kind: 'advance'; ms: number };

export interface GoalView {
  label: string;
  done: boolean;
}

export interface LessonView {
  id: string;
  title: string;
  step: number;
  steps: number;
  task: string;
  goals: GoalView[];
  hints: string[];
  stepComplete: boolean;
  finished: boolean;
}

export interface DojoOptions {
  seed?: number;
  lessonsDir?: string;
  progress?: ProgressStore;
  mode?: 'tui' | 'run' | 'lesson';
  /** Wall-clock source for "time spent" only (never for the cluster). */
  wallNow?: () => number;
}

export const LESSON_COMMANDS = ['lessons', 'lesson', 'hint', 'solution', 'reset', 'undo', 'next', 'sandbox', 'progress'];

export class Dojo {
  env: Environment;
  /** Bumped whenever the world is replaced (reset, undo, a new lesson): UIs re-subscribe. */
  worldVersion = 0;
  readonly catalog: LoadedLessons;
  private active: ActiveLesson | undefined;
  private journal: Entry[] = [];
  private outbox: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly progress: ProgressStore;
  private readonly seed: number;
  private readonly mode: 'tui' | 'run' | 'lesson';
  private readonly wallNow: () => number;
  private stepStartedWall = 0;

  constructor(o: DojoOptions = {}) {
    this.seed = o.seed ?? 1;
    this.mode = o.mode ?? 'tui';
    this.wallNow = o.wallNow ?? (() => Date.now());
    this.progress = o.progress ?? memoryProgress();
    this.catalog = loadLessons(o.lessonsDir ?? builtinLessonsDir());
    this.env = buildLessonWorld(undefined, this.seed, this.mode).env;
  }

  // ---- observation (UI) ----

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  get cluster(): Cluster | undefined {
    return this.env.session.cluster();
  }

  lessonView(): LessonView | undefined {
    const a = this.active;
    if (!a) return undefined;
    return {
      id: a.lesson.id,
      title: a.lesson.title,
      step: a.stepIndex + 1,
      steps: a.lesson.steps.length,
      task: a.step.task,
      goals: a.step.goals.map((g, i) => ({ label: g.label, done: a.goalsDone[i] ?? false })),
      hints: [...a.hintsShown].sort().map((i) => a.step.hints[i]!.say),
      stepComplete: a.stepComplete,
      finished: a.finished,
    };
  }

  /** Lesson messages produced outside a command (by the clock): the UI prints them. */
  drainMessages(): string[] {
    return this.outbox.splice(0);
  }

  startupNotice(): string | undefined {
    const parts: string[] = [];
    if (this.progress.notice) parts.push(this.progress.notice);
    if (this.catalog.problems.length > 0) parts.push(`Some lesson files have problems:\n${this.catalog.problems.map(formatProblem).join('\n')}`);
    const cur = this.progress.read().current;
    if (cur && this.catalog.lessons.some((l) => l.id === cur.lesson)) parts.push(`Welcome back. Type \`lesson ${cur.lesson}\` to continue where you were (step ${cur.step + 1}).`);
    return parts.length ? parts.join('\n') : undefined;
  }

  // ---- commands ----

  /**
   * Run one line. A front end with extra commands (the TUI's view commands)
   * passes its own shell over the same world.
   */
  exec(line: string, io: ExecIO, shell: Environment['shell'] = this.env.shell): number {
    this.observeClock();
    const t = tokenize(line);
    const words = t.ok ? t.words : [];
    if (words[0] && LESSON_COMMANDS.includes(words[0])) {
      const code = this.lessonCommand(words[0], words.slice(1), io);
      this.flush(io);
      this.changed();
      return code;
    }
    const before = this.revision();
    const code = shell.exec(line, { out: io.out, err: io.err, stdin: io.stdin, follow: io.follow });
    const changed = this.revision() !== before;
    if (words.length > 0) this.journal.push({ kind: 'exec', line, stdin: io.stdin, changed });
    this.lastClock = this.env.world.clock.now();
    const a = this.active;
    if (a && !a.stepComplete && words.length > 0) {
      const trimmed = line.trim();
      a.step.hints.forEach((h, i) => {
        if (h.trigger.kind === 'command' && trimmed.startsWith(h.trigger.prefix) && !a.hintsShown.has(i)) this.showHint(a, i);
      });
      const doneBefore = a.goalsDone.filter(Boolean).length;
      const doneAfter = this.evaluate();
      if (!a.stepComplete && (code !== 0 || doneAfter <= doneBefore)) {
        a.misses++;
        a.step.hints.forEach((h, i) => {
          if (h.trigger.kind === 'misses' && a.misses >= h.trigger.misses && !a.hintsShown.has(i)) this.showHint(a, i);
        });
      }
    }
    this.flush(io);
    this.changed();
    return code;
  }

  private lastClock = -1;

  /** Journal time that passed outside the Dojo (a UI ticker advancing the world), so undo replays it. */
  private observeClock(): void {
    const now = this.env.world.clock.now();
    if (this.lastClock >= 0 && now > this.lastClock) {
      const last = this.journal[this.journal.length - 1];
      if (last?.kind === 'advance') last.ms += now - this.lastClock;
      else this.journal.push({ kind: 'advance', ms: now - this.lastClock });
    }
    this.lastClock = now;
  }

  /** After the world moved on its own (a clock tick): journal it and re-check goals. */
  observe(): void {
    this.observeClock();
    if (this.active && !this.active.stepComplete) this.evaluate();
  }

  /** Let simulated time pass (the TUI's ticker, `sleep`), then re-check goals. */
  advance(ms: number): void {
    if (ms <= 0) return;
    this.observeClock();
    this.env.world.advance(ms);
    const last = this.journal[this.journal.length - 1];
    if (last?.kind === 'advance') last.ms += ms;
    else this.journal.push({ kind: 'advance', ms });
    this.lastClock = this.env.world.clock.now();
    if (this.active && !this.active.stepComplete) this.evaluate();
    this.changed();
  }

  private revision(): number {
    return this.env.world.all().reduce((n, c) => n + c.store.revision, 0);
  }

  private flush(io: ExecIO): void {
    for (const m of this.outbox.splice(0)) io.out(m);
  }

  private say(text: string): void {
    this.outbox.push(text);
  }

  private showHint(a: ActiveLesson, i: number): void {
    a.hintsShown.add(i);
    a.hintsUsed++;
    this.say(`Hint: ${a.step.hints[i]!.say}`);
  }

  /** Check the goals; completes the step when all hold at once. Returns how many hold. */
  private evaluate(): number {
    const a = this.active;
    const cluster = this.cluster;
    if (!a || !cluster) return 0;
    const n = a.evaluate(cluster);
    a.step.hints.forEach((h, i) => {
      if (h.trigger.kind === 'state' && !a.hintsShown.has(i) && check(a.context(cluster), h.trigger.check)) this.showHint(a, i);
    });
    if (!a.stepComplete && n === a.step.goals.length) this.completeStep(a, cluster);
    return n;
  }

  private completeStep(a: ActiveLesson, cluster: Cluster): void {
    a.stepComplete = true;
    const lines = [`✓ Step ${a.stepIndex + 1} of ${a.lesson.steps.length} done: ${a.step.task}`];
    if (a.step.debrief) lines.push('', a.step.debrief.trim());
    const story = debriefFromTrace(cluster.trace.since(a.sinceTraceSeq));
    if (story.length) lines.push('', 'What the control plane did:', ...story.map((s) => `  ${s}`));
    lines.push('', a.finished ? `Lesson "${a.lesson.title}" complete. Type \`lessons\` to pick the next one, or keep exploring (sandbox).` : 'Type `next` for the next step.');
    this.say(lines.join('\n'));
    this.saveProgress(a, true);
  }

  private saveProgress(a: ActiveLesson, stepDone: boolean): void {
    const p = this.progress.read();
    const lp = (p.lessons[a.lesson.id] ??= { steps: [], done: false, hints: 0, timeMs: 0 });
    if (stepDone && !lp.steps.includes(a.step.id)) lp.steps.push(a.step.id);
    lp.hints = Math.max(lp.hints, a.hintsUsed);
    const now = this.wallNow();
    lp.timeMs += Math.max(0, now - this.stepStartedWall);
    this.stepStartedWall = now;
    if (a.finished) lp.done = true;
    p.current = a.finished ? undefined : { lesson: a.lesson.id, step: stepDone ? a.stepIndex + 1 : a.stepIndex };
    this.progress.write(p);
  }

  private lessonCommand(cmd: string, args: string[], io: ExecIO): number {
    switch (cmd) {
      case 'lessons':
        return this.listLessons(io);
      case 'lesson': {
        const id = args[0];
        if (!id) {
          io.err('error: usage: lesson <id>   (type `lessons` to see them)');
          return 1;
        }
        return this.startLesson(id, io, undefined);
      }
      case 'hint':
        return this.hint(io);
      case 'solution':
        return this.solution(args.includes('--yes') || args.includes('-y'), io);
      case 'reset':
        return this.reset(io);
      case 'undo':
        return this.undo(io);
      case 'next':
        return this.next(io);
      case 'sandbox':
        if (!this.active) {
          io.out('You are already in the sandbox: type any kubectl or az command.');
          return 0;
        }
        io.out(`Left lesson "${this.active.lesson.title}"; the cluster stays as it is. Type \`lesson ${this.active.lesson.id}\` to go back.`);
        this.active = undefined;
        return 0;
      case 'progress':
        return this.progressCommand(args, io);
      default:
        return 1;
    }
  }

  private listLessons(io: ExecIO): number {
    const p = this.progress.read();
    const mark = (l: Lesson) => (p.lessons[l.id]?.done ? '✓' : p.lessons[l.id]?.steps.length ? '•' : ' ');
    const lines: string[] = [];
    const byId = new Map(this.catalog.lessons.map((l) => [l.id, l]));
    const listed = new Set<string>();
    for (const m of this.catalog.course?.modules ?? []) {
      lines.push(m.title);
      for (const id of m.lessons) {
        const l = byId.get(id);
        if (!l) continue;
        listed.add(id);
        lines.push(`  ${mark(l)} ${l.id.padEnd(28)} ${l.title} (${l.minutes} min)`);
      }
    }
    const rest = this.catalog.lessons.filter((l) => !listed.has(l.id));
    if (rest.length) {
      if (lines.length) lines.push('More');
      for (const l of rest) lines.push(`  ${mark(l)} ${l.id.padEnd(28)} ${l.title} (${l.minutes} min)`);
    }
    if (lines.length === 0) lines.push('No lessons found.');
    lines.push('', 'Type `lesson <id>` to start one. ✓ done, • started.');
    io.out(lines.join('\n'));
    return 0;
  }

  /** Start a lesson at a step (the step's world is the lesson world plus the earlier steps' solutions). */
  startLesson(id: string, io: ExecIO, atStep?: number): number {
    const lesson = this.catalog.lessons.find((l) => l.id === id);
    if (!lesson) {
      const near = this.catalog.lessons.filter((l) => l.id.includes(id) || id.includes(l.id.split('.').pop() ?? '~')).map((l) => l.id);
      io.err(`error: no lesson "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (type \`lessons\` for the list)`);
      return 1;
    }
    const cur = this.progress.read().current;
    const step = atStep ?? (cur?.lesson === id ? Math.min(cur.step, lesson.steps.length - 1) : 0);
    const built = this.buildStepWorld(lesson, step);
    if (!built.ok) {
      io.err(`error: could not set up lesson "${id}": ${built.error}`);
      return 1;
    }
    this.active = new ActiveLesson(lesson);
    this.active.beginStep(step, this.cluster!);
    this.stepStartedWall = this.wallNow();
    const lines = [`${lesson.title}  (${lesson.minutes} min, ${lesson.steps.length} steps)`];
    if (step === 0 && lesson.intro.trim()) lines.push('', lesson.intro.trim());
    lines.push('', this.taskText());
    io.out(lines.join('\n'));
    this.saveProgress(this.active, false);
    return 0;
  }

  private taskText(): string {
    const a = this.active!;
    return `Step ${a.stepIndex + 1}/${a.lesson.steps.length}: ${a.step.task}\n${a.step.goals.map((g) => `  [ ] ${g.label}`).join('\n')}\n(\`hint\` for a hint, \`solution\` to see the answer)`;
  }

  private buildStepWorld(lesson: Lesson, step: number): { ok: true } | { ok: false; error: string } {
    const r = buildLessonWorld(lesson, this.seed, this.mode);
    if (!r.ok) return { ok: false, error: r.error };
    this.replaceEnv(r.env);
    for (const s of lesson.steps.slice(0, step)) {
      for (const c of s.solution) this.env.shell.exec(c, { out: () => {}, err: () => {} });
      this.env.world.advance(Math.max(...s.goals.map((g) => g.withinMs), 0));
    }
    this.journal = [];
    return { ok: true };
  }

  private replaceEnv(env: Environment): void {
    this.env = env;
    this.worldVersion++;
    this.lastClock = -1;
  }

  private hint(io: ExecIO): number {
    const a = this.active;
    if (!a) {
      io.err('error: hints belong to lessons; type `lessons` to start one.');
      return 1;
    }
    const i = a.step.hints.findIndex((h, idx) => !a.hintsShown.has(idx) && h.trigger.kind === 'request');
    const any = i >= 0 ? i : a.step.hints.findIndex((_h, idx) => !a.hintsShown.has(idx));
    if (any < 0) {
      io.out('No more hints for this step. `solution` shows the answer.');
      return 0;
    }
    this.showHint(a, any);
    this.saveProgress(a, false);
    return 0;
  }

  private solution(confirmed: boolean, io: ExecIO): number {
    const a = this.active;
    if (!a) {
      io.err('error: no lesson is running; type `lessons` to start one.');
      return 1;
    }
    if (!confirmed) {
      io.out(`The solution for this step runs these commands on your cluster:\n${a.step.solution.map((c) => `  ${c}`).join('\n')}\nType \`solution --yes\` to run them (or try it yourself first).`);
      return 0;
    }
    for (const c of a.step.solution) {
      io.out(`$ ${c}`);
      this.exec(c, io);
    }
    const within = Math.max(...a.step.goals.map((g) => g.withinMs), 0);
    const cluster = this.cluster;
    if (cluster && !a.stepComplete) {
      this.env.world.advanceUntil(() => a.evaluate(cluster) === a.step.goals.length, within);
      this.journal.push({ kind: 'advance', ms: 0 });
      this.evaluate();
    }
    return 0;
  }

  private reset(io: ExecIO): number {
    const a = this.active;
    if (!a) {
      const r = buildLessonWorld(undefined, this.seed, this.mode);
      this.replaceEnv(r.env);
      this.journal = [];
      io.out('The sandbox cluster is back to its starting state.');
      return 0;
    }
    return this.startLesson(a.lesson.id, io, a.stepIndex);
  }

  private undo(io: ExecIO): number {
    let idx = -1;
    for (let i = this.journal.length - 1; i >= 0; i--) {
      const e = this.journal[i]!;
      if (e.kind === 'exec' && e.changed) {
        idx = i;
        break;
      }
    }
    if (idx < 0) {
      io.out('Nothing to undo: no command has changed the cluster yet.');
      return 0;
    }
    const undone = this.journal[idx] as Extract<Entry, { kind: 'exec' }>;
    const keep = this.journal.slice(0, idx);
    const a = this.active;
    if (a) {
      const r = this.buildStepWorld(a.lesson, a.stepIndex);
      if (!r.ok) {
        io.err(`error: ${r.error}`);
        return 1;
      }
      a.beginStep(a.stepIndex, this.cluster!);
    } else this.replaceEnv(buildLessonWorld(undefined, this.seed, this.mode).env);
    const silent = { out: () => {}, err: () => {} };
    for (const e of keep) {
      if (e.kind === 'exec') this.env.shell.exec(e.line, { ...silent, stdin: e.stdin });
      else this.env.world.advance(e.ms);
    }
    this.journal = keep;
    if (a) a.evaluate(this.cluster!);
    io.out(`Undid: ${undone.line}`);
    return 0;
  }

  private next(io: ExecIO): number {
    const a = this.active;
    if (!a) {
      io.err('error: no lesson is running; type `lessons` to start one.');
      return 1;
    }
    if (!a.stepComplete) {
      io.out('This step is not done yet: its goals are not all met. (`hint` helps, `solution` shows the answer.)');
      return 1;
    }
    if (a.finished) {
      const order = this.catalog.course?.modules.flatMap((m) => m.lessons) ?? this.catalog.lessons.map((l) => l.id);
      const nextId = order[order.indexOf(a.lesson.id) + 1];
      io.out(nextId ? `Lesson complete. Next up: \`lesson ${nextId}\`.` : 'That was the last lesson of the course. Well done!');
      return 0;
    }
    a.beginStep(a.stepIndex + 1, this.cluster!);
    this.journal = [];
    this.stepStartedWall = this.wallNow();
    this.saveProgress(a, false);
    io.out(this.taskText());
    return 0;
  }

  private progressCommand(args: string[], io: ExecIO): number {
    const sub = args[0];
    if (sub === 'reset') {
      const id = args[1];
      const p = id ? this.progress.read() : emptyProgress();
      if (id) {
        delete p.lessons[id];
        if (p.current?.lesson === id) delete p.current;
      }
      this.progress.write(p);
      io.out(id ? `Progress of lesson ${id} cleared.` : 'All progress cleared.');
      return 0;
    }
    if (sub === 'export') {
      const text = JSON.stringify(this.progress.read(), null, 2);
      if (args[1]) {
        try {
          writeFileSync(args[1], `${text}\n`);
        } catch (e) {
          io.err(`error: cannot write ${args[1]}: ${(e as Error).message}`);
          return 1;
        }
        io.out(`Progress written to ${args[1]}.`);
      } else io.out(text);
      return 0;
    }
    if (sub === 'import') {
      if (!args[1]) {
        io.err('error: usage: progress import <file>');
        return 1;
      }
      try {
        const d = JSON.parse(readFileSync(args[1], 'utf8')) as { schemaVersion?: number; lessons?: unknown };
        if (typeof d.schemaVersion !== 'number' || typeof d.lessons !== 'object' || d.lessons === null) throw new Error('not a kubedojo progress file');
        this.progress.write(d as never);
      } catch (e) {
        io.err(`error: cannot import ${args[1]}: ${(e as Error).message}`);
        return 1;
      }
      io.out(`Progress imported from ${args[1]}.`);
      return 0;
    }
    const p = this.progress.read();
    const done = Object.entries(p.lessons).filter(([, l]) => l.done).length;
    io.out(`${done} of ${this.catalog.lessons.length} lessons done.${p.current ? ` Current: ${p.current.lesson}, step ${p.current.step + 1}.` : ''}\nUsage: progress [reset [lesson]|export [file]|import <file>]`);
    return 0;
  }
}
