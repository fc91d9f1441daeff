/**
 * The legacy Endpoints controller: one Endpoints object per Service with a
 * selector, ready addresses and notReadyAddresses per port set, truncated at
 * 1,000 addresses with the upstream annotation. (Endpoints is deprecated in
 * favour of EndpointSlices, but kubectl and learners still read it.)
 */
import type { EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';
import { endpointsFor, ServicePods, targetPortOn } from './endpoints-util.js';

export const MAX_ENDPOINTS = 1000;

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  private ctx!: ControllerContext;
  private services!: Informer<Service & KObject>;
  private pods!: Informer<Pod & KObject>;
  private byService!: ServicePods;
  private endpoints!: Informer<Endpoints & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.services = ctx.informers.for('services');
    this.pods = ctx.informers.for('pods');
    this.endpoints = ctx.informers.for('endpoints');
    this.services.on((_t, s) => ctx.queue.add(`${s.metadata!.namespace}/${s.metadata!.name}`));
    this.byService = new ServicePods(this.services, this.pods);
    this.pods.on((type, p, old) => {
      for (const k of this.byService.servicesFor(type, p, old)) ctx.queue.add(k);
    });
  }

  reconcile(key: string): ReconcileResult {
    const [ns, name] = key.split('/') as [string, string];
    const svc = this.services.getNs(ns, name);
    const cur = this.endpoints.getNs(ns, name);
    const c = this.ctx.client;
    if (!svc) {
      if (cur && cur.metadata?.labels?.['endpoints.kubernetes.io/managed-by'] !== 'apiserver') c.delete('endpoints', ns, name);
      return;
    }
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') return; // selector-less: the user manages Endpoints
    const bySet = new Map<string, EndpointSubset>();
    let total = 0;
    let truncated = false;
    for (const e of endpointsFor(svc, this.byService.candidates(svc))) {
      if (e.terminating && !svc.spec.publishNotReadyAddresses) continue;
      const ports = (svc.spec.ports ?? []).map((sp) => ({ ...(sp.name ? { name: sp.name } : {}), port: targetPortOn(sp, e.pod), protocol: sp.protocol ?? 'TCP' }));
      if (ports.some((p) => p.port === undefined)) continue;
      if (total >= MAX_ENDPOINTS) {
        truncated = true;
        continue;
      }
      total++;
      const k = JSON.stringify(ports);
      const subset = bySet.get(k) ?? { ports: ports as EndpointSubset['ports'] };
      const addr = { ip: e.ip, ...(e.nodeName ? { nodeName: e.nodeName } : {}), targetRef: { kind: 'Pod', namespace: ns, name: e.pod.metadata!.name!, uid: e.pod.metadata!.uid! } };
      if (e.ready) (subset.addresses ??= []).push(addr);
      else (subset.notReadyAddresses ??= []).push(addr);
      bySet.set(k, subset);
    }
    const subsets = [...bySet.values()];
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
    if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const annotations: Record<string, string> = truncated ? { 'endpoints.kubernetes.io/over-capacity': 'truncated' } : {};
    const body = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels, ...(Object.keys(annotations).length ? { annotations } : {}), ...(cur ? { resourceVersion: cur.metadata!.resourceVersion } : {}) },
      ...(subsets.length ? { subsets } : {}),
    };
    if (!cur) c.create('endpoints', ns, body);
    else if (!deepEqual(cur.subsets ?? [], subsets) || !deepEqual(cur.metadata?.labels ?? {}, labels) || !deepEqual(cur.metadata?.annotations ?? {}, annotations)) c.update('endpoints', ns, name, body);
  }
}
