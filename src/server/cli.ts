/** `kubedojo serve [--port N] [--speed X] [--kubeconfig PATH] [--address A]`. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEnvironment } from '../commands/environment.js';
import { parseFlags } from '../commands/flags.js';
import { isLoopback, startServe, type ServeHandle } from './index.js';
import type { World } from '../cluster/world.js';
import { cloudOf } from '../cluster/cloud/cloud.js';

export const SERVE_USAGE = `Usage: kubedojo serve [--port 6443] [--speed 1] [--kubeconfig PATH] [--address 127.0.0.1]

Serves the simulated cluster over HTTPS on loopback so real kubectl can drive it.`;

export interface AlongsideServe {
  handle: ServeHandle;
  kubeconfigPath: string;
  /** What the TUI prints at start: where the kubeconfig is. */
  lines: string[];
}

/**
 * `kubedojo --serve`: serve the session's world while the TUI shows it. The
 * TUI's ticker drives the one clock (speed 0 here), so pausing or speeding up
 * time in the TUI does the same for real kubectl. Errors are values.
 */
export async function serveAlongside(world: () => World, opts: { port?: number; kubeconfigPath?: string; speed?: number } = {}): Promise<{ ok: true; value: AlongsideServe } | { ok: false; error: string }> {
  const kubeconfigPath = resolve(opts.kubeconfigPath ?? join(homedir(), '.kube', 'kubedojo.yaml'));
  const port = opts.port ?? 6443;
  try {
    const versionOf = (c: { name: string }) => `v${cloudOf(world()).clusterFor(c.name)?.currentKubernetesVersion ?? '1.32.0'}`;
    const handle = await startServe({ world, port, speed: opts.speed ?? 0, kubeconfigPath, versionOf });
    return {
      ok: true,
      value: {
        handle,
        kubeconfigPath,
        lines: [`Real kubectl can drive this cluster too (served at ${handle.url}). In another terminal:`, `  export KUBECONFIG=${kubeconfigPath}`, '  kubectl get pods -w'],
      },
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'EADDRINUSE' ? `kubedojo --serve: port ${port} is in use; pick another with --serve-port` : `kubedojo --serve: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}` };
  }
}

export async function serveMain(args: string[], seed: number): Promise<number> {
  const parsed = parseFlags(args, [
    { name: 'port', type: 'int', default: 6443 },
    { name: 'speed', type: 'string', default: '1' },
    { name: 'kubeconfig', type: 'string' },
    { name: 'address', type: 'string' },
    { name: 'help', short: 'h', type: 'bool' },
  ]);
  if (!parsed.ok) {
    process.stderr.write(`kubedojo serve: ${parsed.error}\n${SERVE_USAGE}\n`);
    return 2;
  }
  if (parsed.flags.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  const speed = Number(String(parsed.flags.speed).replace(/x$/, ''));
  if (!Number.isFinite(speed) || speed <= 0 || speed > 1000) {
    process.stderr.write(`kubedojo serve: --speed must be a number between 0 and 1000 (got ${String(parsed.flags.speed)})\n`);
    return 2;
  }
  const port = parsed.flags.port as number;
  if (port < 0 || port > 65535) {
    process.stderr.write(`kubedojo serve: --port must be between 0 and 65535\n`);
    return 2;
  }
  const address = (parsed.flags.address as string | undefined) ?? '127.0.0.1';
  if (!isLoopback(address)) process.stderr.write(`WARNING: kubedojo serve is listening on ${address}, not loopback: anyone who can reach it and holds a token can drive this cluster.\n`);
  const kubeconfigPath = resolve((parsed.flags.kubeconfig as string | undefined) ?? join(homedir(), '.kube', 'kubedojo.yaml'));
  const env = createEnvironment({ seed, mode: 'tui' });
  let handle;
  try {
    const versionOf = (c: { name: string }) => `v${cloudOf(env.world).clusterFor(c.name)?.currentKubernetesVersion ?? '1.32.0'}`;
    handle = await startServe({ world: env.world, port, address, speed, kubeconfigPath, versionOf });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `kubedojo serve: port ${port} is in use; pick another with --port\n` : `kubedojo serve: cannot listen on ${address}:${port}: ${(e as Error).message}\n`);
    return 1;
  }
  const names = env.world.all().map((c) => c.name);
  process.stdout.write(
    [
      `kubedojo serve: ${names.join(', ')} at ${handle.url} (simulated time ×${speed})`,
      `Kubeconfig written to ${kubeconfigPath} (contexts: ${names.flatMap((n) => [n, `${n}-learner`]).join(', ')})`,
      '',
      `  export KUBECONFIG=${kubeconfigPath}`,
      '  kubectl get nodes',
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((res) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void handle.close().then(res);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
