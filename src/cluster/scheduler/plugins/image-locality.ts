/**
 * ImageLocality: prefer nodes that already have the pod's images, weighted by
 * image size and how many nodes share the image (so one node does not attract everything).
 */
import type { Handle } from '../handle.js';
import type { Plugin } from '../types.js';
import { MAX_NODE_SCORE } from '../types.js';

export const name = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Image names as the kubelet reports them: a bare name gets `:latest`. */
export function normalizedImageName(image: string): string {
  const last = image.split('/').pop() ?? '';
  return image.includes('@') || last.includes(':') ? image : `${image}:latest`;
}

export function imageScore(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

interface State {
  images: string[];
  /** image → number of nodes that have it */
  spread: Map<string, number>;
  total: number;
}

export const imageLocality = (h: Handle): Plugin => ({
  name,
  preScore(s, pod) {
    const counts = h.imageNodes();
    if (counts.size === 0) return 'skip';
    const images = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    const spread = new Map<string, number>();
    for (const img of images) {
      const n = counts.get(img);
      if (n) spread.set(img, n);
    }
    if (spread.size === 0) return 'skip';
    s.write(name, { images, spread, total: h.nodes().length } satisfies State);
    return null;
  },
  score(s, pod, node) {
    const st = s.read<State>(name)!;
    let sum = 0;
    for (const img of st.images) {
      const size = node.images.get(img);
      if (size !== undefined) sum += size * ((st.spread.get(img) ?? 0) / st.total);
    }
    return imageScore(sum, st.images.length);
  },
});
