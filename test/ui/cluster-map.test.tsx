import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { renderTui } from './rig.js';
import { buildSnapshot } from '../../src/ui/cluster-snapshot.js';
import { mapRows } from '../../src/ui/map-rows.js';
import { INITIAL_UI } from '../../src/ui/ui-state.js';
import { podState } from '../../src/ui/pod-state.js';
import { quantityValue, milliCpu } from '../../src/ui/quantity.js';
import { sh } from '../helpers.js';
import { createEnvironment } from '../../src/commands/environment.js';

type Rig = Awaited<ReturnType<typeof renderTui>>;
let rig: Rig | undefined;
afterEach(() => {
  rig?.unmount();
  rig = undefined;
});

const NODE = (i: number, pool = 'userpool') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `aks-${pool}-12345678-vmss00000${i}`, labels: { agentpool: pool, 'kubernetes.azure.com/agentpool': pool } },
  status: { allocatable: { cpu: '1900m', memory: '5Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

function pod(cluster: Cluster, name: string, node: string | undefined, status: object) {
  const r = cluster.admin.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] } });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const got = cluster.admin.get<{ metadata: object }>('pods', 'default', name);
  if (got.ok) cluster.admin.updateStatus('pods', 'default', name, { ...got.object, status });
}

describe('cluster map', () => {
  it('reads quantities and pod states as kubectl does', () => {
    expect(quantityValue('5Gi')).toBe(5 * 2 ** 30);
    expect(milliCpu('1900m')).toBe(1900);
    expect(milliCpu('2')).toBe(2000);
    expect(podState({ metadata: { deletionTimestamp: 'x' } })).toBe('Terminating');
    expect(podState({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } })).toBe('Ready');
    expect(podState({ status: { phase: 'Running', containerStatuses: [{ name: 'c', image: '', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } })).toBe('CrashLoopBackOff');
    expect(podState({ status: { phase: 'Succeeded' } })).toBe('Completed');
    expect(podState({ spec: { containers: [], nodeName: 'n' }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } })).toBe('ContainerCreating');
  });

  it('draws pools → nodes with requests and pod cells by state; focus and namespace filter', async () => {
    rig = await renderTui({ cols: 100, rows: 60 });
    rig.controller.ui.update((u) => ({ ...u, namespace: 'default', showServices: false }));
    const cluster = rig.env.session.cluster()!;
    for (const i of [0, 1]) cluster.admin.create('nodes', undefined, NODE(i));
    const n0 = 'aks-userpool-12345678-vmss000000';
    pod(cluster, 'web-a', n0, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    pod(cluster, 'web-b', n0, { phase: 'Pending', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
    pod(cluster, 'web-c', undefined, { phase: 'Pending' });
    rig.controller.refresh();
    const f = await rig.until('▾ userpool (2 nodes)');
    expect(f).toMatch(/● aks-userpool-…-vmss000000 +Ready +cpu▕.*▏mem▕.*▏ 2\/110 +RC/);
    expect(f).toMatch(/unscheduled 1 +P/);
    const snap = buildSnapshot(cluster, 1);
    expect(snap.pools.find((p) => p.name === 'userpool')!.nodes[0]!.cpuRequested).toBe(1000);
    sh(rig.env, 'kubectl get ns');
    await rig.run(`view node ${n0}`);
    await rig.until(/R web-a +Ready/);
    expect(rig.frame()).toMatch(/C web-b +ContainerCreating/);
    await rig.run('view node all');
    await rig.run('view ns kube-system');
    await rig.until('ns kube-system');
    expect(rig.frame()).not.toMatch(/ RC$/m);
  });

  it('fits many nodes into a fixed height, saying how many are hidden', () => {
    const env = createEnvironment({ seed: 1 });
    const cluster = env.session.cluster()!;
    for (let i = 0; i < 50; i++) cluster.admin.create('nodes', undefined, { ...NODE(0), metadata: { name: `n-${i}`, labels: { agentpool: 'p' } } });
    const snap = buildSnapshot(cluster, 1);
    const rows = mapRows(snap, INITIAL_UI, 80, 8);
    expect(rows.length).toBe(8);
    expect(rows[7]!.map((s) => s.text).join('')).toMatch(/… \d+ more nodes/);
  });
});

