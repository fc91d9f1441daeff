/**
 * The images on one node's disk and its image puller: pulls are serialized
 * (the kubelet default), so a pull may wait behind another; the time is the
 * compressed size over the node's bandwidth plus registry round trips.
 */
import type { Random } from '../random.js';
import { resolveImage, type ResolvedImage } from '../images/catalogue.js';

export interface StoredImage {
  names: string[];
  sizeBytes: number;
}

export class ImageStore {
  private images = new Map<string, StoredImage>();
  private busyUntil = 0;
  /** When a scheduled pull of each image finishes (a later pull of it then only checks the manifest). */
  private pending = new Map<string, number>();
  /** Bumped when the image list changes (the node status reports it). */
  version = 0;

  constructor(
    private readonly rng: Random,
    private readonly bytesPerSecond: number,
  ) {}

  preload(refs: string[]): void {
    for (const r of refs) {
      const res = resolveImage(r);
      if (res.ok) this.add(res.image);
    }
  }

  has(img: ResolvedImage): boolean {
    return this.images.has(`${img.spec.repository}:${img.tag}`);
  }

  add(img: ResolvedImage): void {
    const key = `${img.spec.repository}:${img.tag}`;
    if (this.images.has(key)) return;
    this.images.set(key, { names: [img.imageID, key], sizeBytes: img.info.size });
    this.version++;
  }

  /** Node status `images`: biggest first, as the kubelet reports them. */
  list(): StoredImage[] {
    return [...this.images.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[1]! < b.names[1]! ? -1 : 1));
  }

  /**
   * Schedule a pull: returns when it starts and ends. An image already on disk
   * only needs the manifest check; a failing pull fails after the registry answers.
   */
  schedulePull(now: number, img: ResolvedImage | undefined, present: boolean): { start: number; end: number } {
    const start = Math.max(now, this.busyUntil);
    const key = img ? `${img.spec.repository}:${img.tag}` : undefined;
    const sizeBytes = img?.info.size;
    const pendingEnd = key ? this.pending.get(key) : undefined;
    let ms: number;
    if (sizeBytes === undefined) ms = 400 + this.rng.int(900);
    else if (present || (pendingEnd !== undefined && pendingEnd <= start)) ms = 180 + this.rng.int(420);
    else ms = 350 + this.rng.int(400) + Math.round((sizeBytes / this.bytesPerSecond) * 1000 * (0.85 + this.rng.next() * 0.3));
    const end = start + ms;
    this.busyUntil = end;
    if (key && (pendingEnd === undefined || end < pendingEnd)) this.pending.set(key, end);
    return { start, end };
  }
}
