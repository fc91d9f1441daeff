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
    expect(sh(e, 'kubectl gett pods').err).toBe('Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\n');
    expect(sh(e, 'kubectl lable pods').err).toContain('Did you mean this?\n\tlabel\n');
    expect(sh(e, 'kubectl zzz').err).toBe('Error: unknown command "zzz" for "kubectl"\n');
    expect(sh(e, 'kubectl scale deploy web --replicas=x').err).toBe('Error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n');
    expect(sh(e, 'k create deployment web --image=nginx --foo').err).toBe("Error: unknown flag: --foo\nSee 'kubectl create deployment --help' for usage.\n");
    expect(sh(e, 'kubectl').out).toContain('kubectl controls the Kubernetes cluster manager.');
  });
});
