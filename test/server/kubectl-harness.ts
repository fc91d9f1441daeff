/**
 * Runs the machine's real kubectl against a kubedojo serve instance in this
 * process. kubectl runs asynchronously while the test drives the simulated
 * clock, so nothing waits on wall time for cluster behaviour.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from '../../src/cluster/world.js';
import { startServe, type ServeHandle } from '../../src/server/index.js';

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = existsSync(KUBECTL);

export interface Harness {
  serve: ServeHandle;
  dir: string;
  kubectl(args: string[], opts?: { stdin?: string; context?: string; advanceMs?: number }): Promise<{ stdout: string; stderr: string; code: number }>;
  close(): Promise<void>;
}

export async function harness(world: World): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-serve-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const serve = await startServe({ world, port: 0, speed: 0, kubeconfigPath });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir, KUBECACHEDIR: join(dir, 'cache') };
  return {
    serve,
    dir,
    kubectl(args, opts = {}) {
      const full = opts.context ? ['--context', opts.context, ...args] : args;
      return new Promise((resolve) => {
        let finished = false;
        const child = execFile(KUBECTL, full, { env, timeout: 60_000 }, (err, stdout, stderr) => {
          finished = true;
          resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
        });
        if (opts.stdin !== undefined) {
          child.stdin?.end(opts.stdin);
        }
        // Drive simulated time while kubectl waits (rollout status, wait, delete's wait).
        const step = opts.advanceMs ?? 1000;
        const drive = () => {
          if (finished || step <= 0) return;
          world.advance(step);
          setTimeout(drive, 5);
        };
        setTimeout(drive, 20);
      });
    },
    close: () => serve.close(),
  };
}

export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
