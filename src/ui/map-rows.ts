/**
 * The cluster map as rows of coloured segments, computed from a snapshot and
 * the view choices: pools → nodes (status, cpu/memory bars, pod count, pod
 * cells) → unscheduled pods → services. Only `height` rows are built, so a
 * 500-node cluster costs what fits on the screen.
 */
import type { ClusterSnapshot, NodeView, PodCell } from './cluster-snapshot.js';
import { POD_STATES } from './pod-state.js';
import type { UiState } from './ui-state.js';
import { pad, shortNodeName } from './theme.js';

export interface Segment {
  text: string;
  color?: string;
  dim?: boolean;
  bold?: boolean;
}

export type Row = Segment[];

const BLOCKS = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/** A small bar of `cells` characters, filled by `used/total` (over 100% is shown full and red). */
export function bar(used: number, total: number, cells = 4): Segment {
  const f = total > 0 ? Math.min(1, used / total) : 0;
  const eighths = Math.round(f * cells * 8);
  let s = '';
  for (let i = 0; i < cells; i++) s += BLOCKS[Math.max(0, Math.min(8, eighths - i * 8))];
  const color = total > 0 && used > total ? 'red' : f >= 0.9 ? 'yellow' : 'green';
  return { text: `▕${s}▏`, color };
}

function cells(pods: PodCell[], width: number): Segment[] {
  if (width <= 0 || pods.length === 0) return [];
  const fit = pods.length <= width ? pods.length : Math.max(0, width - 4);
  const out: Segment[] = pods.slice(0, fit).map((p) => ({ text: POD_STATES[p.state].letter, color: POD_STATES[p.state].color }));
  if (fit < pods.length) out.push({ text: `+${pods.length - fit}`, dim: true });
  return out;
}

function nodeRow(n: NodeView, pods: PodCell[], width: number, wide: boolean): Row {
  const name = wide ? n.name : shortNodeName(n.name);
  const glyph = n.ready === 'Ready' ? (n.cordoned ? '◐' : '●') : n.ready === 'NotReady' ? '✗' : '?';
  const status = n.ready + (n.cordoned ? ',Cordoned' : '');
  const count = `${n.pods.length}/${n.maxPods || '?'}`;
  const head: Row = [
    { text: `${glyph} `, color: n.ready === 'Ready' ? (n.cordoned ? 'yellow' : 'green') : 'red' },
    { text: `${pad(name, wide ? 36 : 27)} ` },
    { text: `${pad(status, n.cordoned ? 15 : 8)} `, color: n.ready === 'Ready' ? (n.cordoned ? 'yellow' : undefined) : 'red' },
    { text: 'cpu', dim: true },
    bar(n.cpuRequested, n.cpuAllocatable),
    { text: 'mem', dim: true },
    bar(n.memRequested, n.memAllocatable),
    { text: ` ${pad(count, 7)} `, dim: true },
  ];
  const used = head.reduce((a, s) => a + s.text.length, 0);
  return [...head, ...cells(pods, width - used)];
}

export function legendRow(): Row {
  const shown = ['Pending', 'ContainerCreating', 'Running', 'Ready', 'CrashLoopBackOff', 'Terminating', 'Completed'] as const;
  return shown.flatMap((s) => [
    { text: POD_STATES[s].letter, color: POD_STATES[s].color },
    { text: ` ${POD_STATES[s].label}  `, dim: true },
  ]);
}

export function mapRows(snap: ClusterSnapshot, ui: UiState, width: number, height: number, wide = width >= 120): Row[] {
  const inNs = (p: PodCell) => ui.namespace === undefined || p.namespace === ui.namespace;
  const rows: Row[] = [];
  const full = () => rows.length >= height;
  const focus = ui.focusNode ? snap.pools.flatMap((p) => p.nodes).find((n) => n.name === ui.focusNode) : undefined;
  if (focus) {
    const pods = focus.pods.filter(inNs);
    rows.push(nodeRow(focus, pods, width, wide));
    for (const p of pods) {
      if (full()) break;
      const st = POD_STATES[p.state];
      rows.push([{ text: '  ' }, { text: st.letter, color: st.color }, { text: ` ${pad(p.name, 40)} ` }, { text: pad(p.state, 18), color: st.color }, { text: p.namespace, dim: true }]);
    }
    if (pods.length === 0) rows.push([{ text: '  no pods on this node', dim: true }]);
    return finish(rows, height, 0);
  }
  if (snap.nodeCount === 0) rows.push([{ text: '  no nodes have registered with the API server yet', dim: true }]);
  let hidden = 0;
  for (const pool of snap.pools) {
    if (full()) {
      hidden += pool.nodes.length;
      continue;
    }
    rows.push([{ text: `▾ ${pool.name}`, bold: true }, { text: ` (${pool.nodes.length} node${pool.nodes.length === 1 ? '' : 's'})`, dim: true }]);
    for (const n of pool.nodes) {
      if (full()) hidden++;
      else rows.push(nodeRow(n, n.pods.filter(inNs), width, wide));
    }
  }
  const waiting = snap.unscheduled.filter(inNs);
  if (waiting.length > 0 && !full()) rows.push([{ text: `  unscheduled ${pad(String(waiting.length), 4)}`, color: 'yellow' }, ...cells(waiting, width - 19)]);
  if (ui.showServices) {
    const svcs = snap.services.filter((s) => ui.namespace === undefined || s.namespace === ui.namespace);
    for (const s of svcs) {
      if (full()) break;
      rows.push([
        { text: '  ⇄ ', color: 'blue' },
        { text: `svc/${pad(s.name, 20)} `, color: 'blue' },
        { text: `${pad(s.type, 12)} ${pad(s.clusterIP, 15)} ${pad(s.ports, 12)} `, dim: true },
        { text: `→ ${s.endpoints} endpoint${s.endpoints === 1 ? '' : 's'}`, color: s.endpoints > 0 ? 'green' : 'yellow' },
      ]);
    }
  }
  return finish(rows, height, hidden);
}

function finish(rows: Row[], height: number, hidden: number): Row[] {
  if (hidden > 0 && rows.length > 0) rows[rows.length - 1] = [{ text: `  … ${hidden} more node${hidden === 1 ? '' : 's'} (view node <name> to focus one)`, dim: true }];
  return rows.slice(0, height);
}
