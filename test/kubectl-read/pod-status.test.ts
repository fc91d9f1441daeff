import { describe, expect, it } from 'vitest';
import { podSummary } from '../../src/cluster/api/printers/pod.js';
import { humanDuration } from '../../src/cluster/api/table.js';
import type { KObject } from '../../src/cluster/api/types.js';

const NOW = Date.parse('2026-01-15T10:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: ago(60), ...meta }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, status };
}
const running = { running: { startedAt: ago(50) } };
const cs = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name: 'c', ready: false, restartCount: 0, state, ...extra });

describe('pod STATUS, READY and RESTARTS (upstream printPod precedence)', () => {
  const cases: [string, KObject, Partial<ReturnType<typeof podSummary>>][] = [
    ['pending, unscheduled', pod({ phase: 'Pending' }), { status: 'Pending', ready: '0/1', restarts: '0' }],
    ['scheduling gated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), { status: 'SchedulingGated' }],
    ['container creating', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }), { status: 'ContainerCreating' }],
    ['running and ready', pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs(running, { ready: true })] }), { status: 'Running', ready: '1/1' }],
    ['running, not ready', pod({ phase: 'Running', containerStatuses: [cs(running)] }), { status: 'Running', ready: '0/1' }],
    [
      'crash loop with restarts ago',
      pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(45) } } })] }),
      { status: 'CrashLoopBackOff', restarts: '3 (45s ago)' },
    ],
    ['image pull backoff', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] }), { status: 'ImagePullBackOff' }],
    ['completed', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }), { status: 'Completed' }],
    ['oom killed', pod({ phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 137, reason: 'OOMKilled' } })] }), { status: 'OOMKilled' }],
    ['error', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] }), { status: 'Error' }],
    ['exit code without reason', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] }), { status: 'ExitCode:2' }],
    ['signal without reason', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 0, signal: 9 } })] }), { status: 'Signal:9' }],
    ['evicted (status.reason)', pod({ phase: 'Failed', reason: 'Evicted' }), { status: 'Evicted' }],
    ['init 0/1', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', restartCount: 0, state: { running: {} } }] }, { initContainers: [{ name: 'i', image: 'busybox' }] }), { status: 'Init:0/1' }],
    [
      'init 1/2',
      pod({ phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { name: 'b', state: { waiting: { reason: 'PodInitializing' } } }] }, { initContainers: [{ name: 'a' }, { name: 'b' }] }),
      { status: 'Init:1/2' },
    ],
    ['init crash loop', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, { initContainers: [{ name: 'i' }] }), { status: 'Init:CrashLoopBackOff', restarts: '2' }],
    ['init error', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, { initContainers: [{ name: 'i' }] }), { status: 'Init:Error' }],
    ['init exit code', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { terminated: { exitCode: 3 } } }] }, { initContainers: [{ name: 'i' }] }), { status: 'Init:ExitCode:3' }],
    [
      'pod initializing',
      pod({ phase: 'Pending', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [{ name: 'i', state: { terminated: { exitCode: 0, reason: 'Completed' } } }], containerStatuses: [cs({ waiting: { reason: 'PodInitializing' } })] }, { initContainers: [{ name: 'i' }] }),
      { status: 'PodInitializing' },
    ],
    [
      'sidecar counts in READY',
      pod({ phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [{ name: 's', started: true, ready: true, state: { running: {} } }], containerStatuses: [cs(running, { ready: true })] }, { initContainers: [{ name: 's', restartPolicy: 'Always' }] }),
      { status: 'Running', ready: '2/2' },
    ],
    [
      'completed container while another runs, ready',
      pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs(running, { name: 'a', ready: true }), cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'b' })] }, { containers: [{ name: 'a' }, { name: 'b' }] }),
      { status: 'Running', ready: '1/2' },
    ],
    [
      'completed container while another runs, not ready',
      pod({ phase: 'Running', containerStatuses: [cs(running, { name: 'a', ready: true }), cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'b' })] }, { containers: [{ name: 'a' }, { name: 'b' }] }),
      { status: 'NotReady' },
    ],
    ['terminating', pod({ phase: 'Running', containerStatuses: [cs(running, { ready: true })] }, {}, { deletionTimestamp: ago(1) }), { status: 'Terminating' }],
    ['terminal pods are not Terminating', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, {}, { deletionTimestamp: ago(1) }), { status: 'Completed' }],
    ['node lost', pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(1) }), { status: 'Unknown' }],
  ];
  it.each(cases)('%s', (_name, p, want) => {
    expect(podSummary(p, NOW)).toMatchObject(want);
  });
});

describe('AGE (duration.HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [-1500, '0s'],
    [-3000, '<invalid>'],
    [5_000, '5s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [182_000, '3m2s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [3 * 3600_000 + 25 * 60_000, '3h25m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [52 * 3600_000, '2d4h'],
    [7 * 86400_000, '7d'],
    [30 * 86400_000, '30d'],
    [(2 * 365 + 10) * 86400_000, '2y10d'],
    [9 * 365 * 86400_000, '9y'],
  ])('%d ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});
