import { describe, expect, it } from 'vitest';
import { addNode, addPod, eventsFor, nodeOf, pod, scheduledCondition, setup } from './helpers.js';
import { explainPod, explainPodText } from '../../src/cluster/scheduler/index.js';

describe('scheduler', () => {
  it('binds a pod through pods/binding and records the Scheduled event', () => {
    const { c } = setup();
    addNode(c, 'aks-nodepool1-0');
    addPod(c, 'web');
    c.runUntilIdle();
    expect(nodeOf(c, 'web')).toBe('aks-nodepool1-0');
    const ev = eventsFor(c, 'web');
    expect(ev.map((e) => [e.reason, e.message, e.source?.component])).toEqual([['Scheduled', 'Successfully assigned default/web to aks-nodepool1-0', 'default-scheduler']]);
    expect(scheduledCondition(c, 'web')?.status).toBe('True');
    const binding = c.trace.since().find((e) => e.type === 'request' && e.subresource === 'binding');
    expect(binding && binding.type === 'request' && binding.user).toBe('system:kube-scheduler');
  });

  it('follows a disk=ssd nodeSelector (the seeds example)', () => {
    const { c } = setup();
    addNode(c, 'n1');
    addNode(c, 'n2', { labels: { disk: 'ssd' } });
    addNode(c, 'n3');
    for (let i = 0; i < 5; i++) addPod(c, `p${i}`, { spec: { nodeSelector: { disk: 'ssd' } } });
    c.runUntilIdle();
    for (let i = 0; i < 5; i++) expect(nodeOf(c, `p${i}`)).toBe('n2');
  });

  it('leaves a pod that fits nowhere Pending with the upstream message, and does not spin', () => {
    const { c } = setup();
    addNode(c, 'n1', { taints: [{ key: 'key', value: 'value', effect: 'NoSchedule' }] });
    addNode(c, 'n2', { cpu: '1' });
    addNode(c, 'n3', { cpu: '1' });
    addPod(c, 'big', { cpu: '1500m' });
    const steps = c.runUntilIdle();
    expect(steps).toBeLessThan(10);
    expect(nodeOf(c, 'big')).toBeUndefined();
    const msg = '0/3 nodes are available: 1 node(s) had untolerated taint {key: value}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const cond = scheduledCondition(c, 'big');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    const ev = eventsFor(c, 'big');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: msg });
    // Five minutes later it is retried once (not in a loop); the event count grows.
    c.advance(6 * 60_000);
    expect(eventsFor(c, 'big')[0]?.count).toBe(2);
    expect(c.clock.pendingTimers()).toBeLessThanOrEqual(1);
  });

  it('an hour with a pod that never fits: a retry at the first leftover flush (every 30 s) after 5 minutes, one aggregated FailedScheduling event, a bounded number of writes', () => {
    const { c } = setup();
    addNode(c, 'n1', { cpu: '1' });
    addPod(c, 'big', { cpu: '2' });
    const t0 = c.clock.now();
    const before = c.trace.lastSeq;
    const attempts: number[] = [];
    for (let m = 0; m < 60; m++) {
      c.advance(60_000);
      const ev = eventsFor(c, 'big')[0];
      if (ev && attempts.length < (ev.count ?? 0)) attempts.push(Date.parse(ev.lastTimestamp!) - t0);
    }
    // Parked at t, moved at the first flush run more than 5 minutes later: 5 m 30 s apart.
    expect(attempts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i * 330_000));
    const ev = eventsFor(c, 'big');
    expect(ev.map((e) => [e.reason, e.count, e.firstTimestamp === ev[0]!.firstTimestamp])).toEqual([['FailedScheduling', 11, true]]);
    expect(nodeOf(c, 'big')).toBeUndefined();
    // What the scheduler wrote in the hour: one Event, ten count bumps, one PodScheduled=False.
    const writes = c.trace.since(before).filter((e) => e.type === 'request' && e.user === 'system:kube-scheduler' && e.verb !== 'get' && e.verb !== 'list' && e.verb !== 'watch');
    expect(writes.map((e) => (e.type === 'request' ? `${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''}` : ''))).toEqual(['create events', 'update pods/status', ...Array<string>(10).fill('patch events')]);
    expect(c.clock.pendingTimers()).toBeLessThanOrEqual(1);
  });

  it('retries an unschedulable pod when a node that fits is added', () => {
    const { c } = setup();
    addNode(c, 'small', { cpu: '1' });
    addPod(c, 'big', { cpu: '2' });
    c.runUntilIdle();
    expect(nodeOf(c, 'big')).toBeUndefined();
    addNode(c, 'large', { cpu: '4' });
    c.advance(1_000);
    expect(nodeOf(c, 'big')).toBe('large');
  });

  it('ignores pods for another scheduler: no binding, no events', () => {
    const { c } = setup();
    addNode(c, 'n1');
    addPod(c, 'other', { spec: { schedulerName: 'my-scheduler' } });
    c.advance(60_000);
    expect(nodeOf(c, 'other')).toBeUndefined();
    expect(eventsFor(c, 'other')).toEqual([]);
  });

  it('waits for schedulingGates to be removed', () => {
    const { c } = setup();
    addNode(c, 'n1');
    addPod(c, 'gated', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    c.advance(60_000);
    expect(nodeOf(c, 'gated')).toBeUndefined();
    expect(eventsFor(c, 'gated')).toEqual([]);
    const p = pod(c, 'gated');
    const r = c.admin.update('pods', 'default', 'gated', { ...p, spec: { ...p.spec, schedulingGates: [] } });
    expect(r.ok).toBe(true);
    c.runUntilIdle();
    expect(nodeOf(c, 'gated')).toBe('n1');
  });

  it('fills a node up to its pod count (maxPods) and then reports Too many pods', () => {
    const { c } = setup();
    addNode(c, 'n1', { pods: '3' });
    for (let i = 0; i < 4; i++) addPod(c, `p${i}`);
    c.runUntilIdle();
    expect([0, 1, 2].map((i) => nodeOf(c, `p${i}`))).toEqual(['n1', 'n1', 'n1']);
    expect(nodeOf(c, 'p3')).toBeUndefined();
    expect(scheduledCondition(c, 'p3')?.message).toBe('0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('says no nodes are available in an empty cluster', () => {
    const { c } = setup();
    addPod(c, 'p');
    c.runUntilIdle();
    expect(scheduledCondition(c, 'p')?.message).toBe('no nodes available to schedule pods');
    addNode(c, 'n1');
    c.advance(1_000);
    expect(nodeOf(c, 'p')).toBe('n1');
  });

  it('same seed, same placement', () => {
    const run = () => {
      const { c } = setup(7);
      for (let i = 0; i < 6; i++) addNode(c, `n${i}`, { cpu: '4' });
      for (let i = 0; i < 12; i++) addPod(c, `p${i}`, { cpu: `${100 + 50 * (i % 3)}m` });
      c.runUntilIdle();
      return Array.from({ length: 12 }, (_, i) => nodeOf(c, `p${i}`));
    };
    const a = run();
    expect(a.every((n) => n !== undefined)).toBe(true);
    expect(run()).toEqual(a);
  });

  it('explains a pending pod node by node, and a scheduled one by weighted scores', () => {
    const { c } = setup();
    addNode(c, 'n1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    addNode(c, 'n2', { cpu: '1' });
    addPod(c, 'big', { cpu: '1500m' });
    addPod(c, 'small', { cpu: '100m' });
    c.runUntilIdle();
    const big = explainPod(c, 'default', 'big')!;
    expect(big.outcome).toBe('Unschedulable');
    expect(big.rejected.map((r) => [r.node, r.plugin, r.reasons.join()])).toEqual([
      ['n1', 'TaintToleration', 'node(s) had untolerated taint {dedicated: gpu}'],
      ['n2', 'NodeResourcesFit', 'Insufficient cpu'],
    ]);
    const text = explainPodText(c, 'default', 'big')!;
    expect(text).toMatch(/n2 +NodeResourcesFit +Insufficient cpu/);
    addNode(c, 'n3', { cpu: '8' });
    addPod(c, 'other', { cpu: '100m' });
    c.advance(1_000);
    const other = explainPod(c, 'default', 'other')!;
    expect(other.outcome).toBe('Scheduled');
    expect(other.scores.length).toBeGreaterThan(0);
    expect(other.scores[0]!.node).toBe(other.node);
    expect(other.scores[0]!.plugins.map((p) => p.plugin)).toContain('NodeResourcesFit');
  });
});
