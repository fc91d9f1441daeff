/**
 * The service account controller: every active namespace has a `default`
 * ServiceAccount (recreated if deleted). Since 1.24 no token Secret is made;
 * pods get projected tokens (the ServiceAccount admission plugin).
 */
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Informer } from '../runtime/informer.js';
import type { KObject } from '../api/types.js';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  private ctx!: ControllerContext;
  private namespaces!: Informer;
  private accounts!: Informer;

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.namespaces = ctx.informers.for('namespaces');
    this.accounts = ctx.informers.for('serviceaccounts');
    this.namespaces.on((type, ns) => {
      if (type !== 'DELETED') ctx.queue.add(ns.metadata!.name!);
    });
    this.accounts.on((type, sa) => {
      if (type === 'DELETED' && sa.metadata?.name === 'default') ctx.queue.add(sa.metadata.namespace!);
    });
  }

  reconcile(ns: string): ReconcileResult {
    const n = this.namespaces.get(ns);
    if (!n || !isActive(n)) return;
    if (this.accounts.getNs(ns, 'default')) return;
    const r = this.ctx.client.create('serviceaccounts', ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    if (!r.ok && r.status.reason !== 'AlreadyExists' && r.status.reason !== 'Forbidden' && r.status.reason !== 'NotFound') return { error: r.status.message };
    return;
  }
}

export function isActive(ns: KObject): boolean {
  return !ns.metadata?.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}
