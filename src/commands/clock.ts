/**
 * `clock`: the learner's hand on simulated time. `clock pause|resume|speed
 * 10x|step|advance 5m|status`. The TUI attaches its TimeControl to the world
 * (it owns the one wall-clock ticker); in `run`, time only moves when a
 * command moves it, so pause/resume/speed are no-ops with a note.
 */
import type { World } from '../cluster/world.js';
import { parseDuration } from '../cluster/clock.js';
import type { Command, CommandContext } from './types.js';
import { clockTime, storyLine, traceStory } from './trace-story.js';

export const MAX_SPEED = 60;
export const MIN_SPEED = 0.1;

/** What the front end that owns real time exposes (the TUI's ticker). */
export interface TimeControl {
  readonly paused: boolean;
  readonly speed: number;
  pause(): void;
  resume(): void;
  setSpeed(x: number): void;
}

const controls = new WeakMap<World, TimeControl>();

/** The TUI attaches its time control to the world; returns a detach function. */
export function attachTimeControl(world: World, tc: TimeControl): () => void {
  controls.set(world, tc);
  return () => {
    if (controls.get(world) === tc) controls.delete(world);
  };
}

export function timeControlOf(world: World): TimeControl | undefined {
  return controls.get(world);
}

/** `10x`, `10`, `0.5x` → 10, 10, 0.5; undefined when not a number in range. */
export function parseSpeed(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)x?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= MIN_SPEED && n <= MAX_SPEED ? n : undefined;
}

export function formatSpeed(x: number): string {
  return `${Number.isInteger(x) ? x : x.toFixed(1)}x`;
}

export interface StepResult {
  /** 'work': one reconcile ran; 'timer': nothing queued, so the next timer fired; 'idle': nothing at all. */
  kind: 'work' | 'timer' | 'idle';
  lines: string[];
}

/** One reconcile (or, when nothing is queued, the next timer), with the trace stories it produced. */
export function stepWorld(world: World): StepResult {
  const before = world.all().map((c) => c.trace.lastSeq);
  const t0 = world.clock.now();
  let kind: StepResult['kind'] = 'idle';
  if (world.step()) kind = 'work';
  else {
    const due = world.clock.nextDue();
    if (due !== undefined && world.clock.fireNext(due)) kind = 'timer';
  }
  const lines: string[] = [];
  world.all().forEach((c, i) => {
    for (const e of c.trace.since(before[i] ?? 0)) {
      const s = traceStory(e, (r, g) => c.registry.get(g, r)?.kind);
      lines.push(`  ${clockTime(s.time)} ${storyLine(s)}`);
    }
  });
  if (kind === 'timer') lines.unshift(`  ${clockTime(world.clock.now())} a timer fired (+${Math.round((world.clock.now() - t0) / 100) / 10}s)`);
  return { kind, lines };
}

function status(ctx: CommandContext): string {
  const tc = timeControlOf(ctx.world);
  const at = `simulated time ${new Date(ctx.world.clock.now()).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  if (!tc) return `${at}; time moves only when a command moves it (sleep, clock advance, kubectl wait)`;
  return `${at}; ${tc.paused ? 'paused' : `running at ${formatSpeed(tc.speed)}`}`;
}

const USAGE = 'Usage: clock [status|pause|resume|speed <1x..60x>|step [n]|advance <duration>]';

export const clockCommand: Command = {
  name: 'clock',
  summary: 'Pause, resume, speed up, step or advance simulated time',
  run(ctx, args) {
    const [sub = 'status', arg, extra] = args;
    const tc = ctx.mode === 'tui' ? timeControlOf(ctx.world) : undefined;
    const noop = (what: string) => ctx.out(`clock: ${what} has no effect here: time moves only when a command moves it (sleep, clock advance, kubectl wait)`);
    if (extra !== undefined) {
      ctx.err(`clock: too many arguments\n${USAGE}`);
      return 1;
    }
    switch (sub) {
      case 'status':
        ctx.out(status(ctx));
        return 0;
      case 'pause':
        if (!tc) noop('pause');
        else {
          tc.pause();
          ctx.out(`clock paused at ${clockTime(ctx.world.clock.now())} (clock step runs one reconcile, clock resume goes on)`);
        }
        return 0;
      case 'resume':
        if (!tc) noop('resume');
        else {
          tc.resume();
          ctx.out(`clock running at ${formatSpeed(tc.speed)}`);
        }
        return 0;
      case 'speed': {
        const x = arg === undefined ? undefined : parseSpeed(arg);
        if (x === undefined) {
          ctx.err(`clock: invalid speed ${arg === undefined ? '(missing)' : `"${arg}"`}: give a factor from ${MIN_SPEED}x to ${MAX_SPEED}x, e.g. clock speed 10x`);
          return 1;
        }
        if (!tc) noop('speed');
        else {
          tc.setSpeed(x);
          ctx.out(`clock speed ${formatSpeed(x)}${tc.paused ? ' (paused: clock resume to go on)' : ''}`);
        }
        return 0;
      }
      case 'step': {
        const n = arg === undefined ? 1 : Number(arg);
        if (!Number.isInteger(n) || n < 1 || n > 1000) {
          ctx.err(`clock: invalid step count "${arg}": give a whole number from 1 to 1000`);
          return 1;
        }
        for (let i = 0; i < n; i++) {
          const r = stepWorld(ctx.world);
          if (r.kind === 'idle') {
            ctx.out(i === 0 ? 'clock step: nothing to do (no queued work and no timers)' : `clock step: idle after ${i} step(s)`);
            break;
          }
          ctx.out([`step ${i + 1}: ${r.kind === 'work' ? 'one reconcile' : 'no queued work, the next timer fired'}`, ...r.lines].join('\n'));
        }
        return 0;
      }
      case 'advance': {
        const d = arg === undefined ? undefined : parseDuration(arg);
        if (d === undefined) {
          ctx.err(`clock: invalid duration ${arg === undefined ? '(missing)' : `"${arg}"`}: use e.g. 30s, 5m, 1h`);
          return 1;
        }
        ctx.world.advance(d);
        ctx.out(`clock advanced ${arg} to ${clockTime(ctx.world.clock.now())}`);
        return 0;
      }
      default:
        ctx.err(`clock: unknown subcommand "${sub}"\n${USAGE}`);
        return 1;
    }
  },
};
