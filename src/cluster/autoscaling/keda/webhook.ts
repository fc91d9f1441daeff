/**
 * keda-admission-webhooks (vscaledobject.kb.io): while its pod is Ready, a
 * ScaledObject is rejected when its workload is already scaled by another
 * ScaledObject or by an HPA KEDA does not own. With the webhook down the
 * request goes through (failurePolicy: Ignore), as on AKS.
 */
import type { AdmissionPlugin } from '../../api/admission.js';
import type { KObject, Status } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import { kubeSystemAppReady } from './metrics-adapter.js';
import { hpaNameOf, type ScaledObject } from './operator.js';

const denied = (message: string): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  code: 403,
  reason: 'Forbidden',
  message: `admission webhook "vscaledobject.kb.io" denied the request: ${message}`,
});

export function kedaAdmissionWebhook(cluster: Cluster): AdmissionPlugin {
  return {
    name: 'keda-admission-webhooks',
    validate(a) {
      if (a.def.group !== 'keda.sh' || a.def.plural !== 'scaledobjects' || a.subresource || !a.object) return undefined;
      if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return undefined;
      if (!kubeSystemAppReady(cluster, 'keda-admission-webhooks')) return undefined;
      const so = a.object as ScaledObject;
      const ns = a.namespace ?? 'default';
      const ref = so.spec?.scaleTargetRef ?? {};
      const kind = ref.kind || 'Deployment';
      const name = ref.name ?? '';
      const me = so.metadata?.name;
      for (const e of cluster.store.list(`/registry/keda.sh/scaledobjects/${ns}/`)) {
        const other = e.value as ScaledObject;
        if (other.metadata?.name === me) continue;
        const r = other.spec?.scaleTargetRef ?? {};
        if ((r.kind || 'Deployment') === kind && r.name === name) return denied(`the workload '${name}' of type '${ref.apiVersion || 'apps/v1'}.${kind}' is already managed by the ScaledObject '${other.metadata?.name}'`);
      }
      const mine = hpaNameOf(so);
      for (const e of cluster.store.list(`/registry/horizontalpodautoscalers/${ns}/`)) {
        const hpa = e.value as KObject & { spec?: { scaleTargetRef?: { kind?: string; name?: string } } };
        if (hpa.metadata?.name === mine) continue;
        const r = hpa.spec?.scaleTargetRef ?? {};
        if (r.kind === kind && r.name === name) return denied(`the workload '${name}' of type '${ref.apiVersion || 'apps/v1'}.${kind}' is already managed by the hpa '${hpa.metadata?.name}'`);
      }
      return undefined;
    },
  };
}
