/**
 * OpenAPI v3 from kubedojo's own schemas, read by real kubectl: `explain`
 * shows the fields and their types (references resolved across documents'
 * closures), and `apply` of a manifest with a misspelt field is rejected by
 * the server's strict field validation as kube-apiserver rejects it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { harness, hasKubectl, writeFile, type Harness } from './kubectl-harness.js';

const d = hasKubectl ? describe : describe.skip;
if (!hasKubectl) console.warn('skipping the OpenAPI tests: no kubectl at /usr/bin/kubectl');

const TYPO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
spec:
  replicas: 1
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      contaners:
      - name: web
        image: nginx:1.27
`;

d('OpenAPI schemas for real kubectl', () => {
  let h: Harness;
  const env = createEnvironment({ seed: 18 });
  beforeAll(async () => {
    h = await harness(env.world);
  });
  afterAll(async () => {
    await h.close();
  });

  it('kubectl explain pods.spec lists the fields with their types', async () => {
    const r = await h.kubectl(['explain', 'pods.spec'], { advanceMs: 0 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^KIND:\s+Pod\nVERSION:\s+v1\n/);
    expect(r.stdout).toMatch(/\n {2}containers\s+<\[\]Container> -required-\n/);
    expect(r.stdout).toMatch(/\n {2}restartPolicy\s+<string>\n/);
    expect(r.stdout).toMatch(/\n {2}terminationGracePeriodSeconds\s+<integer>\n/);
  });

  it('kubectl explain deployment.spec.strategy shows the enum', async () => {
    const r = await h.kubectl(['explain', 'deployment.spec.strategy'], { advanceMs: 0 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n/);
    expect(r.stdout).toMatch(/FIELD: strategy <DeploymentStrategy>/);
    expect(r.stdout).toMatch(/\n {2}type\s+<string>\n/);
    expect(r.stdout).toMatch(/\n {2}enum: Recreate, RollingUpdate\n/);
  });

  it('rejects an unknown field on apply, and applies the corrected manifest', async () => {
    const file = writeFile(h.dir, 'typo.yaml', TYPO);
    const r = await h.kubectl(['apply', '-f', file], { advanceMs: 0 });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.contaners"`);
    expect(env.world.all()[0]!.admin.get('deployments.apps', 'default', 'typo').ok).toBe(false);
    const mine = sh(env, `kubectl apply -f ${file}`);
    expect(mine.err.trim()).toBe(r.stderr.trim());
    expect(mine.code).toBe(1);
    const fixed = writeFile(h.dir, 'fixed.yaml', TYPO.replace('contaners', 'containers'));
    const ok = await h.kubectl(['apply', '-f', fixed], { advanceMs: 0 });
    expect(ok.stdout.trim()).toBe('deployment.apps/typo created');
  });
});
