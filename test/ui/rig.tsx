/**
 * The one render helper for UI tests: a fresh environment, the session
 * controller (no wall-clock ticker: tests move simulated time with
 * `rig.advance`), the App rendered by ink-testing-library at a chosen
 * terminal size, and a rig that types, presses keys and waits on conditions.
 */
import { render } from 'ink-testing-library';
import { expect, vi } from 'vitest';
import { App } from '../../src/ui/app.js';
import { SessionController } from '../../src/ui/session-controller.js';
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { memoryHistory, type HistoryStore } from '../../src/ui/history.js';
import { parseDuration } from '../../src/cluster/clock.js';
import type { Dojo } from '../../src/lessons/dojo.js';

export interface RigOptions {
  cols?: number;
  rows?: number;
  seed?: number;
  env?: Environment;
  history?: HistoryStore;
  /** Run the session through a lessons Dojo (its world replaces `env`). */
  dojo?: Dojo;
}

const KEYS = { up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', pageUp: '\u001B[5~', pageDown: '\u001B[6~', tab: '\t', enter: '\r', backspace: '\u007F' };

export async function renderTui(o: RigOptions = {}) {
  const env = o.dojo?.env ?? o.env ?? createEnvironment({ seed: o.seed ?? 1, mode: 'tui', files: { read: () => ({ ok: false, error: 'no files in tests' }), list: () => undefined } });
  let quit = 0;
  const controller = new SessionController(env, { history: o.history ?? memoryHistory(), onQuit: () => quit++, dojo: o.dojo });
  const size = { cols: o.cols ?? 100, rows: o.rows ?? 30 };
  const r = render(<App controller={controller} />);
  Object.defineProperty(r.stdout, 'columns', { get: () => size.cols, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { get: () => size.rows, configurable: true });
  r.stdout.emit('resize');
  // Ink attaches its stdin listener in an effect: input written before that is lost.
  await vi.waitFor(() => expect(r.stdin.listenerCount('readable')).toBeGreaterThan(0), { timeout: 2000, interval: 2 });
  const frame = () => r.lastFrame() ?? '';
  const rig = {
    env,
    controller,
    frame,
    get quits() {
      return quit;
    },
    /** Wait until the frame satisfies `check` (a string it contains, a regexp, or a predicate). */
    async until(check: string | RegExp | ((f: string) => boolean), timeout = 3000) {
      const ok = (f: string) => (typeof check === 'string' ? f.includes(check) : check instanceof RegExp ? check.test(f) : check(f));
      await vi.waitFor(() => expect(ok(frame()), `frame:\n${frame()}`).toBe(true), { timeout, interval: 2 });
      return frame();
    },
    /** Wait until the prompt's line is exactly `value` (the frame trims trailing spaces). */
    async untilLine(value: string) {
      await vi.waitFor(() => expect(controller.editor.getSnapshot().line.value).toBe(value), { timeout: 2000, interval: 2 });
    },
    /** Type text at the prompt and wait until it shows. */
    async type(text: string) {
      r.stdin.write(text);
      await rig.until((f) => f.includes(text.slice(-20)));
    },
    key(name: keyof typeof KEYS | string) {
      r.stdin.write(name in KEYS ? KEYS[name as keyof typeof KEYS] : name);
    },
    ctrl(letter: string) {
      r.stdin.write(String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96));
    },
    async enter() {
      const before = controller.output.getSnapshot().lines.length;
      r.stdin.write('\r');
      await vi.waitFor(() => expect(controller.editor.getSnapshot().line.value).toBe(''), { timeout: 2000, interval: 2 });
      return before;
    },
    /** Type a command, press Enter, wait for its `$ command` line. */
    async run(line: string) {
      await rig.type(line);
      await rig.enter();
      await rig.until(`$ ${line.slice(0, 40)}`);
      return frame();
    },
    /** Move simulated time ('30s', '5m') and wait for the frame to show it. */
    async advance(duration: string) {
      const ms = parseDuration(duration);
      if (ms === undefined) throw new Error(`bad duration ${duration}`);
      controller.advance(ms);
      await new Promise((res) => setImmediate(res));
      return frame();
    },
    async resize(cols: number, rows: number) {
      size.cols = cols;
      size.rows = rows;
      r.stdout.emit('resize');
      await new Promise((res) => setImmediate(res));
    },
    unmount() {
      r.unmount();
      controller.dispose();
    },
  };
  return rig;
}
