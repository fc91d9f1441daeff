import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { openApiSchemas } from '../../src/cluster/api/schema/index.js';
import { sh } from '../helpers.js';

describe('kubectl explain', () => {
  const e = createEnvironment({ seed: 1 });
  it('prints KIND, VERSION, the description and fields with tab-separated types', () => {
    const out = sh(e, 'kubectl explain pods').out;
    expect(out).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}Pod is a collection of containers that can run on a host. This resource is\n {4}created by clients and scheduled onto hosts.\n {4}\nFIELDS:\n {2}apiVersion\t<string>\n {4}APIVersion defines the versioned schema of this representation of an\n {4}object. Servers/);
    expect(out).toContain('  spec\t<PodSpec>\n');
  });
  it('walks field paths and marks required fields', () => {
    const out = sh(e, 'kubectl explain deploy.spec').out;
    expect(out).toMatch(/^KIND: {7}Deployment\nVERSION: {4}apps\/v1\n\nFIELD: spec <DeploymentSpec>\n/);
    expect(out).toContain('  selector\t<LabelSelector> -required-\n');
    expect(sh(e, 'kubectl explain pods.spec.containers').out).toContain('  name\t<string> -required-\n');
  });
  it('prints the field tree with --recursive and rejects unknown names', () => {
    expect(sh(e, 'kubectl explain svc.spec --recursive').out).toContain('  ports\t<[]ServicePort>\n    appProtocol\t<string>\n    name\t<string>\n');
    expect(sh(e, 'kubectl explain pods.nope')).toMatchObject({ err: 'error: field "nope" does not exist\n', code: 1 });
    expect(sh(e, 'kubectl explain foos')).toMatchObject({ err: 'error: the server doesn\'t have a resource type "foos"\n', code: 1 });
  });
  it('serves the same data as OpenAPI v3 components', () => {
    const s = openApiSchemas() as Record<string, { 'x-kubernetes-group-version-kind'?: unknown; properties: Record<string, unknown> }>;
    expect(s['io.k8s.api.core.v1.Pod']?.['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(s['io.k8s.api.apps.v1.Deployment']?.properties.spec).toEqual(expect.objectContaining({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }] }));
  });
});
