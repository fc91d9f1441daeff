/**
 * End to end: build dist/cli.js, start it in tmux (a real pty, CI=0 so Ink
 * draws), type a command, read the screen with capture-pane, quit with
 * Ctrl-C twice. Polls the screen for conditions (no fixed sleeps); skips
 * with a message where tmux is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('test/e2e/tmux.test.ts: tmux is not installed; skipping the end-to-end TUI test');

const SOCK = `kubedojo-e2e-${process.pid}`;
const conf = mkdtempSync(join(tmpdir(), 'kubedojo-e2e-'));
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCK, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', 'app', '-p');

async function waitFor(check: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let s = '';
  while (Date.now() < end) {
    s = screen();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
}

describe.skipIf(!hasTmux)('the built binary in tmux', () => {
  beforeAll(() => {
    execFileSync('node', ['scripts/bundle.mjs'], { stdio: 'inherit' });
    tmux('new-session', '-d', '-s', 'app', '-x', '100', '-y', '30', '-e', 'CI=0', '-e', `KUBEDOJO_CONFIG_DIR=${conf}`, 'node dist/cli.js; echo "EXITED rc=$?"; sleep 60');
  }, 120_000);

  afterAll(() => {
    spawnSync('tmux', ['-L', SOCK, 'kill-server']);
    rmSync(conf, { recursive: true, force: true });
  });

  it('draws the cluster and a prompt, runs a typed command, and quits on Ctrl-C twice', async () => {
    const first = await waitFor((s) => s.includes('❯'), 'the first frame');
    expect(first).toContain('Cluster myAKSCluster');
    expect(first.trimEnd().split('\n').length).toBeLessThanOrEqual(30);
    tmux('send-keys', '-t', 'app', 'kubectl get nodes', 'Enter');
    const after = await waitFor((s) => /^NAME +STATUS/m.test(s), 'kubectl get nodes output');
    expect(after).toMatch(/^\$ kubectl get nodes$/m);
    expect(after).toMatch(/^aks-nodepool1-\d+-vmss000000 +Ready/m);
    tmux('send-keys', '-t', 'app', 'C-c');
    await waitFor((s) => s.includes('Press Ctrl-C again'), 'the quit hint');
    tmux('send-keys', '-t', 'app', 'C-c');
    await waitFor((s) => s.includes('EXITED rc=0'), 'the exit');
  }, 60_000);
});
