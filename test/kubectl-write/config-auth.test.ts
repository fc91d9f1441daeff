import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('kubectl auth can-i (real RBAC through SelfSubjectAccessReview)', () => {
  it('allows the admin, denies a stranger, and follows a RoleBinding', () => {
    const e = createEnvironment({ seed: 1 });
    expect(sh(e, 'kubectl auth can-i create deployments')).toEqual({ out: 'yes\n', err: '', code: 0 });
    expect(sh(e, 'kubectl auth can-i create deployments --as=jane')).toEqual({ out: 'no\n', err: '', code: 1 });
    sh(e, 'kubectl create role dev --verb=get,list,create --resource=deployments.apps');
    sh(e, 'kubectl create rolebinding jane-dev --role=dev --user=jane');
    expect(sh(e, 'kubectl auth can-i create deployments --as=jane').out).toBe('yes\n');
    expect(sh(e, 'kubectl auth can-i delete deployments --as=jane').code).toBe(1);
    expect(sh(e, 'kubectl auth can-i create deployments --as=jane -n kube-system').code).toBe(1);
    expect(sh(e, 'kubectl auth can-i list foos').err).toBe("Warning: the server doesn't have a resource type 'foos'\n");
    expect(sh(e, 'kubectl auth can-i create').err).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
    expect(sh(e, 'kubectl auth whoami').out).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n');
  });
});

describe('kubectl config', () => {
  it('switches namespace for the current context and reports contexts', () => {
    const e = createEnvironment({ seed: 1 });
    const name = e.session.currentContext!;
    expect(sh(e, 'kubectl config current-context').out).toBe(`${name}\n`);
    sh(e, 'kubectl create namespace dev');
    expect(sh(e, 'kubectl config set-context --current --namespace=dev').out).toBe(`Context "${name}" modified.\n`);
    expect(sh(e, 'kubectl create configmap c --dry-run=server -o name').out).toBe('configmap/c\n');
    expect(e.session.namespace()).toBe('dev');
    expect(sh(e, 'kubectl config get-contexts').out).toMatch(new RegExp(`^CURRENT +NAME +CLUSTER +AUTHINFO +NAMESPACE\\n\\* +${name} .* dev\\n$`));
    expect(sh(e, 'kubectl config use-context nope')).toEqual({ out: '', err: 'error: no context exists with the name: "nope"\n', code: 1 });
    expect(sh(e, `kubectl config rename-context ${name} work`).out).toBe(`Context "${name}" renamed to "work".\n`);
    expect(sh(e, 'kubectl config current-context').out).toBe('work\n');
    expect(sh(e, 'kubectl config view').out).toContain('current-context: work\n');
  });

  it('version prints client, kustomize and server versions', () => {
    const e = createEnvironment({ seed: 1 });
    const r = sh(e, 'kubectl version');
    expect(r.out).toMatch(/^Client Version: v1\.32\.4\nKustomize Version: v5\.5\.0\nServer Version: v1\.\d+\.\d+\n$/);
    expect(sh(e, 'kubectl version --client').out).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
    expect(sh(e, 'kubectl cluster-info').out).toMatch(/^Kubernetes control plane is running at https:\/\/.+:443\n/);
  });
});
