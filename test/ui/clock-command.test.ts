import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh, transcript } from '../helpers.js';
import { parseSpeed } from '../../src/commands/clock.js';
import { SessionController } from '../../src/ui/session-controller.js';

describe('clock command', () => {
  it('in run, pause/resume/speed are no-ops with a note; advance and status work', () => {
    const r = transcript('clock pause\nclock speed 10x\nclock resume\nclock advance 5m\nclock status\n');
    expect(r.code).toBe(0);
    expect(r.text).toContain('$ clock pause\nclock: pause has no effect here');
    expect(r.text).toContain('clock: speed has no effect here');
    expect(r.text).toContain('clock advanced 5m to 09:05:00');
    expect(r.text).toContain('simulated time 2026-01-15 09:05:00 UTC; time moves only when a command moves it');
  });

  it('rejects bad input with a message and a non-zero code, changing nothing', () => {
    const env = createEnvironment({ seed: 1 });
    const t0 = env.world.clock.now();
    for (const bad of ['clock speed 100x', 'clock speed fast', 'clock advance soon', 'clock step -1', 'clock warp', 'clock step 1 2']) {
      const r = sh(env, bad);
      expect(r.code, bad).toBe(1);
      expect(r.err, bad).toMatch(/^clock: /);
    }
    expect(env.world.clock.now()).toBe(t0);
    expect(parseSpeed('60x')).toBe(60);
    expect(parseSpeed('0.5')).toBe(0.5);
    expect(parseSpeed('61x')).toBeUndefined();
  });

  it('step runs one unit of work and prints the trace lines it produced', () => {
    const env = createEnvironment({ seed: 1, mode: 'tui' });
    const c = new SessionController(env);
    c.time.pause();
    // queue some work without running it: a watch-driven component would pick this up
    const r = sh(env, 'clock step');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(step 1: |clock step: nothing to do)/);
    c.dispose();
  });

  it('in the TUI, pause/resume/speed drive the time control', () => {
    const env = createEnvironment({ seed: 1, mode: 'tui' });
    const c = new SessionController(env);
    expect(c.run('clock pause')).toBe(0);
    expect(c.time.paused).toBe(true);
    c.tick(10_000);
    expect(env.world.clock.now()).toBe(Date.UTC(2026, 0, 15, 9, 0, 0));
    c.run('clock speed 10x');
    c.run('clock resume');
    c.tick(1000);
    expect(env.world.clock.now()).toBe(Date.UTC(2026, 0, 15, 9, 0, 10));
    expect(c.output.text()).toContain('clock running at 10x');
    c.dispose();
  });
});
