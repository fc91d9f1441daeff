/**
 * UI figures: one frame of the map + trace + output (renderToString) with
 * 3 / 100 / 500 nodes and 3,000 pods, the snapshot build behind it, and
 * keystroke-to-echo latency through a live Ink render while the clock runs
 * at 60× (the ticker keeps advancing a cluster with 3,000 pods).
 */
import { EventEmitter } from 'node:events';
import { createElement } from 'react';
import { render, renderToString } from 'ink';
import { createEnvironment, type Environment } from '../src/commands/environment.js';
import { SessionController } from '../src/ui/session-controller.js';
import { buildSnapshot } from '../src/ui/cluster-snapshot.js';
import { App } from '../src/ui/app.js';
import { ClusterMap } from '../src/ui/cluster-map.js';
import { TracePane } from '../src/ui/trace-pane.js';
import { startTicker } from '../src/ui/ticker.js';

const PODS = 3000;

function populate(env: Environment, nodes: number): void {
  const c = env.session.cluster()!;
  for (let i = 0; i < nodes; i++) {
    const pool = `pool${i % 3}`;
    c.admin.create('nodes', undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `aks-${pool}-12345678-vmss${String(i).padStart(6, '0')}`, labels: { agentpool: pool } },
      status: { allocatable: { cpu: '1900m', memory: '5Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (let i = 0; i < PODS; i++) {
    c.admin.create('pods', 'bench', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}` },
      spec: { nodeName: `aks-pool${i % nodes % 3}-12345678-vmss${String(i % nodes).padStart(6, '0')}`, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function frameBench(nodes: number): void {
  const env = createEnvironment({ seed: 1, mode: 'tui' });
  env.session.cluster()!.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  populate(env, nodes);
  const c = new SessionController(env);
  const cluster = env.session.cluster()!;
  const snapTimes: number[] = [];
  const mapTimes: number[] = [];
  const frameTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t = performance.now();
    buildSnapshot(cluster, i);
    snapTimes.push(performance.now() - t);
    c.feed.snapshot.set(buildSnapshot(cluster, 100 + i));
    t = performance.now();
    renderToString(createElement(ClusterMap, { controller: c, width: 120, height: 30 }), { columns: 120 });
    mapTimes.push(performance.now() - t);
    t = performance.now();
    renderToString(createElement(App, { controller: c }), { columns: 160 });
    renderToString(createElement(TracePane, { controller: c, width: 120, height: 15 }), { columns: 120 });
    frameTimes.push(performance.now() - t);
  }
  console.log(
    `ui/frame ${String(nodes).padStart(3)} nodes, ${PODS} pods: snapshot ${median(snapTimes).toFixed(1)} ms, map render ${median(mapTimes).toFixed(1)} ms, whole frame ${median(frameTimes).toFixed(1)} ms (median of 15)`,
  );
  c.dispose();
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  onWrite: (s: string) => void = () => {};
  write = (s: string) => {
    this.onWrite(s);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(d: string) {
    this.data = d;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

async function echoBench(): Promise<void> {
  const env = createEnvironment({ seed: 1, mode: 'tui' });
  env.session.cluster()!.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
  populate(env, 100);
  const c = new SessionController(env);
  c.time.setSpeed(60);
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const ink = render(createElement(App, { controller: c }), { stdout: stdout as never, stdin: stdin as never, exitOnCtrlC: false, patchConsole: false, maxFps: 30 });
  const ticker = startTicker((ms) => c.tick(ms));
  await new Promise((r) => setTimeout(r, 300));
  const lat: number[] = [];
  let typed = '';
  for (let i = 0; i < 40; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    typed += ch;
    const want = typed.slice(-12);
    const t = performance.now();
    const seen = new Promise<void>((res) => {
      stdout.onWrite = (s) => {
        if (s.includes(want)) res();
      };
    });
    stdin.write(ch);
    await seen;
    lat.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 37));
  }
  ticker.stop();
  ink.unmount();
  c.dispose();
  const sorted = [...lat].sort((a, b) => a - b);
  console.log(`ui/keystroke-echo at 60x, 100 nodes + ${PODS} pods: median ${median(lat).toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms (40 keys; Ink throttles frames to 30 fps)`);
}

export async function uiBench(): Promise<void> {
  for (const n of [3, 100, 500]) frameBench(n);
  await echoBench();
}
