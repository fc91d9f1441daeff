/**
 * Plays the demo tour in the TUI: narration as notes, each command typed at a
 * human pace and run, simulated time moving so the map and trace change.
 * Any keystroke stops it and leaves the prompt to the viewer, same cluster.
 * (UI side: the one place besides the ticker that uses wall-clock timers.)
 */
import { DEMO, expand, type DemoStep } from '../lessons/demo.js';
import type { SessionController } from './session-controller.js';

export interface DemoHandle {
  stop(): void;
  readonly done: Promise<void>;
}

export function playDemo(controller: SessionController, steps: DemoStep[] = DEMO, o: { charMs?: number; pauseMs?: number } = {}): DemoHandle {
  const charMs = o.charMs ?? 45;
  const pauseMs = o.pauseMs ?? 1500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => (finish = r));
  const wait = (ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms)));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    controller.interrupt = undefined;
    controller.note('(demo stopped: the prompt is yours, on the same cluster; try `kubectl get pods` or `lessons`)');
    finish();
  };
  controller.interrupt = stop;
  const run = async () => {
    controller.note('kubedojo demo: press any key to take over.');
    for (const step of steps) {
      if (stopped) return;
      if (step.say) controller.note(`# ${step.say}`);
      if (step.type) {
        const line = expand(controller.env, step.type);
        for (const ch of line) {
          if (stopped) return;
          controller.typeText(ch);
          await wait(charMs);
        }
        if (stopped) return;
        controller.typeText('\r');
      }
      if (step.advanceMs) {
        // Let the time pass visibly: ten slices over a couple of seconds.
        for (let i = 0; i < 10 && !stopped; i++) {
          controller.advance(step.advanceMs / 10);
          await wait(200);
        }
      }
      await wait(pauseMs);
    }
    if (!stopped) {
      controller.interrupt = undefined;
      stopped = true;
      finish();
    }
  };
  void run();
  return { stop, done };
}
