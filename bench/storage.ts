/**
 * Storage on the default AKS world: 1,000 PersistentVolumeClaims on Azure
 * Files (Immediate binding) from create to all Bound, and a StatefulSet of
 * 100 replicas with an Azure Disk claim each (WaitForFirstConsumer, attach,
 * mount) from apply to all Running, on 15 Standard_DS2_v2 nodes (8 data
 * disks each: the default 3 nodes hold only 24 of the replicas). Wall and
 * simulated time; no assertions.
 */
import { createWorld } from '../src/cluster/profiles/index.js';
import { createEnvironment } from '../src/commands/environment.js';
import type { Cluster } from '../src/cluster/cluster.js';

/** Count objects whose predicate holds, from a watch (listing after every timer would dominate the figures). */
function counter(c: Cluster, resource: string, ok: (o: { status?: { phase?: string }; metadata?: { name?: string } }) => boolean): () => number {
  const state = new Map<string, boolean>();
  let n = 0;
  c.admin.watch(resource, undefined, (e) => {
    const name = `${e.object.metadata?.namespace}/${e.object.metadata?.name}`;
    const before = state.get(name) ?? false;
    const now = e.type !== 'DELETED' && ok(e.object as never);
    state.set(name, now);
    n += (now ? 1 : 0) - (before ? 1 : 0);
  });
  return () => n;
}

export function storageBench(): void {
  {
    const { world, cluster: c } = createWorld({ seed: 1 });
    world.advance(60_000);
    const bound = counter(c, 'persistentvolumeclaims', (o) => o.status?.phase === 'Bound');
    const N = 1000;
    const t = performance.now();
    const sim0 = world.clock.now();
    for (let i = 0; i < N; i++) {
      c.admin.create('persistentvolumeclaims', 'default', { metadata: { name: `claim-${i}` }, spec: { accessModes: ['ReadWriteMany'], storageClassName: 'azurefile-csi', resources: { requests: { storage: '1Gi' } } } });
    }
    world.advanceUntil(() => bound() === N, 60 * 60_000);
    console.log(`storage/1000-pvcs-bound: ${(performance.now() - t).toFixed(0)} ms wall, ${((world.clock.now() - sim0) / 1000).toFixed(1)} s simulated (${bound()} Bound)`);
  }
  {
    const env = createEnvironment({ seed: 2 });
    const world = env.world;
    let err = '';
    if (env.shell.exec('az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 -c 15 -o none', { out: () => {}, err: (t) => (err += t) }) !== 0) throw new Error(err);
    const c = world.cluster('myAKSCluster')!;
    world.advance(60_000);
    const running = counter(c, 'pods', (o) => (o.metadata?.name ?? '').startsWith('db-') && o.status?.phase === 'Running');
    const N = 100;
    const t = performance.now();
    const sim0 = world.clock.now();
    c.admin.create('statefulsets.apps', 'default', {
      metadata: { name: 'db' },
      spec: {
        replicas: N,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'busybox', command: ['sh', '-c', 'date >> /data/log; sleep 3600'], resources: { requests: { cpu: '10m', memory: '16Mi' } }, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '4Gi' } } } }],
        podManagementPolicy: 'Parallel',
      },
    });
    world.advanceUntil(() => running() === N, 2 * 60 * 60_000);
    console.log(`storage/statefulset-100-claims-running: ${(performance.now() - t).toFixed(0)} ms wall, ${((world.clock.now() - sim0) / 1000).toFixed(1)} s simulated (${running()} Running)`);
  }
}
