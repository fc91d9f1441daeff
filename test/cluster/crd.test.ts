import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import { transcript } from '../helpers.js';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        additionalPrinterColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }, { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['cronSpec'],
                properties: {
                  cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
                  image: { type: 'string' },
                  replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
                  color: { type: 'string', enum: ['red', 'green'] },
                },
              },
              status: { type: 'object', properties: { replicas: { type: 'integer' } } },
            },
          },
        },
      },
    ],
  },
};

const tab = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name }, spec });

describe('CustomResourceDefinitions', () => {
  it('round trip: create the CRD, serve its kind with schema validation, delete both', () => {
    const c = new Cluster({ seed: 1 });
    expect(c.registry.resolve('ct')).toBeUndefined();
    const made = c.admin.create('customresourcedefinitions.apiextensions.k8s.io', undefined, crd);
    expect(made.ok).toBe(true);
    const def = c.registry.resolve('ct');
    expect(def).toMatchObject({ group: 'stable.example.com', version: 'v1', kind: 'CronTab', plural: 'crontabs', namespaced: true, categories: ['all'] });
    const got = c.admin.get('customresourcedefinitions.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com');
    expect(got.ok && got.object.metadata!.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(got.ok && (got.object.status as { conditions: { type: string; status: string }[] }).conditions.map((x) => [x.type, x.status])).toEqual([
      ['NamesAccepted', 'True'],
      ['Established', 'True'],
    ]);

    const ok = c.admin.create('crontabs.stable.example.com', 'default', { ...tab('nightly', { cronSpec: '* * * * */5', image: 'my-cron', extra: 'pruned' }) });
    expect(ok.ok && ok.object.spec).toEqual({ cronSpec: '* * * * */5', image: 'my-cron', replicas: 1 });
    expect(c.store.keys('/registry/stable.example.com')).toEqual(['/registry/stable.example.com/crontabs/default/nightly']);

    const bad = c.admin.create('crontabs.stable.example.com', 'default', tab('bad', { cronSpec: 5, replicas: 50, color: 'blue' }));
    expect(!bad.ok && bad.status.message).toBe(
      'CronTab.stable.example.com "bad" is invalid: [spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer", spec.replicas: Invalid value: 50: spec.replicas in body should be less than or equal to 10, spec.color: Unsupported value: "blue": supported values: "red", "green"]',
    );
    const missing = c.admin.create('crontabs.stable.example.com', 'default', tab('bad', { image: 'x' }));
    expect(!missing.ok && missing.status.message).toBe('CronTab.stable.example.com "bad" is invalid: spec.cronSpec: Required value');

    const scaled = c.admin.subresource('patch', 'crontabs.stable.example.com', 'default', 'nightly', 'scale', { spec: { replicas: 3 } });
    expect(scaled.ok).toBe(true);
    const t = c.admin.list('crontabs.stable.example.com', 'default', { asTable: true });
    expect(t.ok && (t.object as unknown as { rows: { cells: unknown[] }[] }).rows[0]!.cells).toEqual(['nightly', '* * * * */5', 3]);

    const del = c.admin.delete('customresourcedefinitions.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com');
    expect(del.ok).toBe(true);
    expect(c.registry.resolve('ct')).toBeUndefined();
    expect(c.store.keys('/registry/stable.example.com')).toEqual([]);
    expect(c.admin.get('customresourcedefinitions.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com').ok).toBe(false);
  });

  it('rejects a CRD whose name is not plural.group', () => {
    const c = new Cluster({ seed: 1 });
    const r = c.admin.create('customresourcedefinitions.apiextensions.k8s.io', undefined, { ...crd, metadata: { name: 'tabs.stable.example.com' } });
    expect(!r.ok && r.status.message).toBe('CustomResourceDefinition.apiextensions.k8s.io "tabs.stable.example.com" is invalid: metadata.name: Invalid value: "tabs.stable.example.com": must be spec.names.plural+"."+spec.group');
  });

  it('kubectl get shows a custom resource once its CRD exists', () => {
    const yaml = JSON.stringify(crd);
    const { text } = transcript(`kubectl get crontabs\n`);
    expect(text).toContain('error: the server doesn\'t have a resource type "crontabs"');
    void yaml;
  });
});
