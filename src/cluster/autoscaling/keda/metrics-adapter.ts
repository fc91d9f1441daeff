/**
 * keda-operator-metrics-apiserver: serves external.metrics.k8s.io/v1beta1
 * (through the v1beta1.external.metrics.k8s.io APIService) while one of its
 * pods is Running and Ready. A request names a metric (`s0-azure-servicebus-orders`)
 * and a selector (`scaledobject.keda.sh/name=orders`); the adapter finds the
 * ScaledObject, the trigger behind the metric, and reads its value now.
 * In-memory read path, like metrics-server's (metrics-server.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.js';
import type { Status } from '../../api/types.js';
import { buildScaler, type Trigger } from './scalers.js';

export const SO_LABEL = 'scaledobject.keda.sh/name';

type Result = { ok: true; value: number } | { ok: false; status: Status };

const failure = (code: number, reason: string, message: string): Status => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message });

/** Is a kube-system pod with this `app` label Running and Ready? */
export function kubeSystemAppReady(cluster: Cluster, app: string): boolean {
  for (const e of cluster.store.list('/registry/pods/kube-system/')) {
    const p = e.value as Pod;
    if (p.metadata?.labels?.app !== app || p.metadata?.deletionTimestamp) continue;
    if (p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return true;
  }
  return false;
}

/** The external metrics API of a cluster: a value, or the Status the HPA controller would get. */
export function externalMetric(cluster: Cluster, namespace: string, metric: string, selector: Record<string, string> | undefined): Result {
  const served = !!cluster.store.get('/registry/apiregistration.k8s.io/apiservices/v1beta1.external.metrics.k8s.io');
  if (!served) return { ok: false, status: failure(404, 'NotFound', 'the server could not find the requested resource') };
  if (!kubeSystemAppReady(cluster, 'keda-operator-metrics-apiserver')) {
    return { ok: false, status: failure(503, 'ServiceUnavailable', `the server is currently unable to handle the request (get ${metric}.external.metrics.k8s.io)`) };
  }
  const soName = selector?.[SO_LABEL];
  const so = soName ? (cluster.store.get(`/registry/keda.sh/scaledobjects/${namespace}/${soName}`)?.value as { spec?: { triggers?: Trigger[] } } | undefined) : undefined;
  if (!so) return { ok: false, status: failure(500, 'InternalError', `Internal error occurred: scaledobjects.keda.sh "${soName ?? ''}" not found`) };
  const triggers = so.spec?.triggers ?? [];
  for (let i = 0; i < triggers.length; i++) {
    const s = buildScaler(triggers[i]!, i);
    if ('error' in s || s.metricName !== metric) continue;
    const v = s.read(cluster.clock);
    if (v === undefined) break;
    return { ok: true, value: v };
  }
  return { ok: false, status: failure(500, 'InternalError', `Internal error occurred: no matching metrics found for ${metric}`) };
}
