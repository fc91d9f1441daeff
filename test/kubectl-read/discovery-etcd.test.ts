import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('kubectl api-resources / api-versions', () => {
  it('lists served resources grouped by API group then name, with the kubectl columns', () => {
    const e = createEnvironment({ seed: 1 });
    const out = sh(e, 'kubectl api-resources').out.split('\n');
    expect(out[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(out[1]).toMatch(/^bindings +v1 +true +Binding$/);
    expect(out.find((l) => l.startsWith('pods '))).toMatch(/^pods +po +v1 +true +Pod$/);
    const deploy = out.findIndex((l) => l.startsWith('deployments '));
    const services = out.findIndex((l) => l.startsWith('services '));
    expect(services).toBeLessThan(deploy);
    expect(sh(e, 'kubectl api-resources --api-group=apps -o name').out).toBe('controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n');
    expect(sh(e, 'kubectl api-resources --namespaced=false --api-group= --no-headers').out.split('\n')[0]).toMatch(/^namespaces +ns +v1 +false +Namespace$/);
    expect(sh(e, 'kubectl api-resources -o wide --api-group=batch').out).toMatch(/VERBS +CATEGORIES\ncronjobs +cj +batch\/v1 +true +CronJob +create,delete,deletecollection,get,list,patch,update,watch +all\n/);
    const versions = sh(e, 'kubectl api-versions').out.trim().split('\n');
    expect(versions).toContain('apps/v1');
    expect(versions[versions.length - 1]).toBe('v1');
  });
});

describe('etcdctl get', () => {
  it('reads the store by key and prefix, noting that real etcd holds protobuf', () => {
    const e = createEnvironment({ seed: 1 });
    const keys = sh(e, 'etcdctl get /registry/namespaces --prefix --keys-only');
    expect(keys.out).toBe('/registry/namespaces/default\n\n/registry/namespaces/kube-node-lease\n\n/registry/namespaces/kube-public\n\n/registry/namespaces/kube-system\n\n');
    const one = sh(e, 'etcdctl get /registry/namespaces/default');
    expect(one.err).toMatch(/protobuf/);
    const [key, value] = one.out.trim().split('\n');
    expect(key).toBe('/registry/namespaces/default');
    expect(JSON.parse(value!)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect(sh(e, 'etcdctl get /registry/nope')).toMatchObject({ out: '', code: 0 });
    expect(sh(e, 'etcdctl put /x y').code).toBe(1);
  });
});
