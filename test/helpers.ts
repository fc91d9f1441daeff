/** Test helpers for driving a cluster and the command layer without a terminal. */
import { createEnvironment, type Environment } from '../src/commands/environment.js';
import { runScript } from '../src/commands/run.js';

/** Run a script through `kubedojo run` and return its transcript. */
export function transcript(script: string, env: Environment = createEnvironment({ seed: 1 })): { text: string; code: number } {
  let text = '';
  const code = runScript(env, script, { write: (t) => (text += t) });
  return { text, code };
}

/** Run one command line and return what it printed. */
export function sh(env: Environment, line: string, stdin?: string): { out: string; err: string; code: number } {
  let out = '';
  let err = '';
  const code = env.shell.exec(line, { stdin, out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`) });
  return { out, err, code };
}
