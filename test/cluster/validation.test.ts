import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';

const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const tmpl = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec } });

/** [what, resource, body, the exact message]. */
const cases: [string, string, unknown, string][] = [
  ['bad name', 'pods', pod('Web', { containers: [{ name: 'c', image: 'nginx' }] }),
    `Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
  ['no containers', 'pods', pod('p', {}), 'Pod "p" is invalid: spec.containers: Required value'],
  ['no image', 'pods', pod('p', { containers: [{ name: 'c' }] }), 'Pod "p" is invalid: spec.containers[0].image: Required value'],
  ['requests over limits', 'pods', pod('p', { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }),
    'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
  ['port range', 'pods', pod('p', { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] }),
    'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  ['restart policy', 'pods', pod('p', { restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'x' }] }),
    'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ['duplicate container', 'pods', pod('p', { containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'y' }] }), 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"'],
  ['deployment surge 0/0', 'deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: tmpl({ a: 'b' }), strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
    'Deployment.apps "d" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
  ['deployment selector mismatch', 'deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: tmpl({ a: 'c' }) } },
    'Deployment.apps "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"a":"c"}: `selector` does not match template `labels`'],
  ['deployment restartPolicy', 'deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: tmpl({ a: 'b' }, { restartPolicy: 'Never' }) } },
    'Deployment.apps "d" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  ['job restartPolicy', 'jobs.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: tmpl({}) } },
    'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
  ['cron schedule', 'cronjobs.batch', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: 'x', jobTemplate: { spec: { template: tmpl({}, { restartPolicy: 'Never' }) } } } },
    'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]'],
  ['cron range', 'cronjobs.batch', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '61 * * * *', jobTemplate: { spec: { template: tmpl({}, { restartPolicy: 'Never' }) } } } },
    'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
  ['service ports', 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' } } }, 'Service "s" is invalid: spec.ports: Required value'],
  ['service port names', 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, name: 'a' }, { port: 81 }] } }, 'Service "s" is invalid: spec.ports[1].name: Required value'],
  ['service name rule', 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } },
    `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`],
  ['configmap key', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x' } },
    `ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
  ['secret base64', 'secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'abc$' } }, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3'],
  ['hpa min max', 'horizontalpodautoscalers.autoscaling', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { minReplicas: 5, maxReplicas: 2, scaleTargetRef: { kind: 'Deployment', name: 'web' } } },
    'HorizontalPodAutoscaler.autoscaling "h" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
  ['role rules', 'roles.rbac.authorization.k8s.io', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ resources: ['pods'], verbs: ['get'] }] },
    'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].apiGroups: Required value: resource rules must supply at least one api group'],
  ['pdb both', 'poddisruptionbudgets.policy', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: 1 } },
    'PodDisruptionBudget.policy "p" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set'],
];

describe('validation messages (422 Invalid, upstream field paths)', () => {
  const c = new Cluster({ seed: 1 });
  it.each(cases)('%s', (_what, resource, body, message) => {
    const before = c.store.revision;
    const r = c.admin.create(resource, 'default', body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status.message).toBe(message);
    expect(c.store.revision).toBe(before);
  });
});
