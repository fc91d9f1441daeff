/**
 * The EndpointSlice controller: for each Service with a selector, slices
 * (labelled kubernetes.io/service-name, at most 100 endpoints each) listing
 * the backing pods' IPs with ready/serving/terminating, node and target, and
 * the ports resolved per pod (named target ports may differ between pods).
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { objKey } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';
import { deepEqual } from '../api/paths.js';
import { endpointsFor, ServicePods, targetPortOn } from './endpoints-util.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const DELETED = '-';

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private ctx!: ControllerContext;
  private services!: Informer<Service & KObject>;
  private pods!: Informer<Pod & KObject>;
  private byService!: ServicePods;
  /** The Service being synced: slice events while it writes are its own. */
  private writing: string | undefined;
  /** Per slice (ns/name): the resourceVersion we last wrote, or DELETED. */
  private written = new Map<string, string>();
  private slices!: Informer<EndpointSlice & KObject>;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.services = ctx.informers.for('services');
    this.pods = ctx.informers.for('pods');
    this.slices = ctx.informers.for('endpointslices.discovery.k8s.io');
    this.slices.addIndex('service', (s) => [`${s.metadata?.namespace}/${s.metadata?.labels?.['kubernetes.io/service-name'] ?? ''}`]);
    this.services.on((_t, s) => ctx.queue.add(`${s.metadata!.namespace}/${s.metadata!.name}`));
    this.byService = new ServicePods(this.services, this.pods);
    this.pods.on((type, p, old) => {
      for (const k of this.byService.servicesFor(type, p, old)) ctx.queue.add(k);
    });
    this.slices.on((type, s) => {
      const svc = s.metadata?.labels?.['kubernetes.io/service-name'];
      if (!svc || s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'] !== MANAGED_BY) return;
      // Our own writes need no second look (upstream's endpointSliceTracker); anyone else's do.
      const key = `${s.metadata!.namespace}/${svc}`;
      if (this.writing === key) return;
      const own = this.written.get(objKey(s));
      if (type === 'DELETED') this.written.delete(objKey(s));
      if (own !== undefined && (type === 'DELETED' ? own === DELETED : own === s.metadata?.resourceVersion)) return;
      ctx.queue.add(key);
    });
  }

  reconcile(key: string): ReconcileResult {
    this.writing = key;
    try {
      this.sync(key);
    } finally {
      this.writing = undefined;
    }
  }

  /** Remember what we wrote, so its watch event (if delivered after the write returns) is known as ours. */
  private track(ns: string, r: { ok: true; object: KObject } | { ok: false }, name?: string): void {
    if (!r.ok) return;
    if (name === undefined) this.written.set(`${ns}/${r.object.metadata!.name}`, r.object.metadata!.resourceVersion!);
    else if (this.slices.getNs(ns, name)) this.written.set(`${ns}/${name}`, DELETED); // its DELETED event is still to come
  }

  private sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const svc = this.services.getNs(ns, name);
    const mine = this.slices.byIndex('service', key).filter((s) => s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY);
    const c = this.ctx.client;
    if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') {
      for (const s of mine) this.track(ns, c.delete('endpointslices.discovery.k8s.io', ns, s.metadata!.name!), s.metadata!.name!);
      return;
    }
    const eps = endpointsFor(svc, this.byService.candidates(svc));
    // Group endpoints by their resolved port set: pods with different named-port numbers get different slices.
    const groups = new Map<string, { ports: NonNullable<EndpointSlice['ports']>; endpoints: EndpointSlice['endpoints'] }>();
    for (const e of eps) {
      const ports = (svc.spec.ports ?? []).map((sp) => ({ name: sp.name ?? '', port: targetPortOn(sp, e.pod), protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) }));
      if (ports.some((p) => p.port === undefined)) continue; // a named targetPort the pod doesn't expose: no traffic, as upstream
      const k = JSON.stringify(ports);
      if (!groups.has(k)) groups.set(k, { ports: ports as NonNullable<EndpointSlice['ports']>, endpoints: [] });
      groups.get(k)!.endpoints.push({
        addresses: [e.ip],
        conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
        ...(e.nodeName ? { nodeName: e.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: ns, name: e.pod.metadata!.name!, uid: e.pod.metadata!.uid! },
      });
    }
    const desired: { ports: NonNullable<EndpointSlice['ports']>; endpoints: EndpointSlice['endpoints'] }[] = [];
    for (const g of groups.values()) for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    // No endpoints: one placeholder slice with neither endpoints nor ports, as upstream keeps.
    if (desired.length === 0) desired.push({ ports: [], endpoints: [] });
    const existing = [...mine].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    desired.forEach((d, i) => {
      const cur = existing[i];
      const body = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          ...(cur ? { name: cur.metadata!.name, resourceVersion: cur.metadata!.resourceVersion } : { generateName: `${name}-` }),
          namespace: ns,
          labels: { ...(svc.metadata?.labels ?? {}), 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
          ...(cur?.metadata?.annotations ? { annotations: cur.metadata.annotations } : {}),
        },
        addressType: 'IPv4',
        endpoints: d.endpoints,
        ...(d.ports.length ? { ports: d.ports } : {}),
      };
      if (!cur) this.track(ns, c.create('endpointslices.discovery.k8s.io', ns, body));
      else if (!deepEqual(cur.endpoints ?? [], d.endpoints) || !deepEqual(cur.ports ?? [], d.ports) || !deepEqual(cur.metadata?.labels, body.metadata.labels)) this.track(ns, c.update('endpointslices.discovery.k8s.io', ns, cur.metadata!.name!, body));
    });
    for (const extra of existing.slice(desired.length)) this.track(ns, c.delete('endpointslices.discovery.k8s.io', ns, extra.metadata!.name!), extra.metadata!.name!);
  }
}

