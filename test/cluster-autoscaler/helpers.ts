/** Shared setup for the cluster-autoscaler tests: a cluster with an autoscaled user pool, pods that request CPU, and readers. */
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { cloudOf } from '../../src/cluster/cloud/cloud.js';
import type { AgentPool, ManagedCluster } from '../../src/cluster/cloud/types.js';
import type { KObject } from '../../src/cluster/api/types.js';
import { clusterAutoscalerOf, type ClusterAutoscaler } from '../../src/cluster/autoscaling/cluster-autoscaler/index.js';

export function env(seed = 1): Environment {
  return createEnvironment({ seed });
}

export function ok(e: Environment, line: string): string {
  const r = sh(e, line);
  if (r.code !== 0) throw new Error(`${line}\nexit ${r.code}\n${r.err}`);
  return r.out;
}

export function run(e: Environment, line: string) {
  return sh(e, line);
}

export function mc(e: Environment): ManagedCluster {
  return cloudOf(e.world).cluster('myResourceGroup', 'myAKSCluster')!;
}

export function pool(e: Environment, name = 'userpool'): AgentPool {
  return mc(e).pools.find((p) => p.name === name)!;
}

export function ca(e: Environment): ClusterAutoscaler {
  return clusterAutoscalerOf(mc(e).cluster)!;
}

/** Add `userpool` (Standard_DS2_v2: 1900m allocatable) with the autoscaler on, nodes labelled pool=user. */
export function userPool(e: Environment, min: number, max: number, count = min, extra = ''): void {
  ok(e, `az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n userpool -c ${count} --labels pool=user --enable-cluster-autoscaler --min-count ${min} --max-count ${max} -o none ${extra}`);
}

/** A deployment whose pods only fit the user pool (nodeSelector pool=user) and request `cpu`. */
export function deployment(name: string, replicas: number, cpu = '700m', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...((extra.podMeta as object) ?? {}) },
        spec: { nodeSelector: { pool: 'user' }, containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu, memory: '128Mi' } } }], ...((extra.podSpec as object) ?? {}) },
      },
    },
  });
}

export function apply(e: Environment, json: string): void {
  const r = sh(e, 'kubectl apply -f -', json);
  if (r.code !== 0) throw new Error(r.err);
}

export function userNodes(e: Environment): string[] {
  return mc(e).cluster.admin.items<KObject>('nodes', undefined, { labelSelector: 'agentpool=userpool' }).map((n) => n.metadata!.name!).sort();
}

export function pods(e: Environment, selector: string): (KObject & { spec: { nodeName?: string }; status: { phase: string } })[] {
  return mc(e).cluster.admin.items('pods', 'default', { labelSelector: selector });
}

export function events(e: Environment, reason: string): { message: string; involvedObject: { name: string; kind: string } }[] {
  return mc(e).cluster.admin.items<KObject & { reason: string; message: string; involvedObject: { name: string; kind: string } }>('events').filter((x) => x.reason === reason);
}

export function advance(e: Environment, ms: number): void {
  e.world.advance(ms);
}
