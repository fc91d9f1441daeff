import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

function env() {
  const e = createEnvironment({ seed: 1 });
  const c = e.session.cluster()!;
  // The pods name a scheduler nobody runs, so they stay Pending and unchanged (the tables below are about printing, not scheduling).
  const pod = (name: string, ns = 'default', labels: Record<string, string> = { app: 'web' }) =>
    c.admin.create('pods', ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { schedulerName: 'unassigned-test-scheduler', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  return { e, c, pod };
}

describe('kubectl get', () => {
  it('prints a table, -A adds NAMESPACE, --show-labels and -L decorate rows', () => {
    const { e, c, pod } = env();
    pod('web-1');
    c.admin.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    pod('api-1', 'dev', { app: 'api' });
    c.advance(65_000);
    expect(sh(e, 'kubectl get pods').out).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Pending   0          65s\n');
    // The aks-default profile runs kube-system's pods too; leave them out of this table.
    expect(sh(e, 'kubectl get pods -A --field-selector metadata.namespace!=kube-system').out).toBe('NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE\ndefault     web-1   0/1     Pending   0          65s\ndev         api-1   0/1     Pending   0          65s\n');
    expect(sh(e, 'kubectl get po --show-labels --no-headers').out).toBe('web-1   0/1   Pending   0     65s   app=web\n');
    expect(sh(e, 'kubectl get pods -n dev -L app,tier').out).toBe('NAME    READY   STATUS    RESTARTS   AGE   APP   TIER\napi-1   0/1     Pending   0          65s   api   \n');
  });

  it('prefixes names with kind.group when several types are asked for', () => {
    const { e, pod } = env();
    pod('web-1');
    const r = sh(e, 'kubectl get pods,ns');
    expect(r.out).toMatch(/^NAME {8}READY/);
    expect(r.out).toContain('pod/web-1');
    expect(r.out).toContain('\n\nNAME                        STATUS   AGE\nnamespace/default           Active');
  });

  it('reports errors as kubectl does', () => {
    const { e, pod } = env();
    pod('web-1');
    expect(sh(e, 'kubectl get pod nope')).toMatchObject({ err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(sh(e, 'kubectl get pod nope --ignore-not-found')).toMatchObject({ out: '', err: '', code: 0 });
    expect(sh(e, 'kubectl get foo')).toMatchObject({ err: 'error: the server doesn\'t have a resource type "foo"\n', code: 1 });
    expect(sh(e, 'kubectl get pods -n empty')).toMatchObject({ err: 'No resources found in empty namespace.\n', code: 0 });
    expect(sh(e, 'kubectl get pods -o yam').err).toMatch(/^error: unable to match a printer suitable for the output format "yam", allowed formats are: custom-columns,/);
    expect(sh(e, 'kubectl get pods -l "app in (web"').err).toMatch(/^Error from server \(BadRequest\): unable to parse requirement/);
    expect(sh(e, 'kubectl get pod web-1 pods/x').err).toMatch(/^error: there is no need to specify a resource type as a separate argument/);
  });

  it('-o yaml wraps lists in kind: List and a single name prints the object', () => {
    const { e, pod } = env();
    pod('web-1');
    expect(sh(e, 'kubectl get pods -o yaml').out).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Pod\n[\s\S]*\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    expect(sh(e, 'kubectl get pod web-1 -o yaml').out).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}creationTimestamp: "/);
    expect(sh(e, 'kubectl get pods -n empty -o json').out).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it('--sort-by orders rows; selectors filter on the server', () => {
    const { e, c, pod } = env();
    pod('b', 'default', { app: 'x' });
    c.advance(5000);
    pod('a', 'default', { app: 'y' });
    expect(sh(e, 'kubectl get pods -o name').out).toBe('pod/a\npod/b\n');
    expect(sh(e, 'kubectl get pods --sort-by=.metadata.creationTimestamp -o name').out).toBe('pod/b\npod/a\n');
    expect(sh(e, 'kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers').out).toMatch(/^b .*\na /);
    expect(sh(e, 'kubectl get pods -l app=y -o name').out).toBe('pod/a\n');
    expect(sh(e, 'kubectl get pods --field-selector metadata.name=b -o name').out).toBe('pod/b\n');
  });

  it('-w prints new rows as the clock moves, without a second header', () => {
    const { e, c, pod } = env();
    pod('web-1');
    let out = '';
    const streams: { poll(): void; stop(): void }[] = [];
    e.shell.exec('kubectl get pods -w', { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n'), follow: (s) => streams.push(s) });
    expect(streams).toHaveLength(1);
    c.advance(3000);
    pod('web-2');
    c.admin.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 0 });
    streams[0]!.poll();
    streams[0]!.stop();
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +READY/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['web-1', 'web-2', 'web-1']);
  });
});
