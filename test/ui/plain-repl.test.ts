import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createEnvironment } from '../../src/commands/environment.js';
import { startPlainRepl, ChunkReader } from '../../src/plain-repl.js';
import { transcript } from '../helpers.js';

const SCRIPT = [
  '# a comment',
  'kubectl get ns',
  'kubectl create -f - <<EOF',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: team-a',
  'EOF',
  'kubectl get \\',
  '  namespaces team-a',
  'kubectl get foo',
  'clock advance 1m',
  'echo done',
  '',
].join('\n');

async function plain(script: string): Promise<{ text: string; code: number }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const done = startPlainRepl(createEnvironment({ seed: 1, mode: 'tui' }), { input, output, tty: false });
  input.end(script);
  const code = await done;
  return { text, code };
}

describe('--plain line mode', () => {
  it('prints exactly what `kubedojo run` prints for the same commands', async () => {
    const run = transcript(SCRIPT);
    const p = await plain(SCRIPT);
    expect(p.text).toBe(run.text);
    expect(p.code).toBe(run.code === 0 ? 0 : 1);
    expect(p.text).toContain('namespace/team-a created');
  });

  it('collects continuation lines and heredoc bodies into one chunk', () => {
    const r = new ChunkReader();
    expect(r.push('kubectl get \\')).toBeUndefined();
    expect(r.push('  ns')).toBe('kubectl get \\\n  ns\n');
    expect(r.push('kubectl apply -f - <<END')).toBeUndefined();
    expect(r.push('kind: X')).toBeUndefined();
    expect(r.push('END')).toBe('kubectl apply -f - <<END\nkind: X\nEND\n');
  });
});
