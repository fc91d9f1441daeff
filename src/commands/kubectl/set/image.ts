/** `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ...` (`*=image` for every container). */
import type { Verb } from '../verb.js';
import { SET_FLAGS, splitArgs, updateContainers } from './common.js';

export const setImage: Verb = {
  name: 'image',
  short: 'Update the image of a pod template',
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: SET_FLAGS,
  run(env) {
    const [resources, pairs] = splitArgs(env.args, (a) => a.includes('='));
    if (pairs.length === 0) {
      env.ctx.err(`error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`);
      return 1;
    }
    const images = pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const);
    return updateContainers(env, resources, 'image updated', (containers) => {
      for (const [name, image] of images) {
        const hits = name === '*' ? containers : containers.filter((c) => c.name === name);
        if (hits.length === 0) return `error: unable to find container named "${name}"`;
        for (const c of hits) c.image = image;
      }
      return undefined;
    });
  },
};
