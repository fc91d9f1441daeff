/**
 * The cloud-controller-manager's service controller: a LoadBalancer Service
 * gets a cloud load balancer (its address shows `<pending>` until Azure has
 * provisioned it), a cleanup finalizer, and the events upstream emits
 * (EnsuringLoadBalancer, EnsuredLoadBalancer, DeletingLoadBalancer,
 * DeletedLoadBalancer). Without a cloud provider the address stays pending,
 * as on a cluster with none.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { loadBalancerProviderOf } from './load-balancer.js';

export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

export class ServiceController implements Controller {
  readonly name = 'service-controller';
  private ctx!: ControllerContext;
  private services!: Informer<Service & KObject>;
  /** When a pending frontend becomes ready (simulated ms), per service key. */
  private readyAt = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.services = ctx.informers.for('services');
    this.services.on((_t, s) => ctx.queue.add(`${s.metadata!.namespace}/${s.metadata!.name}`));
  }

  reconcile(key: string): ReconcileResult {
    const [ns, name] = key.split('/') as [string, string];
    const svc = this.services.getNs(ns, name);
    if (!svc) return;
    const provider = loadBalancerProviderOf(this.cluster);
    const c = this.ctx.client;
    const wantsLb = svc.spec?.type === 'LoadBalancer' && !svc.metadata?.deletionTimestamp;
    const hasFinalizer = (svc.metadata?.finalizers ?? []).includes(LB_FINALIZER);
    if (!wantsLb) {
      if (hasFinalizer || (svc.status?.loadBalancer?.ingress ?? []).length > 0) {
        this.ctx.events.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
        provider?.remove(svc);
        this.readyAt.delete(key);
        if ((svc.status?.loadBalancer?.ingress ?? []).length > 0 && !svc.metadata?.deletionTimestamp) c.updateStatus('services', ns, name, { ...svc, status: { loadBalancer: {} } });
        if (hasFinalizer) c.patch('services', ns, name, { metadata: { finalizers: (svc.metadata?.finalizers ?? []).filter((f) => f !== LB_FINALIZER), resourceVersion: svc.metadata?.resourceVersion } }, 'merge');
        this.ctx.events.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
      }
      return;
    }
    if (!provider) return;
    if (!hasFinalizer) {
      c.patch('services', ns, name, { metadata: { finalizers: [...(svc.metadata?.finalizers ?? []), LB_FINALIZER] } }, 'merge');
      return;
    }
    const current = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    const now = this.ctx.clock.now();
    if (!this.readyAt.has(key) && !current) {
      this.ctx.events.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    }
    const nodes = this.cluster.store.list('/registry/minions').map((e) => e.value.metadata!.name!);
    const r = provider.ensure(svc, nodes);
    if (!r.ok) {
      this.ctx.events.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${r.message}`);
      return { error: r.message };
    }
    if (current === r.status.ip) return;
    const due = this.readyAt.get(key) ?? now + r.status.provisionMs;
    this.readyAt.set(key, due);
    if (now < due) return { requeueAfterMs: due - now };
    this.readyAt.delete(key);
    c.updateStatus('services', ns, name, { ...svc, status: { loadBalancer: { ingress: [{ ip: r.status.ip, ipMode: 'VIP' }] } } });
    this.ctx.events.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    this.ctx.trace.note('cloud-controller-manager', `Azure load balancer frontend ${r.status.ip} ready for service ${ns}/${name}`, [`services/${ns}/${name}`]);
  }
}
