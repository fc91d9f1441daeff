import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { bareEnv, runPod, setReady, startDns } from './fixtures.js';
import { request, podClient } from '../../src/cluster/services/traffic.js';
import { resolve } from '../../src/cluster/services/dns.js';
import { setNetwork } from '../../src/cluster/services/network-config.js';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import type { Cluster } from '../../src/cluster/cluster.js';

const svc = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });

function slices(cluster: Cluster, name: string): EndpointSlice[] {
  return cluster.admin.items<EndpointSlice>('endpointslices.discovery.k8s.io', 'default', { labelSelector: `kubernetes.io/service-name=${name}` });
}

function client(cluster: Cluster, pod: string) {
  const p = cluster.admin.get('pods', 'default', pod);
  if (!p.ok) throw new Error(`no pod ${pod}`);
  return podClient(p.object as never);
}

describe('Service API', () => {
  it('allocates a ClusterIP from 10.0.0.0/16, never 10.0.0.1 or the DNS IP, and NodePorts from 30000-32767', () => {
    const { cluster } = bareEnv();
    const r = cluster.admin.create('services', 'default', svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(r.ok).toBe(true);
    const s = (r as any).object.spec;
    expect(s.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(['10.0.0.1', '10.0.0.10']).not.toContain(s.clusterIP);
    expect(s.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(s.ports[0].targetPort).toBe(80);
    const k = cluster.admin.get('services', 'default', 'kubernetes');
    expect((k as any).object.spec.clusterIP).toBe('10.0.0.1');
  });

  it('rejects taken and out-of-range NodePorts with upstream messages and changes nothing', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    const rev = cluster.store.revision;
    const taken = cluster.admin.create('services', 'default', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(!taken.ok && taken.status.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const range = cluster.admin.create('services', 'default', svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }));
    expect(!range.ok && range.status.message).toBe('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(cluster.store.revision).toBe(rev);
  });

  it('reports a full ClusterIP range as upstream does', () => {
    const { cluster } = bareEnv();
    setNetwork(cluster, { serviceCidr: '10.0.0.0/29', dnsServiceIP: '10.0.0.6' });
    const results = ['s1', 's2', 's3', 's4', 's5'].map((n) => cluster.admin.create('services', 'default', svc(n, { ports: [{ port: 80 }] })));
    // /29: .1 kubernetes (already taken), .6 DNS reserved, .7 broadcast → .2 .3 .4 .5 free.
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    const last = results[4]!;
    expect(!last.ok && last.status.message).toBe('Internal error occurred: failed to allocate a serviceIP: range is full');
  });
});

describe('EndpointSlices and Endpoints', () => {
  it('follow readiness: a pod failing readiness leaves the ready set and stops receiving requests', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a' });
    runPod(cluster, 'web-2', { labels: { app: 'web' }, node: 'node-b' });
    runPod(cluster, 'client', { labels: { app: 'client' }, node: 'node-c', image: 'busybox' });
    cluster.advance(2000);
    const s = slices(cluster, 'web')[0]!;
    expect(s.endpoints!.map((e) => e.conditions!.ready)).toEqual([true, true]);
    expect(s.endpoints!.map((e) => e.targetRef!.name)).toEqual(['web-1', 'web-2']);
    const ep = cluster.admin.get('endpoints', 'default', 'web') as any;
    expect(ep.object.subsets[0].addresses).toHaveLength(2);
    setReady(cluster, 'web-2', false);
    cluster.advance(2000);
    expect(slices(cluster, 'web')[0]!.endpoints!.find((e) => e.targetRef!.name === 'web-2')!.conditions!.ready).toBe(false);
    expect((cluster.admin.get('endpoints', 'default', 'web') as any).object.subsets[0].notReadyAddresses[0].targetRef.name).toBe('web-2');
    const ip = (cluster.admin.get('services', 'default', 'web') as any).object.spec.clusterIP;
    const hits = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const r = request(cluster, client(cluster, 'client'), `http://${ip}/`);
      expect(r.ok).toBe(true);
      if (r.ok) hits.add(r.pod.metadata!.name!);
    }
    expect([...hits]).toEqual(['web-1']);
  });

  it('follow pod changes that matter: relabelled pods move between Services, a deleted pod leaves, a status write without an endpoint change writes nothing', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('blue', { selector: { app: 'web', color: 'blue' }, ports: [{ port: 80 }] }));
    cluster.admin.create('services', 'default', svc('green', { selector: { color: 'green', app: 'web' }, ports: [{ port: 80 }] }));
    cluster.admin.create('services', 'default', svc('all', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'web-1', { labels: { app: 'web', color: 'blue' }, node: 'node-a' });
    runPod(cluster, 'web-2', { labels: { app: 'web', color: 'green' }, node: 'node-b' });
    cluster.advance(2000);
    const names = (svcName: string) => slices(cluster, svcName).flatMap((x) => (x.endpoints ?? []).map((e) => e.targetRef!.name));
    const addresses = (svcName: string) => ((cluster.admin.get('endpoints', 'default', svcName) as any).object.subsets?.[0]?.addresses ?? []).map((a: any) => a.targetRef.name);
    expect([names('blue'), names('green'), names('all')]).toEqual([['web-1'], ['web-2'], ['web-1', 'web-2']]);
    const pod = (cluster.admin.get('pods', 'default', 'web-1') as any).object;
    cluster.admin.update('pods', 'default', 'web-1', { ...pod, metadata: { ...pod.metadata, labels: { app: 'web', color: 'green' } } });
    cluster.advance(2000);
    expect([names('blue'), names('green'), names('all')]).toEqual([[], ['web-1', 'web-2'], ['web-1', 'web-2']]);
    expect([addresses('blue'), addresses('green')]).toEqual([[], ['web-1', 'web-2']]);
    const rv = slices(cluster, 'green')[0]!.metadata!.resourceVersion;
    const cur = (cluster.admin.get('pods', 'default', 'web-2') as any).object;
    cluster.admin.updateStatus('pods', 'default', 'web-2', { ...cur, status: { ...cur.status, containerStatuses: [{ ...cur.status.containerStatuses[0], restartCount: 1 }] } });
    cluster.advance(2000);
    expect(slices(cluster, 'green')[0]!.metadata!.resourceVersion).toBe(rv);
    // Deleting (no kubelet here to finish it): terminating in the slice, gone from Endpoints.
    cluster.admin.delete('pods', 'default', 'web-2');
    cluster.advance(2000);
    const terminating = (svcName: string) => slices(cluster, svcName).flatMap((x) => (x.endpoints ?? []).filter((e) => e.conditions?.terminating).map((e) => e.targetRef!.name));
    expect([terminating('green'), terminating('all'), addresses('all')]).toEqual([['web-2'], ['web-2'], ['web-1']]);
  });

  it('put back a managed slice someone else edits or deletes (its own writes are not synced twice)', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a' });
    cluster.advance(2000);
    const s = slices(cluster, 'web')[0]!;
    cluster.admin.update('endpointslices.discovery.k8s.io', 'default', s.metadata!.name!, { ...s, endpoints: [] });
    cluster.advance(2000);
    expect(slices(cluster, 'web').map((x) => x.endpoints?.map((e) => e.targetRef?.name))).toEqual([['web-1']]);
    cluster.admin.delete('endpointslices.discovery.k8s.io', 'default', s.metadata!.name!);
    cluster.advance(2000);
    expect(slices(cluster, 'web').map((x) => x.endpoints?.map((e) => e.targetRef?.name))).toEqual([['web-1']]);
  });

  it('keep at most 100 endpoints per slice', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('big', { selector: { app: 'big' }, ports: [{ port: 80 }] }));
    for (let i = 0; i < 150; i++) runPod(cluster, `big-${i}`, { labels: { app: 'big' }, node: 'node-a' });
    cluster.advance(2000);
    expect(slices(cluster, 'big').map((s) => s.endpoints!.length).sort()).toEqual([100, 50]);
  });
});

describe('traffic', () => {
  it('spreads requests over ready endpoints (seeded) and sticks with ClientIP affinity', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    cluster.admin.create('services', 'default', svc('sticky', { selector: { app: 'web' }, ports: [{ port: 80 }], sessionAffinity: 'ClientIP' }));
    for (const n of ['a', 'b', 'c']) runPod(cluster, `web-${n}`, { labels: { app: 'web' }, node: `node-${n}` });
    runPod(cluster, 'client', { labels: {}, node: 'node-a', image: 'busybox' });
    cluster.advance(2000);
    const ip = (name: string) => (cluster.admin.get('services', 'default', name) as any).object.spec.clusterIP;
    const spread = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const r = request(cluster, client(cluster, 'client'), `http://${ip('web')}/`);
      if (r.ok) spread.set(r.pod.metadata!.name!, (spread.get(r.pod.metadata!.name!) ?? 0) + 1);
    }
    expect([...spread.keys()].sort()).toEqual(['web-a', 'web-b', 'web-c']);
    const sticky = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = request(cluster, client(cluster, 'client'), `http://${ip('sticky')}/`);
      if (r.ok) sticky.add(r.pod.metadata!.name!);
    }
    expect(sticky.size).toBe(1);
  });

  it('externalTrafficPolicy: Local only reaches endpoints on the node the request entered', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('local', { type: 'NodePort', selector: { app: 'web' }, externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 31000 }] }));
    runPod(cluster, 'web-a', { labels: { app: 'web' }, node: 'node-a' });
    runPod(cluster, 'web-b', { labels: { app: 'web' }, node: 'node-b' });
    cluster.advance(2000);
    const fromNode = (node: string) => ({ kind: 'node' as const, ip: '10.224.0.99', node, namespace: 'default' });
    for (let i = 0; i < 10; i++) {
      const r = request(cluster, fromNode('node-c'), 'http://10.224.0.4:31000/');
      expect(r.ok && r.pod.metadata!.name).toBe('web-a');
    }
    const none = request(cluster, fromNode('node-a'), 'http://10.224.0.6:31000/');
    expect(none.ok).toBe(false);
  });

  it('resolves names through CoreDNS: ClusterIP, headless pod IPs, ExternalName CNAME, and fails without DNS', () => {
    const { cluster } = bareEnv();
    runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a' });
    const ip2 = runPod(cluster, 'web-2', { labels: { app: 'web' }, node: 'node-b' });
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    cluster.admin.create('services', 'default', svc('web-headless', { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    cluster.admin.create('services', 'default', svc('db', { type: 'ExternalName', externalName: 'mydb.example.com' }));
    cluster.advance(2000);
    expect(resolve(cluster, 'web', 'default').kind).toBe('TIMEOUT');
    startDns(cluster);
    cluster.advance(2000);
    const a = resolve(cluster, 'web', 'default');
    expect(a).toMatchObject({ kind: 'A', name: 'web.default.svc.cluster.local' });
    const h = resolve(cluster, 'web-headless.default', 'other');
    expect(h.kind === 'A' && h.ips).toContain(ip2);
    expect(h.kind === 'A' && h.ips).toHaveLength(2);
    expect(resolve(cluster, 'db', 'default')).toEqual({ kind: 'CNAME', name: 'db.default.svc.cluster.local', target: 'mydb.example.com' });
    expect(resolve(cluster, 'nope', 'default').kind).toBe('NXDOMAIN');
    const r = request(cluster, client(cluster, 'web-1'), 'http://web/');
    expect(r.ok && r.response.body).toContain('Welcome to nginx!');
  });

  it('enforces NetworkPolicy only with a policy engine: default deny blocks, an allow rule opens', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('api', { selector: { app: 'api' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'api-1', { labels: { app: 'api' }, node: 'node-a' });
    runPod(cluster, 'frontend', { labels: { role: 'frontend' }, node: 'node-b', image: 'busybox' });
    runPod(cluster, 'other', { labels: { role: 'other' }, node: 'node-b', image: 'busybox' });
    cluster.admin.create('networkpolicies.networking.k8s.io', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    cluster.advance(2000);
    const ip = (cluster.admin.get('services', 'default', 'api') as any).object.spec.clusterIP;
    expect(request(cluster, client(cluster, 'other'), `http://${ip}/`).ok).toBe(true); // stored, not enforced (policy: none)
    setNetwork(cluster, { networkPolicy: 'azure' });
    const denied = request(cluster, client(cluster, 'frontend'), `http://${ip}/`);
    expect(denied.ok).toBe(false);
    expect(denied.hops.at(-1)).toContain('dropped by NetworkPolicy: deny-all');
    cluster.admin.create('networkpolicies.networking.k8s.io', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-frontend' }, spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 80 }] }] } });
    expect(request(cluster, client(cluster, 'frontend'), `http://${ip}/`).ok).toBe(true);
    expect(request(cluster, client(cluster, 'other'), `http://${ip}/`).ok).toBe(false);
  });

  it('follows kube-proxy rules as last synced, not the API: syncs are at most once per second', () => {
    const { cluster } = bareEnv();
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a' });
    runPod(cluster, 'client', { labels: {}, node: 'node-b', image: 'busybox' });
    cluster.advance(2000);
    const ip = (cluster.admin.get('services', 'default', 'web') as any).object.spec.clusterIP;
    expect(request(cluster, client(cluster, 'client'), `http://${ip}/`).ok).toBe(true);
    // A change after a quiet second is programmed at once…
    setReady(cluster, 'web-1', false);
    cluster.runUntilIdle();
    const down = request(cluster, client(cluster, 'client'), `http://${ip}/`);
    expect(!down.ok && down.message).toContain("Couldn't connect to server");
    // …but the next one waits for minSyncPeriod: traffic still follows the old rules.
    setReady(cluster, 'web-1', true);
    cluster.runUntilIdle();
    expect(request(cluster, client(cluster, 'client'), `http://${ip}/`).ok).toBe(false);
    cluster.advance(1000);
    expect(request(cluster, client(cluster, 'client'), `http://${ip}/`).ok).toBe(true);
  });
});

describe('LoadBalancer on Azure', () => {
  it('gets a public IP after a pending period, with an LB rule, probe and NSG rule, all removed on delete', () => {
    const env = createEnvironment({ seed: 4 });
    const cluster = env.session.cluster()!;
    cluster.admin.create('services', 'default', svc('public', { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80 }] }));
    env.world.advance(5000);
    expect((cluster.admin.get('services', 'default', 'public') as any).object.status.loadBalancer).toEqual({});
    env.world.advance(10_000);
    const s = (cluster.admin.get('services', 'default', 'public') as any).object;
    const ip = s.status.loadBalancer.ingress[0].ip;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const res = env.world.cloud!.resources;
    const fe = `a${s.metadata.uid.replace(/-/g, '')}`;
    expect(res.find((r) => r.name === `kubernetes-${fe}`)?.properties?.ipAddress).toBe(ip);
    const lb = res.find((r) => r.name === 'kubernetes' && r.type === 'Microsoft.Network/loadBalancers')!;
    expect((lb.properties as any).loadBalancingRules.map((r: any) => r.name)).toContain(`${fe}-TCP-80`);
    const nsg = res.find((r) => r.type === 'Microsoft.Network/networkSecurityGroups')!;
    expect((nsg.properties as any).securityRules.some((r: any) => r.destinationAddressPrefix === ip && r.destinationPortRange === '80')).toBe(true);
    const events = cluster.admin.items('events', 'default').map((e: any) => e.reason);
    expect(events).toEqual(expect.arrayContaining(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']));
    sh(env, 'kubectl delete service public');
    env.world.advance(5000);
    expect(cluster.admin.get('services', 'default', 'public').ok).toBe(false);
    expect(env.world.cloud!.resources.some((r) => r.name === `kubernetes-${fe}`)).toBe(false);
    expect((lb.properties as any).loadBalancingRules).toHaveLength(0);
    expect((nsg.properties as any).securityRules.some((r: any) => r.destinationAddressPrefix === ip)).toBe(false);
  });

  it('gives an internal load balancer an address from the node subnet', () => {
    const env = createEnvironment({ seed: 4 });
    const cluster = env.session.cluster()!;
    cluster.admin.create('services', 'default', svc('internal', { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80 }] }, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }));
    env.world.advance(20_000);
    const ip = (cluster.admin.get('services', 'default', 'internal') as any).object.status.loadBalancer.ingress[0].ip;
    expect(ip).toMatch(/^10\.224\./);
    expect(env.world.cloud!.resources.some((r) => r.name === 'kubernetes-internal')).toBe(true);
  });
});

describe('network tools in pods', () => {
  it('curl, wget and nslookup answer as the tools do, and only where the image ships them', async () => {
    const { runPodTool, withPodTools } = await import('../../src/cluster/services/pod-tools.js');
    const { cluster } = bareEnv();
    startDns(cluster);
    cluster.admin.create('services', 'default', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(cluster, 'web-1', { labels: { app: 'web' }, node: 'node-a' });
    runPod(cluster, 'bb', { labels: {}, node: 'node-b', image: 'busybox' });
    cluster.advance(2000);
    const bb = (cluster.admin.get('pods', 'default', 'bb') as any).object;
    const w = runPodTool(cluster, bb, ['wget', '-qO-', 'http://web']);
    expect(w.exitCode).toBe(0);
    expect(w.stdout).toContain('<title>Welcome to nginx!</title>');
    const ns = runPodTool(cluster, bb, ['nslookup', 'web']);
    expect(ns.stdout).toMatch(/^Server:\t\t10\.0\.0\.10\nAddress:\t10\.0\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.0\.\d+\.\d+\n/);
    const bad = runPodTool(cluster, bb, ['wget', '-qO-', 'http://nope']);
    expect(bad).toMatchObject({ exitCode: 1, stderr: "wget: bad address 'nope'\n" });
    const c = runPodTool(cluster, bb, ['curl', 'http://web:8080/']);
    // No rule for that port on the ClusterIP: the packets go nowhere, curl times out.
    expect(c.stderr).toMatch(/^curl: \(28\) Failed to connect to 10\.0\.\d+\.\d+ port 8080/);
    // busybox has no curl: the kubelet's runtime answers for it.
    let delegated = '';
    const conn = withPodTools(cluster, { logs: () => ({ ok: true, text: '' }), exec: (_n, _p, _q, cmd) => ((delegated = cmd.join(' ')), { ok: true, stdout: '', stderr: 'not found', exitCode: 127 }) });
    conn.exec('default', 'bb', {}, ['curl', 'http://web']);
    expect(delegated).toBe('curl http://web');
    const viaTool = conn.exec('default', 'bb', {}, ['wget', '-qO-', 'http://web']);
    expect(viaTool.ok && viaTool.stdout).toContain('Welcome to nginx!');
  });
});
