/**
 * The story the TUI exists to tell: create a Deployment, advance the clock,
 * watch three pods go Pending → Running on the map and the control plane's
 * steps in the trace. It needs `kubectl create deployment`, the controllers,
 * the scheduler, the kubelet and nodes; until those are on main it says what
 * is missing and skips.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderTui } from './rig.js';

type Rig = Awaited<ReturnType<typeof renderTui>>;
let rig: Rig | undefined;
afterEach(() => {
  rig?.unmount();
  rig = undefined;
});

describe('a deployment on the map', () => {
  it('kubectl create deployment web --replicas=3: pods appear Pending, land on nodes and run; the trace tells how', async (ctx) => {
    rig = await renderTui({ cols: 160, rows: 50 });
    rig.controller.time.pause();
    rig.controller.ui.update((u) => ({ ...u, namespace: 'default', showServices: false }));
    await rig.run('kubectl create deployment web --image=nginx --replicas=3');
    const out = rig.controller.output.text();
    if (!out.includes('deployment.apps/web created')) return ctx.skip(`kubectl create deployment is not on main yet: ${out.split('\n').slice(-3).join(' | ')}`);
    if (rig.controller.feed.snapshot.getSnapshot().nodeCount === 0) return ctx.skip('the default AKS cluster has no nodes on main yet');
    const snap = () => rig!.controller.feed.snapshot.getSnapshot();
    const webPods = () => [...snap().unscheduled, ...snap().pools.flatMap((p) => p.nodes.flatMap((n) => n.pods))].filter((p) => p.name.startsWith('web-'));
    // Paused: step one reconcile at a time; every pod shows up Pending on the map before the scheduler places it.
    const seenPending = new Set<string>();
    for (let i = 0; i < 400 && (webPods().length < 3 || webPods().some((p) => p.state === 'Pending')); i++) {
      rig.controller.stepOnce();
      for (const p of webPods()) if (p.state === 'Pending') seenPending.add(p.name);
    }
    if (webPods().length === 0) return ctx.skip('no controller created pods for the Deployment yet (controllers not on main)');
    expect(webPods()).toHaveLength(3);
    // Commands let the controllers settle before returning, so the pods may already be placed; the trace keeps the order.
    await rig.advance('2m');
    if (webPods().every((p) => snap().unscheduled.includes(p))) return ctx.skip('the pods stay unscheduled: no scheduler on main yet');
    if (!webPods().some((p) => p.state === 'Ready' || p.state === 'Running')) return ctx.skip(`the kubelet runs no pods on main yet (states: ${webPods().map((p) => p.state).join(', ')})`);
    await rig.until(() => webPods().every((p) => p.state === 'Ready' || p.state === 'Running'));
    const f = rig.frame();
    expect(f).toMatch(/R.*R.*R|RRR/);
    const stories = rig.controller.feed.trace.getSnapshot().stories.map((st) => JSON.stringify(st));
    const created = stories.findIndex((t) => /created Pod web-/.test(t));
    const bound = stories.findIndex((t) => /(bound|binding of) Pod web-/.test(t));
    expect(stories.some((t) => /created ReplicaSet web-[a-z0-9]+/.test(t))).toBe(true);
    expect(created).toBeGreaterThanOrEqual(0);
    expect(bound).toBeGreaterThan(created);
    expect(f).toMatch(/R.*R.*R|RRR/);
  });
});
