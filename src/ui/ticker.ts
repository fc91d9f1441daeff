/**
 * The one place the UI reads wall time: every `intervalMs` it tells the
 * session how much real time passed, and the session moves the simulated
 * clock by that × speed (unless paused) and publishes one frame.
 */
export interface Ticker {
  stop(): void;
}

export function startTicker(tick: (elapsedMs: number) => void, intervalMs = 100): Ticker {
  let last = performance.now();
  const id = setInterval(() => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    tick(elapsed);
  }, intervalMs);
  return { stop: () => clearInterval(id) };
}
