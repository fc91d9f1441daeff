import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

const v1 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: fe}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
`;
const v2 = v1.replace(', tier: fe', '').replace(', {name: B, value: "2"}', '').replace('1.27', '1.28');

function deployment(env: ReturnType<typeof createEnvironment>) {
  const r = env.session.client()!.get('deployments.apps', 'default', 'web');
  if (!r.ok) throw new Error(r.status.message);
  return r.object as { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: { template: { spec: { containers: { image: string; env?: { name: string }[] }[] } } } };
}

describe('kubectl apply', () => {
  it('creates, reports unchanged, and three-way merges: removed fields go, fields set by others stay', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl apply -f -', v1).out).toBe('deployment.apps/web created\n');
    expect(sh(env, 'kubectl apply -f -', v1).out).toBe('deployment.apps/web unchanged\n');
    const la = deployment(env).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']!;
    expect(la.endsWith('}\n')).toBe(true);
    expect(JSON.parse(la).metadata).toEqual({ annotations: {}, labels: { app: 'web', tier: 'fe' }, name: 'web', namespace: 'default' });
    // someone else adds a label and an annotation
    expect(sh(env, `kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"owner":"ops"}}}'`).code).toBe(0);
    expect(sh(env, 'kubectl apply -f -', v2).out).toBe('deployment.apps/web configured\n');
    const d = deployment(env);
    expect(d.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
    expect(d.spec.template.spec.containers[0]!.image).toBe('nginx:1.28');
    expect(d.spec.template.spec.containers[0]!.env?.map((e) => e.name)).toEqual(['A']);
  });

  it('warns when the live object was not created by apply, then patches the annotation in', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx:1.27');
    const r = sh(env, 'kubectl apply -f -', v1);
    expect(r.err).toContain('Warning: resource deployments.apps/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation');
    expect(r.out).toBe('deployment.apps/web configured\n');
    expect(deployment(env).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
  });

  it('fails without side effects on bad YAML and unknown kinds', () => {
    const env = createEnvironment({ seed: 1 });
    const bad = sh(env, 'kubectl apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [\n');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /);
    const unknown = sh(env, 'kubectl apply -f -', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(unknown.err).toContain('no matches for kind "Widget" in version "example.com/v1"');
    expect(sh(env, 'kubectl get cm -o name').out).toBe('configmap/kube-root-ca.crt\n');
  });

  it('server-side apply creates and merges', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl apply --server-side -f -', v1).out).toBe('deployment.apps/web serverside-applied\n');
    expect(sh(env, 'kubectl apply --server-side -f -', v2).out).toBe('deployment.apps/web serverside-applied\n');
    expect(deployment(env).spec.template.spec.containers[0]!.image).toBe('nginx:1.28');
  });
});

describe('kubectl delete', () => {
  it('deletes by name, waits for graceful deletion on the simulated clock, and reports NotFound', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx --replicas=2');
    expect(sh(env, 'kubectl delete deployment web').out).toBe('deployment.apps "web" deleted\n');
    expect(sh(env, 'kubectl get deploy web').code).toBe(1);
    const nf = sh(env, 'kubectl delete pod nope');
    expect(nf).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(sh(env, 'kubectl delete pod nope --ignore-not-found').code).toBe(0);
  });

  it('table of argument errors', () => {
    const env = createEnvironment({ seed: 1 });
    const cases: [string, string][] = [
      ['kubectl delete pods', 'error: resource(s) were provided, but no name was specified'],
      ['kubectl delete foos x', 'error: the server doesn\'t have a resource type "foos"'],
      ['kubectl delete pod x --cascade=maybe', 'error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan".'],
      ['kubectl delete pod x --now --grace-period=3', 'error: --now and --grace-period cannot be specified together'],
      ['kubectl delete pod x --bogus', "Error: unknown flag: --bogus\nSee 'kubectl delete --help' for usage."],
    ];
    for (const [line, err] of cases) expect(sh(env, line), line).toEqual({ out: '', err: `${err}\n`, code: 1 });
  });

  it('--force --grace-period=0 warns as upstream and says force deleted; --dry-run=client changes nothing', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create ns dev');
    expect(sh(env, 'kubectl delete ns dev --dry-run=client').out).toBe('namespace "dev" deleted (dry run)\n');
    expect(sh(env, 'kubectl get ns dev').code).toBe(0);
    const r = sh(env, 'kubectl delete ns dev --force --grace-period=0');
    expect(r.err).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    expect(r.out).toBe('namespace "dev" force deleted\n');
  });
});

describe('kubectl diff and autoscale', () => {
  it('diff prints a unified diff of live and merged, exit 1 when different, 0 when not', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl apply -f -', v1);
    expect(sh(env, 'kubectl diff -f -', v1)).toEqual({ out: '', err: '', code: 0 });
    const d = sh(env, 'kubectl diff -f -', v2);
    expect(d.code).toBe(1);
    expect(d.out).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- /);
    expect(d.out).toContain('\n-    tier: fe\n');
    expect(d.out).toContain('\n-        image: nginx:1.27\n+        image: nginx:1.28\n');
    expect(deployment(env).spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
  });

  it('autoscale creates the HPA object', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx');
    expect(sh(env, 'kubectl autoscale deployment web --cpu-percent=50 --min=2 --max=10').out).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const h = env.session.client()!.get('horizontalpodautoscalers.autoscaling', 'default', 'web');
    expect(h.ok && h.object.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'web' } });
    expect(sh(env, 'kubectl autoscale deployment web --max=1 --min=3').err).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3\n');
    expect(sh(env, 'kubectl edit deployment web').code).toBe(1);
  });
});
