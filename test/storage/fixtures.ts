/** Helpers for the storage tests: an AKS world and small object builders. */
import type { Pod, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { createWorld } from '../../src/cluster/profiles/index.js';
import { cloudOf } from '../../src/cluster/cloud/cloud.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { KObject } from '../../src/cluster/api/types.js';

export function aks(seed = 1) {
  const { world, cluster } = createWorld({ seed });
  const cloud = cloudOf(world);
  const mc = cloud.clusters[0]!;
  return { world, cluster, cloud, mc };
}

export function pvc(name: string, o: { size?: string; cls?: string | null; modes?: string[]; volumeName?: string; selector?: Record<string, string> } = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '1Gi' } },
      ...(o.cls !== undefined && o.cls !== null ? { storageClassName: o.cls } : {}),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
      ...(o.selector ? { selector: { matchLabels: o.selector } } : {}),
    },
  };
}

export function pv(name: string, o: { size: string; cls?: string; modes?: string[]; reclaim?: string; labels?: Record<string, string> }): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: o.size },
      accessModes: (o.modes ?? ['ReadWriteOnce']) as never,
      storageClassName: o.cls ?? '',
      persistentVolumeReclaimPolicy: (o.reclaim ?? 'Retain') as never,
      hostPath: { path: `/mnt/${name}` },
    },
  };
}

export function podWith(name: string, claim: string, o: { node?: string; nodeSelector?: Record<string, string> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
    },
  };
}

export function get<T = KObject>(c: Cluster, resource: string, ns: string | undefined, name: string): T | undefined {
  const r = c.admin.get<T>(resource, ns, name);
  return r.ok ? r.object : undefined;
}

export function events(c: Cluster, ns: string, name: string): { reason: string; message: string; type: string; source?: string }[] {
  return c.admin
    .items<{ involvedObject: { name: string }; reason: string; message: string; type: string; source?: { component?: string } }>('events', ns)
    .filter((e) => e.involvedObject.name === name)
    .map((e) => ({ reason: e.reason, message: e.message, type: e.type, source: e.source?.component }));
}
