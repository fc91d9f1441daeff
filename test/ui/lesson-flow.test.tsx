import { afterEach, describe, expect, it } from 'vitest';
import { renderTui } from './rig.js';
import { Dojo } from '../../src/lessons/dojo.js';
import { memoryProgress } from '../../src/lessons/progress.js';

/** Type a line, wait until the prompt holds exactly it (the same words may already be on screen), then Enter. */
async function say(rig: Awaited<ReturnType<typeof renderTui>>, line: string) {
  await rig.type(line);
  await rig.untilLine(line);
  await rig.enter();
}

describe('TUI: taking lesson 1 by typing', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('shows the lesson panel, ticks goals as commands run, and completes the lesson', async () => {
    const dojo = new Dojo({ progress: memoryProgress(), mode: 'tui' });
    const rig = await renderTui({ dojo, cols: 120, rows: 40 });
    cleanup = () => rig.unmount?.();
    await say(rig, 'lesson cluster.meet');
    await rig.until('Step 1/3: List the cluster');
    expect(rig.frame()).toContain('[ ] the API server answered your request to list nodes');
    await say(rig, 'kubectl get nodes');
    await rig.until('[x] the API server answered your request to list nodes');
    await rig.until('Step done: type `next`');
    await say(rig, 'next');
    await rig.until('Step 2/3');
    await say(rig, 'kubectl get pods -n kube-system');
    await rig.until('[x] you listed the pods of kube-system');
    await say(rig, 'next');
    await rig.until('Step 3/3');
    await say(rig, 'kubectl create namespace learning');
    await rig.until('Lesson complete!');
    expect(dojo.lessonView()!.finished).toBe(true);
  });

  it('follows the rebuilt world after undo: the map and commands see the restored cluster', async () => {
    const dojo = new Dojo({ progress: memoryProgress(), mode: 'tui' });
    const rig = await renderTui({ dojo, cols: 120, rows: 40 });
    cleanup = () => rig.unmount?.();
    await say(rig, 'lesson cluster.meet');
    await say(rig, 'kubectl create namespace oops');
    await say(rig, 'undo');
    await rig.until('Undid: kubectl create namespace oops');
    expect(rig.controller.env).toBe(dojo.env);
    await say(rig, 'kubectl get namespace oops');
    await rig.until('namespaces "oops" not found');
  });
});
