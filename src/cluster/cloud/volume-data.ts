/**
 * Where the bytes of persistent volumes live: outside every node, keyed by
 * the volume's identity (`volumeKey(pv)`: CSI driver + volume handle), so
 * what a pod wrote to an Azure disk or file share is there again when another
 * pod on another node — or in another cluster of the world — mounts the same
 * volume. One store per world (clusters of a world share its clock); deleting
 * the disk (reclaim Delete) drops its data with `drop(key)`.
 */
import type { Clock } from '../clock.js';
import { VolumeFs } from '../node/volumes/fs.js';

export class VolumeData {
  private readonly volumes = new Map<string, VolumeFs>();

  /** The filesystem of a volume, formatted empty on first use. */
  open(key: string): VolumeFs {
    let fs = this.volumes.get(key);
    if (!fs) this.volumes.set(key, (fs = new VolumeFs()));
    return fs;
  }

  has(key: string): boolean {
    return this.volumes.has(key);
  }

  /** The backing disk or share was deleted: its data is gone. */
  drop(key: string): void {
    this.volumes.delete(key);
  }

  keys(): string[] {
    return [...this.volumes.keys()].sort();
  }
}

const stores = new WeakMap<Clock, VolumeData>();

/** The volume data of the world a cluster (or world) lives in, found through the clock they share. */
export function volumeDataOf(owner: { clock: Clock }): VolumeData {
  let d = stores.get(owner.clock);
  if (!d) stores.set(owner.clock, (d = new VolumeData()));
  return d;
}
