/** A ready-to-use world, kubeconfig session and shell: what `run`, the TUI and lessons start from. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createWorld, type ProfileOptions } from '../cluster/profiles/index.js';
import type { World } from '../cluster/world.js';
import { Session } from './session.js';
import { Shell } from './shell.js';
import type { CommandContext, FileSource } from './types.js';

export interface Environment {
  world: World;
  session: Session;
  shell: Shell;
}

/** Files from the real filesystem, relative to `cwd`. */
export function diskFiles(cwd: string): FileSource {
  return {
    read(path) {
      try {
        return { ok: true, text: readFileSync(resolve(cwd, path), 'utf8') };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
    list(path) {
      try {
        const p = resolve(cwd, path);
        return statSync(p).isDirectory() ? readdirSync(p).sort() : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function createEnvironment(opts: ProfileOptions & { files?: FileSource; mode?: CommandContext['mode']; cwd?: string } = {}): Environment {
  const { world, cluster } = createWorld(opts);
  const session = new Session(world);
  session.addContext({ name: cluster.name, cluster: cluster.name, user: `clusterUser_myResourceGroup_${cluster.name}` });
  const shell = new Shell(world, session, opts.files ?? diskFiles(opts.cwd ?? process.cwd()), opts.mode ?? 'run');
  return { world, session, shell };
}
