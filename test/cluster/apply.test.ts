import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/cluster/api/types.js';

const deploy = (replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } }, ...extra },
});

const apply = (c: Cluster, body: unknown, manager: string, force = false) => c.admin.patch('deployments.apps', 'default', 'web', body, 'apply', undefined, { fieldManager: manager, force });

describe('server-side apply', () => {
  it('creates, records ownership, and conflicts with another manager unless forced', () => {
    const c = new Cluster({ seed: 1 });
    const first = apply(c, deploy(2), 'alice');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const mf = first.object.metadata!.managedFields!;
    expect(mf.map((e) => [e.manager, e.operation, e.apiVersion])).toEqual([['alice', 'Apply', 'apps/v1']]);
    expect(mf[0]!.fieldsV1).toMatchObject({ 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {} } } } } } });
    // Defaults are not the applier's.
    expect((mf[0]!.fieldsV1 as { 'f:spec': Record<string, unknown> })['f:spec']['f:progressDeadlineSeconds']).toBeUndefined();

    // Someone else scales through /scale: they now own .spec.replicas.
    const scaled = c.client({ username: 'system:kube-controller-manager', groups: ['system:authenticated'] }).subresource('patch', 'deployments.apps', 'default', 'web', 'scale', { spec: { replicas: 5 } });
    expect(scaled.ok).toBe(true);

    const again = apply(c, deploy(3), 'alice');
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.status.code).toBe(409);
    expect(again.status.reason).toBe('Conflict');
    expect(again.status.message).toBe('Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas');
    expect(again.status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using apps/v1', field: '.spec.replicas' }]);

    // Same value: shared ownership, no conflict.
    expect(apply(c, deploy(5), 'alice').ok).toBe(true);
    const forced = apply(c, deploy(3, 'nginx:1.28'), 'alice', true);
    expect(forced.ok && (forced.object.spec as { replicas: number }).replicas).toBe(3);
    const owners = (forced as { object: KObject }).object.metadata!.managedFields!.map((e) => e.manager);
    expect(owners).toEqual(['alice']);
  });

  it('removes fields the manager stopped applying, and requires a field manager', () => {
    const c = new Cluster({ seed: 1 });
    apply(c, deploy(1, 'nginx:1.27', { minReadySeconds: 5 }), 'alice');
    const r = apply(c, deploy(1), 'alice');
    expect(r.ok && (r.object.spec as { minReadySeconds?: number }).minReadySeconds).toBeUndefined();
    const none = c.admin.patch('deployments.apps', 'default', 'web', deploy(1), 'apply');
    expect(!none.ok && none.status.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });
});

describe('patch types', () => {
  const c = new Cluster({ seed: 1 });
  c.admin.create('deployments.apps', 'default', deploy(1, 'nginx:1.27', { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }, { name: 'side', image: 'busybox' }], tolerations: [{ key: 'x', operator: 'Exists' }] } } }));
  const spec = () => (c.admin.get('deployments.apps', 'default', 'web') as { object: KObject }).object.spec as { replicas: number; template: { spec: { containers: { name: string; image: string; env?: { name: string; value: string }[] }[]; tolerations?: unknown[] } } };

  it.each([
    ['merge', { spec: { replicas: 2 } }, () => expect(spec().replicas).toBe(2)],
    ['json', [{ op: 'replace', path: '/spec/replicas', value: 3 }], () => expect(spec().replicas).toBe(3)],
    ['strategic keeps other containers', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } }, () => expect(spec().template.spec.containers.map((x) => `${x.name}=${x.image}`)).toEqual(['web=nginx:1.28', 'side=busybox'])],
    ['strategic merges env by name', { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } } }, () => expect(spec().template.spec.containers[0]!.env!.map((e) => `${e.name}=${e.value}`)).toEqual(['A=1', 'B=3', 'C=4'])],

    ['$retainKeys', { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, () => expect((spec() as unknown as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' })],
    ['$setElementOrder', { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'web' }], containers: [{ name: 'side', image: 'busybox:1.36' }, { name: 'web', image: 'nginx:1.29' }] } } } }, () => expect(spec().template.spec.containers.map((x) => `${x.name}=${x.image}`)).toEqual(['side=busybox:1.36', 'web=nginx:1.29'])],
    ['$deleteFromPrimitiveList', { metadata: { finalizers: ['a', 'b'] } }, () => expect((c.admin.get('deployments.apps', 'default', 'web') as { object: KObject }).object.metadata!.finalizers).toEqual(['a', 'b'])],
    ['$deleteFromPrimitiveList removes', { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, () => expect((c.admin.get('deployments.apps', 'default', 'web') as { object: KObject }).object.metadata!.finalizers).toEqual(['b'])],
  ] as [string, unknown, () => void][])('%s', (what, body, check) => {
    const type = what.startsWith('merge') ? 'merge' : what.startsWith('json') ? 'json' : 'strategic';
    const r = c.admin.patch('deployments.apps', 'default', 'web', body, type);
    expect(r.ok ? 'ok' : r.status.message).toBe('ok');
    check();
  });

  it('$patch: delete removes a keyed element', () => {
    const r = c.admin.patch('deployments.apps', 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } }, 'strategic');
    expect(r.ok ? 'ok' : r.status.message).toBe('ok');
    expect(spec().template.spec.containers.map((x) => x.name)).toEqual(['web']);
  });

  it('a bad JSON patch is a 400 and changes nothing', () => {
    const before = c.store.revision;
    const r = c.admin.patch('deployments.apps', 'default', 'web', [{ op: 'replace', path: '/spec/nope/x', value: 1 }], 'json');
    expect(!r.ok && r.status.code).toBe(400);
    expect(c.store.revision).toBe(before);
  });
});
