/**
 * The TUI's session, without React: the prompt's line and history, heredoc
 * paste mode, running commands through the same Shell as `run`, followed
 * streams, time control, and the stores the panes read. Components only
 * render these stores and forward keys here, so the whole flow is testable.
 */
import type { Key } from 'ink';
import type { Environment } from '../commands/environment.js';
import { Shell } from '../commands/shell.js';
import type { Stream } from '../commands/types.js';
import { attachTimeControl, stepWorld } from '../commands/clock.js';
import { tokenize } from '../commands/tokenize.js';
import { ClusterFeed } from './cluster-feed.js';
import { ExternalStore } from './external-store.js';
import { OutputBuffer } from './output-buffer.js';
import { HistoryCursor, memoryHistory, type HistoryStore } from './history.js';
import { UiTimeControl } from './time-control.js';
import { actionFor, type Action } from './keymap.js';
import * as edit from './line-editor.js';
import { complete } from './complete.js';
import { cycle, INITIAL_UI, type LessonView, type UiState } from './ui-state.js';
import { reportBug } from './bug-log.js';
import { viewCommand } from './view-command.js';
import type { Dojo } from '../lessons/dojo.js';

export interface EditorState {
  line: edit.Line;
  /** Collecting a pasted manifest until `marker` (heredoc). */
  heredoc?: { command: string; marker: string; body: string[] };
  /** A line under the prompt (completion candidates, "press Ctrl-C again"). */
  hint?: string;
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/;

export interface ControllerOptions {
  history?: HistoryStore;
  onQuit?: () => void;
  /** Lessons: commands go through the Dojo, which checks goals and may rebuild the world. */
  dojo?: Dojo;
}

/** `kubedojo --serve`: where real kubectl connects, and whether it has. */
export interface ServeView {
  url: string;
  kubeconfigPath: string;
  requests: number;
  /** The client of the last request (`kubectl/v1.32.2`). */
  client?: string;
}

export class SessionController {
  shell: Shell;
  readonly feed: ClusterFeed;
  readonly output = new OutputBuffer();
  readonly editor = new ExternalStore<EditorState>({ line: edit.EMPTY_LINE });
  readonly ui = new ExternalStore<UiState>(INITIAL_UI);
  readonly lesson = new ExternalStore<LessonView | undefined>(undefined);
  readonly serve = new ExternalStore<ServeView | undefined>(undefined);
  private serveSource: (() => ServeView) | undefined;
  readonly time: UiTimeControl;
  readonly history: HistoryCursor;
  /** The output pane's height (PgUp/PgDn move by a page); the app sets it on layout. */
  pageSize = 10;
  /** Set while the demo plays: the next keystroke stops it instead of editing. */
  interrupt: (() => void) | undefined;
  private streams: Stream[] = [];
  private quitArmed = false;
  private detach: () => void;
  private boundWorld = 0;

  constructor(
    public env: Environment,
    private readonly opts: ControllerOptions = {},
  ) {
    if (opts.dojo) env = this.env = opts.dojo.env;
    this.boundWorld = opts.dojo?.worldVersion ?? 0;
    this.shell = new Shell(env.world, env.session, env.shell.files, 'tui', [viewCommand(this.ui, () => this.feed.snapshot.getSnapshot())]);
    this.feed = new ClusterFeed(env.world, env.session);
    this.time = new UiTimeControl(env.world);
    this.detach = attachTimeControl(env.world, this.time);
    this.history = new HistoryCursor(opts.history ?? memoryHistory());
  }

  dispose(): void {
    this.detach();
    this.feed.dispose();
    for (const s of this.streams) s.stop();
    this.streams = [];
  }

  note(text: string): void {
    this.output.write('note', text);
  }

  // ---- time ----

  /** Wall time passed (the ticker): move the clock if running, then refresh once. */
  tick(elapsedMs: number): void {
    this.guard('clock tick', () => {
      this.time.tick(elapsedMs);
      this.observeLesson();
      this.refresh();
    });
  }

  /** Jump simulated time (tests, `rig.advance`). */
  advance(ms: number): void {
    this.guard('advance', () => {
      this.env.world.advance(ms);
      this.observeLesson();
      this.refresh();
    });
  }

  /** Poll followed streams and publish one new frame's worth of state. */
  refresh(): void {
    if (this.streams.length > 0) {
      for (const s of this.streams) s.poll();
      const done = this.streams.filter((s) => s.done());
      for (const s of done) s.stop();
      this.streams = this.streams.filter((s) => !done.includes(s));
    }
    this.feed.publish();
    if (this.serveSource) {
      const v = this.serveSource();
      const cur = this.serve.getSnapshot();
      if (!cur || cur.requests !== v.requests || cur.client !== v.client) this.serve.set(v);
    }
  }

  /** Show serve's state (the status bar reads it; refreshed once per tick). */
  attachServe(source: () => ServeView): void {
    this.serveSource = source;
    this.serve.set(source());
  }

  get following(): number {
    return this.streams.length;
  }

  // ---- keys ----

  key(input: string, key: Key): void {
    if (this.interrupt) {
      const stop = this.interrupt;
      this.interrupt = undefined;
      stop();
      return;
    }
    this.guard('key handling', () => {
      const action = actionFor(input, key);
      if (action !== 'cancel' && this.quitArmed) {
        this.quitArmed = false;
        this.setHint(undefined);
      }
      if (action) this.act(action);
      else if (input && !key.ctrl && !key.meta) this.typeText(input);
      else if (input && key.meta && !key.ctrl) this.typeText(input);
    });
  }

  /** Text typed or pasted: line breaks submit, as a terminal paste does (`cmd\r` arrives as one chunk). */
  typeText(text: string): void {
    const { lines, rest } = edit.splitPaste(text);
    for (const l of lines) {
      this.setLine(edit.insert(this.editor.getSnapshot().line, l));
      this.submit();
    }
    if (rest) this.setLine(edit.insert(this.editor.getSnapshot().line, rest), true);
  }

  private act(a: Action): void {
    const line = this.editor.getSnapshot().line;
    switch (a) {
      case 'submit':
        return this.submit();
      case 'complete':
        return this.complete();
      case 'historyPrev': {
        const v = this.history.prev(line.value);
        if (v !== undefined) this.setLine(edit.lineOf(v));
        return;
      }
      case 'historyNext': {
        const v = this.history.next();
        if (v !== undefined) this.setLine(edit.lineOf(v));
        return;
      }
      case 'cancel':
        return this.cancel();
      case 'endOfInput':
        if (this.editor.getSnapshot().heredoc && line.value === '') return this.finishHeredoc();
        return this.setLine(edit.deleteForward(line));
      case 'clearOutput':
        return this.output.clear();
      case 'pageUp':
        return this.output.scrollBy(Math.max(1, this.pageSize - 1));
      case 'pageDown':
        return this.output.scrollBy(-Math.max(1, this.pageSize - 1));
      case 'togglePause':
        this.time.toggle();
        return this.refresh();
      case 'step':
        this.time.pause();
        return this.stepOnce();
      case 'faster':
        return this.time.faster();
      case 'slower':
        return this.time.slower();
      case 'toggleEvents':
        return this.ui.update((s) => ({ ...s, view: s.view === 'trace' ? 'events' : 'trace' }));
      case 'cycleComponent':
        return this.ui.update((s) => ({ ...s, component: cycle(this.feed.trace.getSnapshot().components, s.component) }));
      case 'focusNode': {
        const names = this.feed.snapshot.getSnapshot().pools.flatMap((p) => p.nodes.map((n) => n.name));
        return this.ui.update((s) => ({ ...s, focusNode: cycle(names, s.focusNode) }));
      }
      case 'cycleNamespace':
        return this.ui.update((s) => ({ ...s, namespace: cycle(this.feed.snapshot.getSnapshot().namespaces, s.namespace) }));
      case 'left':
        return this.setLine(edit.move(line, line.cursor - 1), true);
      case 'right':
        return this.setLine(edit.move(line, line.cursor + 1), true);
      case 'home':
        return this.setLine(edit.move(line, 0), true);
      case 'end':
        return this.setLine(edit.move(line, line.value.length), true);
      case 'backspace':
        return this.setLine(edit.backspace(line));
      case 'killToStart':
        return this.setLine(edit.killToStart(line));
      case 'killWord':
        return this.setLine(edit.killWord(line));
    }
  }

  private setLine(line: edit.Line, keepHint = false): void {
    this.editor.update((s) => (s.line === line && (keepHint || !s.hint) ? s : { ...s, line, hint: keepHint ? s.hint : undefined }));
  }

  private setHint(hint: string | undefined): void {
    this.editor.update((s) => (s.hint === hint ? s : { ...s, hint }));
  }

  private cancel(): void {
    const s = this.editor.getSnapshot();
    if (this.streams.length > 0) {
      for (const st of this.streams) st.stop();
      this.streams = [];
      this.output.write('note', '^C');
      return;
    }
    if (s.line.value !== '' || s.heredoc) {
      this.quitArmed = false;
      this.editor.set({ line: edit.EMPTY_LINE });
      return;
    }
    if (this.quitArmed) {
      this.opts.onQuit?.();
      return;
    }
    this.quitArmed = true;
    this.setHint('Press Ctrl-C again to quit (or type exit).');
  }

  private complete(): void {
    const { line } = this.editor.getSnapshot();
    if (this.editor.getSnapshot().heredoc) return;
    const c = complete(line.value, line.cursor, this.shell, this.env.session);
    const word = line.value.slice(c.start, line.cursor);
    if (c.candidates.length === 0) return this.setHint('(no completions)');
    const common = commonPrefix(c.candidates);
    const single = c.candidates.length === 1;
    const insert = single ? `${common}${common.endsWith('/') || common.endsWith('=') ? '' : ' '}` : common;
    if (insert.length > word.length || single) {
      const value = line.value.slice(0, c.start) + insert + line.value.slice(line.cursor);
      this.setLine({ value, cursor: c.start + insert.length });
    }
    if (!single) this.setHint(c.candidates.slice(0, 40).join('  '));
  }

  // ---- running commands ----

  submit(): void {
    const s = this.editor.getSnapshot();
    const text = s.line.value;
    if (s.heredoc) {
      if (text.trim() === s.heredoc.marker) return this.finishHeredoc();
      this.editor.set({ line: edit.EMPTY_LINE, heredoc: { ...s.heredoc, body: [...s.heredoc.body, text] } });
      return;
    }
    this.editor.set({ line: edit.EMPTY_LINE });
    const trimmed = text.trim();
    if (trimmed === '') return;
    this.history.add(trimmed);
    if (trimmed === 'exit' || trimmed === 'quit') {
      this.opts.onQuit?.();
      return;
    }
    const here = HEREDOC.exec(trimmed);
    if (here) {
      this.editor.set({ line: edit.EMPTY_LINE, heredoc: { command: trimmed.slice(0, here.index).trim(), marker: here[2]!, body: [] } });
      return;
    }
    if (readsStdin(trimmed)) {
      this.editor.set({ line: edit.EMPTY_LINE, heredoc: { command: trimmed, marker: 'EOF', body: [] } });
      return;
    }
    this.run(trimmed);
  }

  private finishHeredoc(): void {
    const h = this.editor.getSnapshot().heredoc;
    this.editor.set({ line: edit.EMPTY_LINE });
    if (h) this.run(h.command, `${h.body.join('\n')}\n`);
  }

  /** Run one command as `kubedojo run` would print it. */
  run(line: string, stdin?: string): number {
    this.output.write('cmd', `$ ${line}`);
    let code = 0;
    this.guard(`command "${line}"`, () => {
      const fresh: Stream[] = [];
      const io = {
        stdin,
        out: (t: string) => this.output.write('out', t),
        err: (t: string) => this.output.write('err', t),
        follow: (st: Stream) => fresh.push(st),
      };
      const dojo = this.opts.dojo;
      code = dojo ? dojo.exec(line, io, this.shell) : this.shell.exec(line, io);
      if (dojo) {
        this.rebindIfNeeded();
        this.publishLesson();
      }
      for (const st of fresh) {
        st.poll();
        if (st.done()) st.stop();
        else this.streams.push(st);
      }
      if (fresh.some((st) => !st.done())) this.note('(following; Ctrl-C stops)');
    });
    this.refresh();
    return code;
  }

  /** After the clock moved: the Dojo journals it, re-checks goals and may have words for the learner. */
  private observeLesson(): void {
    const dojo = this.opts.dojo;
    if (!dojo) return;
    dojo.observe();
    for (const m of dojo.drainMessages()) this.output.write('note', m);
    this.publishLesson();
  }

  /** The lesson panel: task, goals ticking off, hints shown. */
  publishLesson(): void {
    const v = this.opts.dojo?.lessonView();
    if (!v) {
      if (this.lesson.getSnapshot() !== undefined) this.lesson.set(undefined);
      return;
    }
    const lines = [
      `Step ${v.step}/${v.steps}: ${v.task}`,
      ...v.goals.map((g) => `${g.done ? '[x]' : '[ ]'} ${g.label}`),
      ...v.hints.map((h) => `hint: ${h}`),
      v.stepComplete ? (v.finished ? 'Lesson complete! `lessons` for the next one.' : 'Step done: type `next`.') : '`hint` · `solution` · `reset` · `undo`',
    ];
    const cur = this.lesson.getSnapshot();
    if (cur && cur.title === v.title && cur.lines.join('\n') === lines.join('\n')) return;
    this.lesson.set({ title: v.title, lines });
  }

  /** A lesson (re)built the world: follow the new one. */
  private rebindIfNeeded(): void {
    const dojo = this.opts.dojo;
    if (!dojo || dojo.worldVersion === this.boundWorld) return;
    this.boundWorld = dojo.worldVersion;
    for (const st of this.streams) st.stop();
    this.streams = [];
    this.env = dojo.env;
    this.shell = new Shell(this.env.world, this.env.session, this.env.shell.files, 'tui', [viewCommand(this.ui, () => this.feed.snapshot.getSnapshot())]);
    this.feed.rebind(this.env.world, this.env.session);
    this.detach();
    this.time.rebind(this.env.world);
    this.detach = attachTimeControl(this.env.world, this.time);
  }

  /** One reconcile (the ^N key); the trace pane shows what it did, the output says so too. */
  stepOnce(): void {
    const r = stepWorld(this.env.world);
    this.note(r.kind === 'idle' ? 'step: nothing to do (no queued work and no timers)' : `step: ${r.kind === 'work' ? 'one reconcile' : 'the next timer fired'}${r.lines.length ? '' : ' (no API requests)'}`);
    this.refresh();
  }

  private guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.output.write('err', `error: ${reportBug(where, e)}`);
    }
  }
}

function readsStdin(line: string): boolean {
  const t = tokenize(line);
  if (!t.ok) return false;
  const w = t.words;
  return w.some((x, i) => ((x === '-f' || x === '--filename') && w[i + 1] === '-') || x === '-f=-' || x === '--filename=-');
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}
