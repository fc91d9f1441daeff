/**
 * A small simulated filesystem with time: every change carries the simulated
 * instant it happened and the process that made it. Containers run ahead of
 * the clock (their program is simulated up to 15 minutes in advance), so a
 * reader at time t sees only the changes made up to t, and a process killed
 * at t takes back what it "would have" written after t (`trim`). Several
 * containers, pods and nodes can share one VolumeFs (an emptyDir, a disk).
 *
 * Paths are relative to the volume's root, without a leading slash ('' is the root).
 */

export interface FileEntry {
  text: string;
  /** Bytes on disk (text length, or what `dd` wrote without keeping the bytes). */
  size: number;
  mode?: number;
}

type Op =
  | { t: number; seq: number; writer?: string; kind: 'write'; path: string; text: string; size: number; append: boolean; mode?: number }
  | { t: number; seq: number; writer?: string; kind: 'remove'; path: string }
  | { t: number; seq: number; writer?: string; kind: 'mkdir'; path: string };

/** Compact a path's history into the settled state past this many changes. */
const COMPACT_AFTER = 512;
/** Changes older than this (before the newest write) are settled: nobody reads that far back any more. */
const SETTLE_MARGIN_MS = 30 * 60_000;

export function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

export class VolumeFs {
  private readonly files = new Map<string, FileEntry>();
  private readonly dirs = new Set<string>(['']);
  /** Not yet settled changes, per path, in (t, seq) order. */
  private readonly ops = new Map<string, Op[]>();
  private seq = 0;
  private newest = -Infinity;

  constructor(initial: Record<string, string | FileEntry> = {}) {
    for (const [p, f] of Object.entries(initial)) this.put(normalize(p), typeof f === 'string' ? { text: f, size: f.length } : f);
  }

  /** Set a file now, outside any timeline (setting up a volume's contents). */
  put(path: string, f: FileEntry): void {
    const p = normalize(path);
    this.files.set(p, f);
    for (let d = parentOf(p); ; d = parentOf(d)) {
      this.dirs.add(d);
      if (d === '') break;
    }
  }

  /** A directory that exists from the start (the image's /tmp, a volume's root). */
  addDir(path: string): void {
    for (let d = normalize(path); ; d = parentOf(d)) {
      this.dirs.add(d);
      if (d === '') break;
    }
  }

  read(path: string, t: number): FileEntry | undefined {
    const p = normalize(path);
    let f = this.files.get(p);
    for (const op of this.ops.get(p) ?? []) {
      if (op.t > t) break;
      if (op.kind === 'remove') f = undefined;
      else if (op.kind === 'write') f = op.append && f ? { text: f.text + op.text, size: f.size + op.size, mode: f.mode } : { text: op.text, size: op.size, mode: op.mode ?? f?.mode };
    }
    return f;
  }

  isDir(path: string, t: number): boolean {
    const p = normalize(path);
    if (this.dirs.has(p)) return true;
    for (const op of this.ops.get(p) ?? []) if (op.t <= t && op.kind === 'mkdir') return true;
    const prefix = `${p}/`;
    for (const q of this.paths()) if (q.startsWith(prefix) && (this.read(q, t) !== undefined || this.madeDir(q, t))) return true;
    return false;
  }

  /** Names in a directory at t, sorted; undefined when it isn't a directory. */
  list(dir: string, t: number): string[] | undefined {
    const d = normalize(dir);
    if (!this.isDir(d, t)) return undefined;
    const prefix = d === '' ? '' : `${d}/`;
    const names = new Set<string>();
    for (const q of this.paths()) {
      if (!q.startsWith(prefix) || q === d) continue;
      if (this.read(q, t) === undefined && !this.madeDir(q, t) && !this.dirs.has(q)) continue;
      names.add(q.slice(prefix.length).split('/')[0]!);
    }
    names.delete('');
    return [...names].sort();
  }

  write(path: string, text: string, append: boolean, t: number, writer?: string, size = text.length, mode?: number): void {
    this.push({ t, seq: this.seq++, writer, kind: 'write', path: normalize(path), text, size, append, mode });
  }

  remove(path: string, t: number, writer?: string): boolean {
    const p = normalize(path);
    if (this.read(p, t) === undefined) return false;
    this.push({ t, seq: this.seq++, writer, kind: 'remove', path: p });
    return true;
  }

  mkdir(path: string, t: number, writer?: string): void {
    const p = normalize(path);
    for (let d = p; d !== ''; d = parentOf(d)) this.push({ t, seq: this.seq++, writer, kind: 'mkdir', path: d });
  }

  /** A process stopped at t: what it would have done later never happened. */
  trim(writer: string, after: number): void {
    for (const [p, list] of this.ops) {
      const kept = list.filter((o) => o.writer !== writer || o.t <= after);
      if (kept.length !== list.length) this.ops.set(p, kept);
    }
  }

  /** Bytes used at t (emptyDir sizeLimit, tmpfs memory). */
  usage(t: number): number {
    let n = 0;
    for (const p of this.paths()) n += this.read(p, t)?.size ?? 0;
    return n;
  }

  /** Every path ever touched (files and directories), in stable order. */
  private paths(): string[] {
    return [...new Set([...this.files.keys(), ...this.dirs, ...this.ops.keys()])].sort();
  }

  private madeDir(p: string, t: number): boolean {
    if (this.dirs.has(p)) return true;
    for (const op of this.ops.get(p) ?? []) if (op.t <= t && op.kind === 'mkdir') return true;
    return false;
  }

  private push(op: Op): void {
    let list = this.ops.get(op.path);
    if (!list) this.ops.set(op.path, (list = []));
    let i = list.length;
    while (i > 0 && list[i - 1]!.t > op.t) i--;
    list.splice(i, 0, op);
    if (op.t > this.newest) this.newest = op.t;
    if (list.length > COMPACT_AFTER) this.settle(op.path, this.newest - SETTLE_MARGIN_MS);
  }

  /** Fold a path's changes up to `before` into the settled state. */
  private settle(p: string, before: number): void {
    const list = this.ops.get(p)!;
    let i = 0;
    while (i < list.length && list[i]!.t <= before) i++;
    if (i === 0) return;
    const f = this.read(p, before);
    const dir = list.slice(0, i).some((o) => o.kind === 'mkdir');
    if (f) this.files.set(p, f);
    else this.files.delete(p);
    if (dir) this.dirs.add(p);
    list.splice(0, i);
  }
}
