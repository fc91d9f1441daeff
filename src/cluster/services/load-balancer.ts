/** What the service controller needs from a cloud: a frontend for a Service, and its removal. */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';

export interface LoadBalancerStatus {
  ip: string;
  /** Simulated time Azure takes to provision it. */
  provisionMs: number;
}

export interface LoadBalancerProvider {
  /** Create or update the frontend, rules, probes and NSG rules; returns the address or an error. */
  ensure(svc: Service, nodes: string[]): { ok: true; status: LoadBalancerStatus } | { ok: false; reason: string; message: string };
  remove(svc: Service): void;
}

const providers = new WeakMap<Cluster, LoadBalancerProvider>();

export function setLoadBalancerProvider(cluster: Cluster, p: LoadBalancerProvider): void {
  providers.set(cluster, p);
}

export function loadBalancerProviderOf(cluster: Cluster): LoadBalancerProvider | undefined {
  return providers.get(cluster);
}
