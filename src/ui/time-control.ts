/**
 * The TUI's hand on simulated time: paused or running, at 1×…60×. The one
 * wall-clock ticker (ticker.ts) calls `tick(elapsed)`; tests call the
 * controller's advance instead, so no test depends on real time.
 */
import type { World } from '../cluster/world.js';
import { MAX_SPEED, MIN_SPEED, type TimeControl } from '../commands/clock.js';
import { ExternalStore } from './external-store.js';

export interface TimeState {
  paused: boolean;
  speed: number;
}

export const SPEEDS = [1, 2, 5, 10, 30, 60];

export class UiTimeControl implements TimeControl {
  readonly state = new ExternalStore<TimeState>({ paused: false, speed: 1 });
  /** Simulated ms owed to the clock below 1 ms (so slow speeds don't stall). */
  private carry = 0;

  constructor(private world: World) {}

  /** Drive another world (after a lesson rebuilt it), keeping speed and pause. */
  rebind(world: World): void {
    this.world = world;
  }

  get paused(): boolean {
    return this.state.getSnapshot().paused;
  }

  get speed(): number {
    return this.state.getSnapshot().speed;
  }

  pause(): void {
    this.state.update((s) => (s.paused ? s : { ...s, paused: true }));
  }

  resume(): void {
    this.state.update((s) => (s.paused ? { ...s, paused: false } : s));
  }

  toggle(): void {
    if (this.paused) this.resume();
    else this.pause();
  }

  setSpeed(x: number): void {
    const speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, x));
    this.state.update((s) => (s.speed === speed ? s : { ...s, speed }));
  }

  faster(): void {
    this.setSpeed(SPEEDS.find((s) => s > this.speed) ?? MAX_SPEED);
  }

  slower(): void {
    this.setSpeed([...SPEEDS].reverse().find((s) => s < this.speed) ?? 1);
  }

  /** Real time passed: move simulated time by elapsed × speed (nothing when paused). */
  tick(elapsedMs: number): boolean {
    if (this.paused || elapsedMs <= 0) return false;
    const ms = elapsedMs * this.speed + this.carry;
    const whole = Math.floor(ms);
    this.carry = ms - whole;
    if (whole > 0) this.world.advance(whole);
    return whole > 0;
  }
}
