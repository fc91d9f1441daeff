import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toGoYaml, goKeyLess } from '../../src/commands/kubectl/output/yaml.js';
import { toGoJson } from '../../src/commands/kubectl/output/json.js';
import { executeJsonPath, parseJsonPathTemplate } from '../../src/commands/kubectl/output/jsonpath.js';
import { customColumnRows, parseCustomColumns } from '../../src/commands/kubectl/output/custom-columns.js';
import { executeGoTemplate, parseGoTemplate } from '../../src/commands/kubectl/output/go-template.js';

const KUBECTL = '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);
const kubectl = (...args: string[]) => execFileSync(KUBECTL, args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });

describe('-o yaml / -o json match real kubectl byte for byte', () => {
  const generators: string[][] = [
    ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80'],
    ['create', 'configmap', 'cfg', '--from-literal=a=true', '--from-literal=b=80', '--from-literal=c=', '--from-literal=d=x: y', '--from-literal=e=*', '--from-literal=f=2024-01-01T00:00:00Z', '--from-literal=g=tab\there', '--from-literal=h=multi\nline\n', '--from-literal=i=it\'s a long value that goes past the eighty column limit of the go yaml emitter for sure'],
    ['create', 'secret', 'generic', 's', '--from-literal=password=hunter2'],
    ['create', 'job', 'j', '--image=busybox', '--', 'sh', '-c', 'echo hello; sleep 5'],
    ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *'],
    ['create', 'service', 'nodeport', 'np', '--tcp=80:8080'],
    ['create', 'ingress', 'ing', '--rule=foo.com/bar*=svc:8080,tls=my-cert'],
    ['create', 'quota', 'q', '--hard=cpu=1,memory=1G,pods=2'],
    ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%'],
    ['create', 'clusterrolebinding', 'crb', '--clusterrole=view', '--user=alice', '--serviceaccount=default:sa'],
  ];
  it.skipIf(!hasKubectl).each(generators.map((g) => [g.slice(0, 3).join(' '), g]))('%s', (_label, g) => {
    const at = g.indexOf('--') < 0 ? g.length : g.indexOf('--');
    const withFlags = (o: string) => [...g.slice(0, at), '--dry-run=client', '-o', o, ...g.slice(at)];
    const json = kubectl(...withFlags('json'));
    const yaml = kubectl(...withFlags('yaml'));
    const obj = JSON.parse(json) as unknown;
    expect(toGoYaml(obj)).toBe(yaml);
    // kubectl's typed objects print JSON in struct order; ours are unstructured (sorted), as `kubectl get -o json` is.
    expect(JSON.parse(toGoJson(obj))).toEqual(obj);
  });

  it('orders keys as go-yaml does: digit runs as numbers, non-letters first', () => {
    const keys = ['b', 'a10', 'a2', 'A', 'a.b', 'a', 'a-b', 'aB'];
    expect([...keys].sort((x, y) => (goKeyLess(x, y) ? -1 : goKeyLess(y, x) ? 1 : 0))).toEqual(['A', 'a', 'a-b', 'a.b', 'a2', 'a10', 'aB', 'b']);
  });

  it('wraps lists as kind: List with an empty resourceVersion and escapes like Go', () => {
    expect(toGoJson({ kind: 'List', items: [], apiVersion: 'v1', metadata: { resourceVersion: '' }, x: '<a&b>' })).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    },\n    "x": "\\u003ca\\u0026b\\u003e"\n}\n',
    );
  });
});

const list = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'w' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] }, status: { phase: 'Running', podIP: '10.244.0.5' } },
    { metadata: { name: 'db-0', labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] }, status: { phase: 'Pending' } },
  ],
};

function jp(t: string, data: unknown = list): string {
  const p = parseJsonPathTemplate(t);
  if (!p.ok) return p.error;
  return executeJsonPath(p.nodes, data);
}

describe('jsonpath templates', () => {
  it.each([
    ['{.items[*].metadata.name}', 'web-1 db-0'],
    ['{.items[0].spec.containers[*].image}', 'nginx redis'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'web-1\tRunning\ndb-0\tPending\n'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'web-1'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'w'],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'w'],
    ['{.items[1].metadata.labels}', '{"app":"db"}'],
    ['{.items[*].status.missing}', ''],
    ['name: {.items[1].metadata.name}', 'name: db-0'],
    ['{..image}', 'nginx redis postgres:16'],
    ['{.items[-1:].metadata.name}', 'db-0'],
    ['{range .items[*]}[{range .spec.containers[*]}{.name},{end}]{end}', '[a,b,][pg,]'],
  ])('%s', (t, want) => expect(jp(t)).toBe(want));

  it('reports an unclosed action as kubectl does', () => {
    expect(jp('{.items[*].metadata.name')).toBe('error parsing jsonpath {.items[*].metadata.name, unclosed action');
  });
});

describe('custom-columns', () => {
  it('prints <none> for missing values, joins several with commas and maps as Go does', () => {
    const p = parseCustomColumns('NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP,LABELS:metadata.labels');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(customColumnRows(p.columns, list.items, false)).toEqual([
      ['NAME', 'IMAGES', 'IP', 'LABELS'],
      ['web-1', 'nginx,redis', '10.244.0.5', 'map[app:web app.kubernetes.io/name:w]'],
      ['db-0', 'postgres:16', '<none>', 'map[app:db]'],
    ]);
  });
  it('rejects a spec without a header', () => {
    expect(parseCustomColumns('.metadata.name')).toEqual({ ok: false, error: 'error: unexpected custom-columns spec: .metadata.name, expected <header>:<json-path-expr>' });
  });
});

describe('go-template', () => {
  it.each([
    ['{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', 'web-1\ndb-0\n'],
    ['{{len .items}}', '2'],
    ['{{(index .items 0).metadata.name}}', 'web-1'],
    ['{{range .items}}{{if eq .status.phase "Running"}}{{.metadata.name}}{{end}}{{end}}', 'web-1'],
    ['{{.nope}}', '<no value>'],
    ['{{index .items 1 | printf "%v"}}', 'map[metadata:map[labels:map[app:db] name:db-0] spec:map[containers:[map[image:postgres:16 name:pg]]] status:map[phase:Pending]]'],
    ['{{- range .items -}} {{ .metadata.name }} {{- end}}', 'web-1db-0'],
  ])('%s', (t, want) => {
    const p = parseGoTemplate(t);
    expect(p.ok).toBe(true);
    if (p.ok) expect(executeGoTemplate(p.nodes, list)).toBe(want);
  });
});
