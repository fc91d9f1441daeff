import { describe, expect, it } from 'vitest';
import { env, mc, nodes, ok } from './helpers.js';
import type { KObject } from '../../src/cluster/api/types.js';

type Pod = KObject & { spec: { containers: { env?: { name: string; value?: string }[]; volumeMounts?: { mountPath: string }[] }[]; volumes?: { name: string; projected?: unknown }[] } };

describe('workload identity', () => {
  it('injects the AZURE_* variables and the projected token into labelled pods once enabled', () => {
    const e = env();
    const c = mc(e);
    const mkPod = (name: string) =>
      c.cluster.admin.create<Pod>('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { 'azure.workload.identity/use': 'true' } },
        spec: { serviceAccountName: 'app', containers: [{ name: 'c', image: 'nginx' }] },
      });
    c.cluster.admin.create('serviceaccounts', 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', annotations: { 'azure.workload.identity/client-id': '00000000-1111-2222-3333-444444444444' } } });
    const before = mkPod('before');
    expect(before.ok && before.object.spec.containers[0]!.env).toBeFalsy();
    ok(e, 'az aks update -g myResourceGroup -n myAKSCluster --enable-oidc-issuer --enable-workload-identity -o none');
    const r = mkPod('after');
    expect(r.ok).toBe(true);
    const pod = r.ok ? r.object : undefined;
    const envs = Object.fromEntries(pod!.spec.containers[0]!.env!.map((x) => [x.name, x.value]));
    expect(envs).toMatchObject({ AZURE_CLIENT_ID: '00000000-1111-2222-3333-444444444444', AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/' });
    expect(pod!.spec.volumes!.find((v) => v.name === 'azure-identity-token')?.projected).toMatchObject({ sources: [{ serviceAccountToken: { audience: 'api://AzureADTokenExchange', expirationSeconds: 3600 } }] });
    expect(JSON.parse(ok(e, 'az aks show -g myResourceGroup -n myAKSCluster --query oidcIssuerProfile.enabled'))).toBe(true);
  });
});

describe('node auto-repair', () => {
  it('reboots a node NotReady for 5 minutes, with aks-auto-repair events', () => {
    const e = env();
    const c = mc(e);
    const inst = c.pools[0]!.instances[0]!;
    inst.kubelet!.stop();
    const ready = () => nodes(c).find((n) => n.metadata.name === inst.name)!.status as unknown as { conditions: { type: string; status: string }[] };
    const isReady = () => ready().conditions.some((x) => x.type === 'Ready' && x.status === 'True');
    expect(e.world.advanceUntil(() => !isReady(), 10 * 60_000)).toBe(true);
    expect(e.world.advanceUntil(isReady, 20 * 60_000)).toBe(true);
    const reasons = c.cluster.admin.items<KObject & { reason: string; source?: { component?: string } }>('events', 'default').filter((ev) => ev.source?.component === 'aks-auto-repair').map((ev) => ev.reason);
    expect(reasons).toEqual(['NodeRebootStart', 'NodeRebootEnd']);
  });
});
