/** Table-driven plugin tests: (pod, node) → status or score, as upstream's plugin tests are written. */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { NodeInfo } from '../../src/cluster/scheduler/node-info.js';
import { podInfo, podRequests } from '../../src/cluster/scheduler/pod-info.js';
import { CycleState, type Plugin } from '../../src/cluster/scheduler/types.js';
import { taintToleration } from '../../src/cluster/scheduler/plugins/taint-toleration.js';
import { nodeAffinity } from '../../src/cluster/scheduler/plugins/node-affinity.js';
import { nodeUnschedulable } from '../../src/cluster/scheduler/plugins/node-unschedulable.js';
import { nodePorts } from '../../src/cluster/scheduler/plugins/node-ports.js';
import { nodeResourcesFit, leastRequestedScore } from '../../src/cluster/scheduler/plugins/node-resources-fit.js';
import { balancedScore } from '../../src/cluster/scheduler/plugins/node-resources-balanced-allocation.js';
import { numFeasibleNodesToFind } from '../../src/cluster/scheduler/framework.js';
import { fitErrorMessage } from '../../src/cluster/scheduler/failure.js';
import { backoffDuration } from '../../src/cluster/scheduler/queue.js';
import { unschedulable } from '../../src/cluster/scheduler/types.js';
import { imageScore } from '../../src/cluster/scheduler/plugins/image-locality.js';

let seq = 0;
function mkPod(spec: Record<string, unknown> = {}, requests: Record<string, string> = {}, labels: Record<string, string> = {}): Pod {
  return { metadata: { name: `p${seq++}`, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests } }], ...spec } } as Pod;
}

function mkNode(o: { labels?: Record<string, string>; taints?: unknown[]; unschedulable?: boolean; cpu?: string; memory?: string; pods?: string } = {}): NodeInfo {
  const alloc = { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: o.pods ?? '110' };
  return new NodeInfo({ metadata: { name: 'n1', labels: o.labels ?? {} }, spec: { taints: o.taints, unschedulable: o.unschedulable }, status: { allocatable: alloc } } as Node);
}

function run(plugin: Plugin, pod: Pod, node: NodeInfo): string {
  const s = new CycleState();
  const pi = podInfo(pod);
  if (plugin.preFilter?.(s, pi, [node]) === 'skip') return 'skip';
  const st = plugin.filter!(s, pi, node);
  return st ? `${st.code}: ${st.reasons.join('; ')}` : 'Success';
}

describe('TaintToleration filter', () => {
  const cases: [string, unknown[], unknown[], string][] = [
    ['no taints', [], [], 'Success'],
    ['NoSchedule untolerated', [{ key: 'k', value: 'v', effect: 'NoSchedule' }], [], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: v}'],
    ['NoExecute untolerated', [{ key: 'k', effect: 'NoExecute' }], [], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: }'],
    ['PreferNoSchedule never filters', [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }], [], 'Success'],
    ['Equal toleration', [{ key: 'k', value: 'v', effect: 'NoSchedule' }], [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }], 'Success'],
    ['Equal, wrong value', [{ key: 'k', value: 'v', effect: 'NoSchedule' }], [{ key: 'k', operator: 'Equal', value: 'w' }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: v}'],
    ['Exists on key, any effect', [{ key: 'k', value: 'v', effect: 'NoExecute' }], [{ key: 'k', operator: 'Exists' }], 'Success'],
    ['Exists with empty key tolerates all', [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }], [{ operator: 'Exists' }], 'Success'],
    ['wrong effect', [{ key: 'k', value: 'v', effect: 'NoExecute' }], [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: v}'],
  ];
  it.each(cases)('%s', (_n, taints, tolerations, want) => {
    expect(run(taintToleration, mkPod({ tolerations }), mkNode({ taints }))).toBe(want);
  });

  it('scores nodes with fewer intolerable PreferNoSchedule taints higher (normalized, reversed)', () => {
    const s = new CycleState();
    const pod = podInfo(mkPod());
    const nodes = [mkNode(), mkNode({ taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }), mkNode({ taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] })];
    const scores = Float64Array.from(nodes.map((n) => taintToleration.score!(s, pod, n)));
    taintToleration.normalizeScore!(s, pod, scores, nodes);
    expect([...scores]).toEqual([100, 50, 0]);
  });
});

describe('NodeAffinity filter', () => {
  const req = (expr: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expr }] } } } });
  const cases: [string, Record<string, unknown>, Record<string, string>, string][] = [
    ['nothing asked', {}, {}, 'skip'],
    ['nodeSelector disk=ssd matches', { nodeSelector: { disk: 'ssd' } }, { disk: 'ssd' }, 'Success'],
    ['nodeSelector disk=ssd on a hdd node', { nodeSelector: { disk: 'ssd' } }, { disk: 'hdd' }, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['In', req([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]), { zone: 'b' }, 'Success'],
    ['NotIn', req([{ key: 'zone', operator: 'NotIn', values: ['a'] }]), { zone: 'a' }, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['Exists', req([{ key: 'gpu', operator: 'Exists' }]), { gpu: '' }, 'Success'],
    ['DoesNotExist', req([{ key: 'gpu', operator: 'DoesNotExist' }]), { gpu: 'x' }, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['Gt', req([{ key: 'cores', operator: 'Gt', values: ['4'] }]), { cores: '8' }, 'Success'],
    ['Lt', req([{ key: 'cores', operator: 'Lt', values: ['4'] }]), { cores: '8' }, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['an empty term matches nothing', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }, {}, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['matchFields metadata.name', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } }, {}, 'Success'],
  ];
  it.each(cases)('%s', (_n, spec, labels, want) => {
    expect(run(nodeAffinity, mkPod(spec), mkNode({ labels }))).toBe(want);
  });

  it('scores the sum of matching preferred weights, normalized', () => {
    const s = new CycleState();
    const pod = podInfo(mkPod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }, { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } } }));
    const nodes = [mkNode({ labels: { disk: 'ssd' } }), mkNode({ labels: { zone: 'a' } }), mkNode()];
    expect(nodeAffinity.preScore!(s, pod, nodes)).toBeNull();
    const scores = Float64Array.from(nodes.map((n) => nodeAffinity.score!(s, pod, n)));
    nodeAffinity.normalizeScore!(s, pod, scores, nodes);
    expect([...scores]).toEqual([100, 25, 0]);
  });
});

describe('NodeUnschedulable and NodePorts', () => {
  it.each([
    ['schedulable node', false, [], 'Success'],
    ['cordoned node', true, [], 'UnschedulableAndUnresolvable: node(s) were unschedulable'],
    ['cordoned, tolerated', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], 'Success'],
  ] as [string, boolean, unknown[], string][])('%s', (_n, cordoned, tolerations, want) => {
    expect(run(nodeUnschedulable, mkPod({ tolerations }), mkNode({ unschedulable: cordoned }))).toBe(want);
  });

  it('rejects a host port already used on the node', () => {
    const node = mkNode();
    const withPort = (port: number, hostIP?: string) => mkPod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: port, protocol: 'TCP', ...(hostIP ? { hostIP } : {}) }] }] });
    expect(run(nodePorts, mkPod(), node)).toBe('skip');
    node.addPod(podInfo(withPort(8080)));
    expect(run(nodePorts, withPort(8080), node)).toBe("Unschedulable: node(s) didn't have free ports for the requested pod ports");
    expect(run(nodePorts, withPort(8080, '10.0.0.1'), node)).toBe("Unschedulable: node(s) didn't have free ports for the requested pod ports");
    expect(run(nodePorts, withPort(8081), node)).toBe('Success');
  });
});

describe('NodeResourcesFit', () => {
  it.each([
    ['fits', { cpu: '500m', memory: '1Gi' }, 'Success'],
    ['too much cpu', { cpu: '3' }, 'Unschedulable: Insufficient cpu'],
    ['too much memory', { memory: '5Gi' }, 'Unschedulable: Insufficient memory'],
    ['both', { cpu: '3', memory: '5Gi' }, 'Unschedulable: Insufficient cpu; Insufficient memory'],
    ['extended resource the node lacks', { 'nvidia.com/gpu': '1' }, 'Unschedulable: Insufficient nvidia.com/gpu'],
  ] as [string, Record<string, string>, string][])('%s', (_n, requests, want) => {
    expect(run(nodeResourcesFit, mkPod({}, requests), mkNode())).toBe(want);
  });

  it('counts pods against allocatable pods (maxPods)', () => {
    const node = mkNode({ pods: '2' });
    node.addPod(podInfo(mkPod()));
    expect(run(nodeResourcesFit, mkPod(), node)).toBe('Success');
    node.addPod(podInfo(mkPod()));
    expect(run(nodeResourcesFit, mkPod(), node)).toBe('Unschedulable: Too many pods');
  });

  it('takes the larger of the containers and each init container (plus sidecars and overhead)', () => {
    const c = (name: string, cpu: string, extra: Record<string, unknown> = {}) => ({ name, image: 'x', resources: { requests: { cpu } }, ...extra });
    const pod = { metadata: { name: 'x' }, spec: { containers: [c('a', '200m'), c('b', '300m')], initContainers: [c('i1', '700m'), c('side', '100m', { restartPolicy: 'Always' }), c('i2', '400m')], overhead: { cpu: '50m' } } } as unknown as Pod;
    // containers 500m + sidecar 100m = 600m; i1 alone 700m; i2 + sidecar 500m → 700m, plus 50m overhead.
    expect(podRequests(pod).milliCpu).toBe(750);
  });

  it('LeastAllocated and BalancedAllocation scores', () => {
    expect(leastRequestedScore(0, 4000)).toBe(100);
    expect(leastRequestedScore(1000, 4000)).toBe(75);
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    expect(balancedScore(0.5, 0.5)).toBe(100);
    expect(balancedScore(0.2, 0.6)).toBe(80);
    const s = new CycleState();
    const node = mkNode({ cpu: '4', memory: '8Gi' });
    // A pod without requests counts as 100m / 200Mi for scoring.
    const score = nodeResourcesFit.score!(s, podInfo(mkPod()), node);
    expect(score).toBe(Math.trunc((leastRequestedScore(100, 4000) + leastRequestedScore(200 * 2 ** 20, 8 * 2 ** 30)) / 2));
  });
});

describe('framework helpers', () => {
  it.each([
    [50, 50],
    [100, 100],
    [500, 230],
    [1000, 420],
    [5000, 500],
    [6000, 300],
  ])('percentageOfNodesToScore: %i nodes → look for %i feasible', (n, want) => {
    expect(numFeasibleNodesToFind(n)).toBe(want);
  });

  it('back-off doubles from 1s to a 10s cap', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('the FitError message counts reasons and sorts them as strings', () => {
    const statuses = [...Array(10).fill(unschedulable('Insufficient cpu')), unschedulable('Insufficient memory'), unschedulable('Insufficient memory')];
    expect(fitErrorMessage(12, statuses)).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory.');
    expect(fitErrorMessage(3, [unschedulable('b'), unschedulable('a'), unschedulable('b')], undefined, 'preemption: x.')).toBe('0/3 nodes are available: 1 a, 2 b. preemption: x.');
  });

  it('ImageLocality scales image bytes between 23MB and 1000MB per container', () => {
    expect(imageScore(0, 1)).toBe(0);
    expect(imageScore(1000 * 2 ** 20, 1)).toBe(100);
    expect(imageScore(500 * 2 ** 20, 1)).toBe(48);
  });
});
