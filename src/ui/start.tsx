/**
 * Start the full-screen TUI on a real terminal: persisted history, the
 * session controller, the one wall-clock ticker, and Ink. Resolves with the
 * exit code when the learner quits.
 */
import { render } from 'ink';
import type { Environment } from '../commands/environment.js';
import { App } from './app.js';
import { openHistory } from './history.js';
import { SessionController } from './session-controller.js';
import { startTicker } from './ticker.js';
import { welcomeLines } from './welcome.js';
import type { Dojo } from '../lessons/dojo.js';
import type { AlongsideServe } from '../server/cli.js';

export async function startTui(env: Environment, dojo?: Dojo, opts: { demo?: boolean; serve?: AlongsideServe } = {}): Promise<number> {
  const problems: string[] = [];
  const history = await openHistory((l) => problems.push(l));
  let quit: () => void = () => {};
  const controller = new SessionController(env, { history, onQuit: () => quit(), dojo });
  for (const l of welcomeLines(controller.env)) controller.note(l);
  const notice = dojo?.startupNotice();
  if (notice) controller.note(notice);
  for (const p of problems) controller.output.write('err', `warning: ${p}`);
  const serve = opts.serve;
  if (serve) {
    for (const l of serve.lines) controller.note(l);
    controller.attachServe(() => ({ url: serve.handle.url, kubeconfigPath: serve.kubeconfigPath, ...serve.handle.stats() }));
  }
  const ink = render(<App controller={controller} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 30 });
  quit = () => ink.unmount();
  const ticker = startTicker((ms) => controller.tick(ms));
  if (opts.demo) {
    const { playDemo } = await import('./demo-player.js');
    playDemo(controller);
  }
  try {
    await ink.waitUntilExit();
    return 0;
  } finally {
    ticker.stop();
    controller.dispose();
  }
}
