/**
 * kube-aggregator's availability controller (in kube-apiserver): every 10 s,
 * each APIService backed by a Service is Available when that Service has a
 * ready endpoint, else False with MissingEndpoints, as upstream words it.
 * (kubedojo serves aggregated APIs in memory; this only keeps the status true.)
 */
import type { Cluster } from '../cluster.js';
import type { KObject, UserInfo } from '../api/types.js';
import type { Worker } from '../runtime/controller.js';
import { clone } from '../api/paths.js';

const APISERVER: UserInfo = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };
const CHECK_MS = 10_000;

interface ApiService extends KObject {
  spec?: { service?: { namespace?: string; name?: string; port?: number } | null };
  status?: { conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime?: string }[] };
}

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ApiServiceAvailability implements Worker {
  readonly name = 'apiservice-availability';
  private due = false;
  constructor(private readonly cluster: Cluster) {
    this.tick();
  }

  private tick(): void {
    this.due = true;
    this.cluster.clock.setTimeout(() => this.tick(), CHECK_MS, 'apiservice availability');
  }

  hasWork(): boolean {
    return this.due;
  }

  work(): void {
    this.due = false;
    if (!this.cluster.registry.get('apiregistration.k8s.io', 'apiservices')) return;
    const entries = this.cluster.store.list('/registry/apiregistration.k8s.io/apiservices/');
    if (entries.length === 0) return;
    const client = this.cluster.client(APISERVER);
    for (const e of entries) {
      const a = e.value as ApiService;
      const svc = a.spec?.service;
      let cond: { status: string; reason: string; message: string };
      if (!svc?.name) cond = { status: 'True', reason: 'Local', message: 'Local APIServices are always available' };
      else {
        const ep = this.cluster.store.get(`/registry/services/endpoints/${svc.namespace}/${svc.name}`)?.value as { subsets?: { addresses?: unknown[] }[] } | undefined;
        const ready = (ep?.subsets ?? []).some((s) => (s.addresses?.length ?? 0) > 0);
        if (!this.cluster.store.get(`/registry/services/specs/${svc.namespace}/${svc.name}`)) cond = { status: 'False', reason: 'ServiceNotFound', message: `service/${svc.name} in "${svc.namespace}" is not present` };
        else cond = ready ? { status: 'True', reason: 'Passed', message: 'all checks passed' } : { status: 'False', reason: 'MissingEndpoints', message: `endpoints for service/${svc.name} in "${svc.namespace}" have no addresses with port name "https"` };
      }
      const prev = a.status?.conditions?.find((c) => c.type === 'Available');
      if (prev && prev.status === cond.status && prev.reason === cond.reason) continue;
      const status = { conditions: [{ type: 'Available', ...cond, lastTransitionTime: iso(this.cluster.clock.now()) }] };
      client.updateStatus('apiservices.apiregistration.k8s.io', undefined, a.metadata!.name!, { ...clone(a), status });
    }
  }
}
