import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/cluster/api/types.js';

const c = new Cluster({ seed: 1 });
const create = (resource: string, body: unknown): KObject => {
  const r = c.admin.create(resource, 'default', body);
  if (!r.ok) throw new Error(r.status.message);
  return r.object;
};

const podTemplate = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], ...extra } });

describe('admission defaults', () => {
  it('fills a Deployment as a real cluster shows it (kubectl create deployment web --image=nginx)', () => {
    const d = create('deployments.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(d.metadata!.generation).toBe(1);
  });

  it('DaemonSet, StatefulSet, CronJob and Service defaults', () => {
    const ds = create('daemonsets.apps', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { a: 'ds' } }, template: podTemplate({ a: 'ds' }) } });
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    const ss = create('statefulsets.apps', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { a: 'db' } }, template: podTemplate({ a: 'db' }) } });
    expect(ss.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
    const cj = create('cronjobs.batch', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate({}, { restartPolicy: 'OnFailure' }) } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(svc.spec).toMatchObject({ sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster' });
    const sec = create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { user: 'admin' } });
    expect(sec).toMatchObject({ type: 'Opaque', data: { user: 'YWRtaW4=' } });
    expect(sec.stringData).toBeUndefined();
  });

  it('gives a Job its generated selector and labels, and upstream defaults', () => {
    const job = create('jobs.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: podTemplate({}, { restartPolicy: 'Never' }) } });
    const uid = job.metadata!.uid!;
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' } } },
    });
    const manual = c.admin.create('jobs.batch', 'default', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'm' }, spec: { selector: { matchLabels: { x: 'y' } }, template: podTemplate({ x: 'y' }, { restartPolicy: 'Never' }) } });
    expect(!manual.ok && manual.status.message).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"x":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated');
    const ok = c.admin.create('jobs.batch', 'default', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'm' }, spec: { manualSelector: true, selector: { matchLabels: { x: 'y' } }, template: podTemplate({ x: 'y' }, { restartPolicy: 'Never' }) } });
    expect(ok.ok).toBe(true);
  });
});

describe('immutable fields on update', () => {
  it('a pod may change its image but not its restartPolicy', () => {
    const p = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } });
    const img = c.admin.patch('pods', 'default', 'p', { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, 'strategic');
    expect(img.ok).toBe(true);
    const rp = c.admin.patch('pods', 'default', 'p', { spec: { restartPolicy: 'Never' } }, 'strategic');
    expect(!rp.ok && rp.status.message).toContain(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    void p;
  });

  it('a Deployment selector, a binding roleRef and a PriorityClass value are immutable', () => {
    create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'imm' }, spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate({ a: 'b', c: 'd' }) } });
    const sel = c.admin.patch('deployments.apps', 'default', 'imm', { spec: { selector: { matchLabels: { c: 'd' } } } }, 'merge');
    expect(!sel.ok && sel.status.message).toContain('spec.selector: Invalid value: ');
    expect(!sel.ok && sel.status.message).toContain('field is immutable');
    create('rolebindings.rbac.authorization.k8s.io', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] });
    const rb = c.admin.patch('rolebindings.rbac.authorization.k8s.io', 'default', 'rb', { roleRef: { name: 'edit' } }, 'merge');
    expect(!rb.ok && rb.status.message).toBe('RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef');
    const pc = c.admin.create('priorityclasses.scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    expect(pc.ok).toBe(true);
    const pv = c.admin.patch('priorityclasses.scheduling.k8s.io', undefined, 'high', { value: 5 }, 'merge');
    expect(!pv.ok && pv.status.message).toBe('PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.');
  });
});
