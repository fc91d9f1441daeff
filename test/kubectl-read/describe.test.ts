import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { goTabwriter } from '../../src/commands/kubectl/describe/writer.js';
import { formatQuantity, parseQuantity, addQuantity } from '../../src/commands/kubectl/describe/quantity.js';
import { smartLabel } from '../../src/commands/kubectl/describe/core.js';
import { rfc1123z } from '../../src/commands/kubectl/describe/format.js';
import { sh } from '../helpers.js';

describe('describe layout machinery', () => {
  it('aligns columns per run of lines as Go text/tabwriter does', () => {
    expect(goTabwriter('Name:\tnginx\nService Account:\tdefault\nContainers:\n  c:\n    Image:\tnginx\n    Port:\t<none>\nPort:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\n')).toBe(
      'Name:             nginx\nService Account:  default\nContainers:\n  c:\n    Image:   nginx\n    Port:    <none>\nPort:        <unset>  80/TCP\nTargetPort:  80/TCP\n',
    );
  });
  it('formats quantities canonically and times as RFC1123Z', () => {
    expect(formatQuantity(addQuantity(parseQuantity('100m'), parseQuantity('1')))).toBe('1100m');
    expect(formatQuantity(addQuantity(parseQuantity('500m'), parseQuantity('500m')))).toBe('1');
    expect(formatQuantity(addQuantity(parseQuantity('70Mi'), parseQuantity('128Mi')))).toBe('198Mi');
    expect(formatQuantity(parseQuantity('2000'))).toBe('2k');
    expect(formatQuantity(undefined)).toBe('0');
    expect(rfc1123z('2026-01-05T09:03:07Z')).toBe('Mon, 05 Jan 2026 09:03:07 +0000');
    expect(smartLabel('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabel('apiVersion')).toBe('API Version');
    expect(smartLabel('uid')).toBe('UID');
  });
});

describe('kubectl describe', () => {
  function env() {
    const e = createEnvironment({ seed: 1 });
    const c = e.session.cluster()!;
    return { e, c };
  }

  it('describes a pod with its containers, conditions, tolerations and events', () => {
    const { e, c } = env();
    c.admin.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
      // An unserved scheduler keeps the pod Pending (what this test describes), now that the real scheduler places pods.
      spec: { schedulerName: 'not-served', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
    });
    const pod = c.admin.get('pods', 'default', 'web');
    if (!pod.ok) throw new Error('no pod');
    c.admin.create('events', 'default', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: pod.object.metadata!.uid },
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to node-1',
      type: 'Normal',
      source: { component: 'default-scheduler' },
      count: 3,
      firstTimestamp: new Date(c.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date(c.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    c.advance(125_000);
    const r = sh(e, 'kubectl describe pod web');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Name: {13}web\nNamespace: {8}default\nPriority: {9}0\nService Account: {2}default\nNode: {13}<none>\nLabels: {11}app=web\n {18}tier=fe\nAnnotations: {6}<none>\nStatus: {11}Pending\n/);
    expect(r.out).toContain('Containers:\n  nginx:\n    Image:      nginx:1.27\n    Port:       80/TCP\n    Host Port:  0/TCP\n    Requests:\n      cpu:     100m\n      memory:  64Mi\n    Environment:\n      MODE:  prod\n    Mounts:\n');
    expect(r.out).toContain('QoS Class:                   Burstable\n');
    expect(r.out).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(r.out).toMatch(/Events:\n {2}Type {4}Reason {5}Age {18}From {15}Message\n {2}---- {4}------ {5}---- {17}---- {15}-------\n {2}Normal {2}Scheduled {2}2m5s \(x3 over 2m5s\) {2}default-scheduler {2}Successfully assigned default\/web to node-1\n$/);
  });

  it('describes by name prefix and reports a missing name as kubectl does', () => {
    const { e, c } = env();
    for (const n of ['api-1', 'api-2']) c.admin.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n }, data: { k: 'v' } });
    const r = sh(e, 'kubectl describe cm api');
    expect(r.out.match(/^Name: /gm)).toHaveLength(2);
    expect(r.out).toContain('Data\n====\nk:\n----\nv\n');
    expect(sh(e, 'kubectl describe pod nope')).toMatchObject({ err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(sh(e, 'kubectl describe')).toMatchObject({ code: 1 });
  });

  it('describes a node with its pods and allocated resources, and a namespace with quotas', () => {
    const { e, c } = env();
    const node = c.admin.list('nodes').ok ? (c.admin.items('nodes')[0]?.metadata?.name ?? '') : '';
    expect(node).not.toBe('');
    const r = sh(e, `kubectl describe node ${node}`);
    expect(r.out).toContain(`Name:               ${node}\n`);
    expect(r.out).toMatch(/Non-terminated Pods: {10}\(\d+ in total\)\n {2}Namespace {19}Name/);
    expect(r.out).toContain('Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    const ns = sh(e, 'kubectl describe ns default').out;
    expect(ns).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
  });
});
