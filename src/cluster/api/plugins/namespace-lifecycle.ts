/**
 * NamespaceLifecycle: nothing is created in a namespace that doesn't exist or
 * is being terminated, and the system namespaces can't be deleted.
 */
import type { AdmissionPlugin } from '../admission.js';
import { forbiddenMessage, notFound } from '../status.js';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

export function namespaceLifecycle(): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    validate(a) {
      if (a.operation === 'DELETE' && a.def.plural === 'namespaces' && a.name && IMMORTAL.has(a.name)) {
        return forbiddenMessage('namespaces', '', a.name, 'this namespace may not be deleted');
      }
      if (a.operation !== 'CREATE' || !a.def.namespaced || !a.namespace) return undefined;
      if (a.def.plural === 'events') return undefined;
      const ns = a.ctx.lookup('namespaces', '', undefined, a.namespace);
      if (!ns) return notFound('namespaces', '', a.namespace);
      if ((ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
        return forbiddenMessage(a.def.plural, a.def.group, a.object?.metadata?.name, `unable to create new content in namespace ${a.namespace} because it is being terminated`);
      }
      return undefined;
    },
  };
}
