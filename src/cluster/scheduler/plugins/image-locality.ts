/**
 * ImageLocality: prefer nodes that already have the pod's images, weighted by
 * image size and how many nodes share the image (so one node does not attract everything).
 */
import type { Plugin } from '../types.js';
import { MAX_NODE_SCORE } from '../types.js';
import type { NodeInfo } from '../node-info.js';

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

export const imageLocality: Plugin = {
  name,
  preScore(s, pod, nodes) {
    const images = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    const all = s.read<readonly NodeInfo[]>('allNodes') ?? nodes;
    const spread = new Map<string, number>();
    let any = false;
    for (const n of all) {
      if (n.images.size === 0) continue;
      for (const img of images) if (n.images.has(img)) { spread.set(img, (spread.get(img) ?? 0) + 1); any = true; }
    }
    if (!any) return 'skip';
    s.write(name, { images, spread, total: all.length } satisfies State);
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
};
