import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { bugLogPath } from '../../src/ui/bug-log.js';
import { Profiler } from 'react';
import { renderTui } from './rig.js';

type Rig = Awaited<ReturnType<typeof renderTui>>;
let rig: Rig | undefined;
afterEach(() => {
  rig?.unmount();
  rig = undefined;
});

describe('the TUI', () => {
  it('starts with the cluster, the prompt and key hints, and runs a command as run prints it', async () => {
    rig = await renderTui();
    const f = await rig.until('❯');
    expect(f).toContain('Cluster myAKSCluster');
    expect(f).toContain('Control plane');
    expect(f).toMatch(/\^S pause/);
    const out = await rig.run('kubectl get ns');
    expect(out).toMatch(/^\$ kubectl get ns$/m);
    expect(out).toMatch(/^kube-system +\S/m);
  });

  it('a pasted line ending in \\r submits it (terminals send cmd\\r as one chunk)', async () => {
    rig = await renderTui();
    rig.key('echo pasted\r');
    await rig.until(/^pasted$/m);
    expect(rig.controller.editor.getSnapshot().line.value).toBe('');
  });

  it('shows errors in red with the text kept, and never crashes on bad input', async () => {
    rig = await renderTui();
    await rig.run('kubectl get foo');
    await rig.until('error: the server doesn\'t have a resource type "foo"');
    expect(rig.controller.output.getSnapshot().lines.find((l) => l.text.startsWith('error:'))?.kind).toBe('err');
    for (const junk of ['"unterminated', '\u001B[99~', '\u0000\u0007', 'kubectl ' + 'x'.repeat(500)]) {
      rig.key(junk);
      rig.key('\r');
    }
    await rig.run('echo still here');
    await rig.until(/^still here$/m);
  });

  it('history: ↑ recalls earlier commands, ↓ returns to the draft', async () => {
    rig = await renderTui();
    await rig.run('echo one');
    await rig.run('echo two');
    await rig.type('draft');
    rig.key('up');
    await rig.until('❯ echo two');
    rig.key('up');
    await rig.until('❯ echo one');
    rig.key('down');
    rig.key('down');
    await rig.until('❯ draft');
  });

  it('completion: Tab completes commands, verbs, resource types and names', async () => {
    rig = await renderTui();
    await rig.type('kubec');
    rig.key('tab');
    await rig.untilLine('kubectl ');
    await rig.type('ge');
    rig.key('tab');
    await rig.untilLine('kubectl get ');
    await rig.type('namesp');
    rig.key('tab');
    await rig.untilLine('kubectl get namespace');
    await rig.until('namespace  namespaces');
    await rig.type('s ');
    await rig.type('kube-s');
    rig.key('tab');
    await rig.untilLine('kubectl get namespaces kube-system ');
    expect(rig.frame()).toContain('❯ kubectl get namespaces kube-system');
    rig.ctrl('u');
    await rig.type('kubectl get namespaces kube');
    rig.key('tab');
    // two candidates: they are listed under the prompt
    await rig.until('kube-node-lease  kube-public  kube-system');
  });

  it('Ctrl-C clears the line, twice on an empty line quits; Ctrl-L clears the output', async () => {
    rig = await renderTui();
    await rig.run('echo hello');
    rig.ctrl('l');
    await rig.until((f) => !/^hello$/m.test(f));
    await rig.type('half typed');
    rig.ctrl('c');
    await rig.until((f) => !f.includes('half typed'));
    expect(rig.quits).toBe(0);
    rig.ctrl('c');
    await rig.until('Press Ctrl-C again to quit');
    rig.ctrl('c');
    expect(rig.quits).toBe(1);
  });

  it('a manifest pasted after `kubectl apply -f -` runs when the end marker comes', async () => {
    rig = await renderTui();
    await rig.type('kubectl apply -f - <<EOF');
    await rig.enter();
    await rig.until('end with EOF');
    rig.key('apiVersion: v1\rkind: Namespace\rmetadata:\r  name: team-a\rEOF\r');
    await rig.until('namespace/team-a created');
    expect(rig.frame()).toMatch(/^\$ kubectl apply -f -$/m);
  });

  it('PgUp/PgDn scroll the output, which stays bounded', async () => {
    rig = await renderTui({ rows: 24, cols: 80 });
    for (let i = 0; i < 30; i++) rig.controller.run(`echo line-${i}`);
    await rig.until(/^line-29$/m);
    rig.key('pageUp');
    await rig.until('scrolled up');
    expect(rig.frame()).not.toMatch(/^line-29$/m);
    rig.key('pageDown');
    await rig.until(/^line-29$/m);
    for (let i = 0; i < 4000; i++) rig.controller.output.write('out', `x${i}`);
    expect(rig.controller.output.getSnapshot().lines.length).toBeLessThanOrEqual(3000);
  });

  it('keeps the frame within the terminal at 80×24 and after resizes, and says when it is too small', async () => {
    rig = await renderTui({ cols: 160, rows: 50 });
    await rig.run('kubectl get ns');
    const lines = (f: string) => f.split('\n');
    expect(lines(rig.frame()).length).toBeLessThanOrEqual(49);
    await rig.resize(80, 24);
    await rig.until((f) => lines(f).length <= 23 && f.includes('❯'));
    for (const l of lines(rig.frame())) expect(l.length).toBeLessThanOrEqual(80);
    await rig.resize(40, 10);
    await rig.until('terminal too small');
    expect(lines(rig.frame()).length).toBeLessThanOrEqual(9);
    await rig.resize(80, 24);
    await rig.until((f) => f.includes('Cluster myAKSCluster') && lines(f).length <= 23);
  });

  it('pause and step: one ^N runs one reconcile and the trace shows what it did', async () => {
    rig = await renderTui();
    rig.ctrl('s');
    await rig.until('PAUSED');
    const t0 = rig.env.world.clock.now();
    rig.controller.tick(5000); // wall time passes; a paused clock does not move
    expect(rig.env.world.clock.now()).toBe(t0);
    await rig.run('clock step');
    const out = rig.controller.output.text();
    expect(out).toMatch(/step 1: (one reconcile|no queued work, the next timer fired)|clock step: nothing to do/);
    const t1 = rig.env.world.clock.now(); // a step may fire the next timer, moving time to it
    rig.ctrl('s');
    await rig.until('▶ 1x');
    rig.controller.tick(2000);
    expect(rig.env.world.clock.now()).toBe(t1 + 2000);
    rig.ctrl('f');
    await rig.until('▶ 2x');
    await rig.run('clock speed 60x');
    await rig.until('▶ 60x');
    rig.controller.tick(1000);
    expect(rig.env.world.clock.now()).toBe(t1 + 62_000);
  });

  it('typing never re-renders the cluster map', async () => {
    rig = await renderTui();
    let mapCommits = 0;
    const { ClusterMap } = await import('../../src/ui/cluster-map.js');
    const { render } = await import('ink-testing-library');
    const r = render(
      <Profiler id="map" onRender={() => mapCommits++}>
        <ClusterMap controller={rig.controller} width={80} height={8} />
      </Profiler>,
    );
    const before = mapCommits;
    const pods = rig.controller.feed.snapshot.getSnapshot().podCount;
    for (const ch of 'kubectl get pods') rig.controller.key(ch, {} as never);
    rig.controller.tick(100);
    expect(mapCommits).toBe(before);
    rig.controller.run('kubectl apply -f - <<EOF'.replace(' <<EOF', ''), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    await vi.waitFor(() => expect(mapCommits).toBeGreaterThan(before), { timeout: 2000, interval: 2 });
    expect(r.lastFrame()).toContain(`${pods + 1} pods`);
    r.unmount();
  });

  it('a render that throws is caught: one line with the log path, and the session goes on', async () => {
    rig = await renderTui();
    rig.controller.lesson.set({ title: 'boom', lines: null as unknown as string[] });
    await rig.until('error: kubedojo bug in the lesson pane: Cannot read properties of null');
    expect(readFileSync(bugLogPath(), 'utf8')).toContain('the lesson pane');
    await rig.run('echo alive');
    await rig.until(/^alive$/m);
  });
});
