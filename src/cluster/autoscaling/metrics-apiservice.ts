/**
 * The `v1beta1.metrics.k8s.io` APIService: the aggregation layer serves
 * metrics.k8s.io (and discovery lists it) only while a metrics-server pod is
 * running and Ready, as kube-apiserver's availability controller decides from
 * the service's endpoints. A pod change is the trigger; the check reads the
 * informer's cache of kube-system pods.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.js';
import type { KObject, UserInfo } from '../api/types.js';
import type { ResourceDef } from '../api/resource.js';
import type { Controller, ControllerContext } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import { METRICS_API_SERVICE, metricsResources } from '../api/resources/metrics.js';
import { SCRAPE_INTERVAL_MS, type MetricsServer } from './metrics-server.js';

/** The aggregator runs inside kube-apiserver. */
const AGGREGATOR: UserInfo = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

function isMetricsServer(p: Pod): boolean {
  return p.metadata?.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'metrics-server';
}

function ready(p: Pod): boolean {
  return !p.metadata?.deletionTimestamp && p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export class MetricsApiService implements Controller {
  readonly name = 'apiservice-availability';
  private pods!: Informer<Pod & KObject>;
  private readonly defs: ResourceDef[];
  private served = false;

  constructor(
    private readonly cluster: Cluster,
    server: MetricsServer,
  ) {
    this.defs = metricsResources({
      now: () => cluster.clock.now(),
      intervalMs: SCRAPE_INTERVAL_MS,
      pods: (ns) => {
        const r = server.podMetrics(ns);
        return r.ok ? r.items : r.status;
      },
      nodes: () => {
        const r = server.nodeMetrics();
        return r.ok ? r.items : r.status;
      },
    });
  }

  start(ctx: ControllerContext): void {
    this.pods = ctx.informers.for<Pod & KObject>('pods');
    this.pods.on((_t, p, old) => {
      if (isMetricsServer(p) || (old && isMetricsServer(old))) ctx.queue.add(METRICS_API_SERVICE);
    });
    this.pods.start();
    ctx.queue.add(METRICS_API_SERVICE);
  }

  reconcile(): void {
    const available = this.pods.list().some((p) => isMetricsServer(p) && ready(p));
    if (available === this.served) return;
    this.served = available;
    const registry = this.cluster.registry;
    for (const d of this.defs) {
      if (available) registry.add(d);
      else registry.remove(d.group, d.plural);
    }
    this.cluster.trace.note('kube-apiserver', `APIService ${METRICS_API_SERVICE} ${available ? 'is available' : 'is unavailable: no ready metrics-server endpoints'}`);
  }
}

export function installMetricsApi(cluster: Cluster, server: MetricsServer): void {
  cluster.addController(new MetricsApiService(cluster, server), AGGREGATOR);
}
