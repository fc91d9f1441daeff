/**
 * What one container sees at `/`: its own writable layer (the image's files,
 * lost when the container is replaced) with the pod's volumes mounted on top
 * at their mountPaths, each maybe a subPath of the volume and maybe
 * read-only. A subPath mount of a configMap/secret/downward API volume is a
 * copy taken when the container started (`frozenAt`): later updates don't reach it.
 */
import { normalize, VolumeFs, type FileEntry } from './fs.js';

export interface Mount {
  /** Absolute mount path, normalized without the leading slash. */
  path: string;
  fs: VolumeFs;
  subPath: string;
  readOnly: boolean;
  frozenAt?: number;
}

/** Why a write failed, as errno names the shell turns into its own message. */
export type FsError = 'EROFS' | 'ENOENT' | 'EISDIR';

export const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

let writers = 0;

export class ContainerFs {
  readonly root: VolumeFs;
  readonly writer = `proc-${++writers}`;
  private readonly mounts: Mount[];

  constructor(files: Record<string, string>, mounts: Mount[] = []) {
    this.root = new VolumeFs(files);
    for (const d of ROOT_DIRS) this.root.addDir(d);
    // Longest mount path first: /data/logs wins over /data.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
  }

  private at(path: string): { fs: VolumeFs; rel: string; m?: Mount } {
    const p = normalize(path);
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(`${m.path}/`) || m.path === '') {
        const rest = p === m.path ? '' : p.slice(m.path.length + (m.path === '' ? 0 : 1));
        return { fs: m.fs, rel: normalize(`${m.subPath}/${rest}`), m };
      }
    }
    return { fs: this.root, rel: p };
  }

  private when(m: Mount | undefined, t: number): number {
    return m?.frozenAt !== undefined ? Math.min(t, m.frozenAt) : t;
  }

  readEntry(path: string, t: number): FileEntry | undefined {
    const { fs, rel, m } = this.at(path);
    return fs.read(rel, this.when(m, t));
  }

  read(path: string, t: number): string | undefined {
    return this.readEntry(path, t)?.text;
  }

  isDir(path: string, t: number): boolean {
    const p = normalize(path);
    if (this.mounts.some((m) => m.path === p || m.path.startsWith(p === '' ? '' : `${p}/`))) return true;
    const { fs, rel, m } = this.at(p);
    return fs.isDir(rel, this.when(m, t));
  }

  write(path: string, text: string, append: boolean, t: number, size?: number): FsError | undefined {
    const { fs, rel, m } = this.at(path);
    if (m?.readOnly) return 'EROFS';
    if (m && this.isDir(path, t)) return 'EISDIR';
    // Inside a volume the directory must exist; the image layer is not modelled that closely.
    if (m && rel.includes('/') && !fs.isDir(rel.slice(0, rel.lastIndexOf('/')), t)) return 'ENOENT';
    fs.write(rel, text, append, t, this.writer, size);
    return undefined;
  }

  remove(path: string, t: number): FsError | boolean {
    const { fs, rel, m } = this.at(path);
    if (m?.readOnly && fs.read(rel, t) !== undefined) return 'EROFS';
    return fs.remove(rel, t, this.writer);
  }

  mkdir(path: string, t: number): FsError | undefined {
    const { fs, rel, m } = this.at(path);
    if (m?.readOnly) return 'EROFS';
    fs.mkdir(rel, t, this.writer);
    return undefined;
  }

  list(dir: string, t: number): string[] | undefined {
    const d = normalize(dir);
    const { fs, rel, m } = this.at(d);
    const own = fs.list(rel, this.when(m, t));
    const names = new Set(own ?? []);
    const prefix = d === '' ? '' : `${d}/`;
    let mountedBelow = false;
    for (const mt of this.mounts) {
      if (mt.path !== d && mt.path.startsWith(prefix)) {
        names.add(mt.path.slice(prefix.length).split('/')[0]!);
        mountedBelow = true;
      }
    }
    if (!own && !mountedBelow) return undefined;
    return [...names].sort();
  }

  /** The process stopped at t: its later writes (made while simulated ahead) never happened. */
  trim(after: number): void {
    this.root.trim(this.writer, after);
    for (const m of this.mounts) m.fs.trim(this.writer, after);
  }
}
