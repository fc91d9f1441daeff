import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

function env() {
  const e = createEnvironment({ seed: 1 });
  sh(e, 'kubectl create deployment web --image=nginx');
  return e;
}

describe('label, annotate, scale, patch', () => {
  it('prints what kubectl prints, step by step', () => {
    const e = env();
    const steps: [string, string, number][] = [
      ['kubectl label deploy web app=x', "error: 'app' already has a value (web), and --overwrite is false\n", 1],
      ['kubectl label deploy web app=x --overwrite', 'deployment.apps/web labeled\n', 0],
      ['kubectl label deploy/web tier=fe', 'deployment.apps/web labeled\n', 0],
      ['kubectl label deploy web tier=fe', 'deployment.apps/web not labeled\n', 0],
      ['kubectl label deploy web tier-', 'deployment.apps/web unlabeled\n', 0],
      ['kubectl label deploy web', "error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n", 1],
      ['kubectl annotate deploy web note=hi', 'deployment.apps/web annotated\n', 0],
      ['kubectl annotate deploy web note=bye', "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n", 1],
      ['kubectl scale deploy web --replicas=3', 'deployment.apps/web scaled\n', 0],
      ['kubectl scale deploy web --replicas=2 --current-replicas=1', 'error: Expected replicas to be 1, was 3\n', 1],
      ['kubectl scale deploy nope --replicas=1', 'error: no objects passed to scale deployments.apps "nope" not found\n', 1],
      ['kubectl scale deploy web', 'E0115 09:00:00.000000    4242 run.go:72] "command failed" err="required flag(s) \\"replicas\\" not set"\n', 1],
      [`kubectl patch deploy web -p '{"spec":{"replicas":1}}'`, 'deployment.apps/web patched\n', 0],
      [`kubectl patch deploy web -p '{"spec":{"replicas":1}}'`, 'deployment.apps/web patched (no change)\n', 0],
      ['kubectl patch deploy web', "error: must specify --patch or --patch-file containing the contents of the patch\nSee 'kubectl patch -h' for help and examples\n", 1],
      [`kubectl patch deploy web --type=xml -p '{}'`, 'error: --type must be one of [json merge strategic], not "xml"\n', 1],
    ];
    for (const [line, text, code] of steps) {
      const r = sh(e, line);
      expect({ line, text: r.out + r.err, code: r.code }).toEqual({ line, text, code });
    }
    const d = e.session.client()!.get('deployments.apps', 'default', 'web');
    expect(d.ok && d.object.metadata?.labels).toEqual({ app: 'x' });
    expect(d.ok && (d.object.spec as { replicas: number }).replicas).toBe(1);
  });

  it('rejects unknown verbs with cobra suggestions and unknown flags with the usage hint', () => {
    const e = createEnvironment({ seed: 1 });
    expect(sh(e, 'kubectl gett pods').err).toBe('Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\n');
    expect(sh(e, 'kubectl lable pods').err).toContain('Did you mean this?\n\tlabel\n');
    expect(sh(e, 'kubectl zzz').err).toBe('Error: unknown command "zzz" for "kubectl"\n');
    expect(sh(e, 'kubectl scale deploy web --replicas=x').err).toBe('Error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n');
    expect(sh(e, 'k create deployment web --image=nginx --foo').err).toBe("Error: unknown flag: --foo\nSee 'kubectl create deployment --help' for usage.\n");
    expect(sh(e, 'kubectl').out).toContain('kubectl controls the Kubernetes cluster manager.');
  });
});

describe('rollout, set, expose', () => {
  it('history lists revisions, undo rolls back, pause/resume/restart patch the deployment', () => {
    const e = createEnvironment({ seed: 1 });
    sh(e, 'kubectl create deployment web --image=nginx:1.27');
    expect(sh(e, 'kubectl set image deployment/web nginx=nginx:1.28').out).toBe('deployment.apps/web image updated\n');
    expect(sh(e, 'kubectl rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(sh(e, 'kubectl rollout undo deployment/web').out).toBe('deployment.apps/web rolled back\n');
    const image = () => {
      const d = e.session.client()!.get('deployments.apps', 'default', 'web');
      return d.ok ? (d.object.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image : '';
    };
    expect(image()).toBe('nginx:1.27');
    expect(sh(e, 'kubectl rollout undo deployment/web --to-revision=7').err).toBe('error: unable to find specified revision 7 in history\n');
    expect(sh(e, 'kubectl rollout pause deployment/web').out).toBe('deployment.apps/web paused\n');
    expect(sh(e, 'kubectl rollout pause deployment/web').err).toBe('error: deployments.apps "web" is already paused\n');
    expect(sh(e, 'kubectl rollout resume deployment/web').out).toBe('deployment.apps/web resumed\n');
    expect(sh(e, 'kubectl rollout restart deployment/web').out).toBe('deployment.apps/web restarted\n');
    const d = e.session.client()!.get('deployments.apps', 'default', 'web');
    expect(d.ok && (d.object.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('set env adds and removes variables; expose builds the service from the deployment', () => {
    const e = createEnvironment({ seed: 1 });
    sh(e, 'kubectl create deployment web --image=nginx --port=80');
    sh(e, 'kubectl set env deployment/web A=1 B=2');
    sh(e, 'kubectl set env deployment/web A-');
    expect(sh(e, 'kubectl set env deployment/web --list').out).toBe('# deployments/web, container nginx\nB=2\n');
    expect(sh(e, 'kubectl expose deployment web').out).toBe('service/web exposed\n');
    const s = e.session.client()!.get('services', 'default', 'web');
    expect(s.ok && s.object.spec).toMatchObject({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
    expect(sh(e, 'kubectl expose deployment web').err).toBe('Error from server (AlreadyExists): services "web" already exists\n');
  });
});
