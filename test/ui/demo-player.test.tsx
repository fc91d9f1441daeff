import { describe, expect, it } from 'vitest';
import { renderTui } from './rig.js';
import { playDemo } from '../../src/ui/demo-player.js';

describe('TUI demo', () => {
  it('types and runs the tour, and any key stops it and leaves the prompt to the viewer', async () => {
    const rig = await renderTui({ cols: 120, rows: 40 });
    const demo = playDemo(rig.controller, [{ say: 'First, the nodes.', type: 'kubectl get nodes' }, { type: 'kubectl get namespaces', advanceMs: 1000 }, { type: 'kubectl get pods -A' }], { charMs: 1, pauseMs: 30_000 });
    await rig.until('# First, the nodes.');
    await rig.until('$ kubectl get nodes');
    await rig.until(/aks-nodepool1-\d{8}-vmss000000\s+Ready/);
    rig.key('x');
    await demo.done;
    await rig.until('demo stopped: the prompt is yours');
    expect(rig.controller.interrupt).toBeUndefined();
    expect(rig.controller.output.getSnapshot().lines.some((l) => String(l.text ?? l).includes('$ kubectl get pods -A'))).toBe(false);
    await rig.type('kubectl get ns');
    await rig.untilLine('kubectl get ns');
    rig.unmount();
  });
});
