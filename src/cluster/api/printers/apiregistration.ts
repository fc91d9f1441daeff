/** `kubectl get apiservices`: NAME, SERVICE (namespace/name, or Local), AVAILABLE (with the reason when not True), AGE. */
import { ageCol, ageOf, col, nameCol, printer } from './common.js';

interface ApiServiceLike {
  metadata?: { name?: string };
  spec?: { service?: { namespace?: string; name?: string } | null };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

export const printAPIServices = printer(
  () => [nameCol(), col('Service', 'The reference to the service that hosts this API endpoint.'), col('Available', 'Whether this service is available.'), ageCol()],
  (o, now) => {
    const a = o as ApiServiceLike;
    const svc = a.spec?.service;
    const cond = a.status?.conditions?.find((c) => c.type === 'Available');
    const available = !cond ? 'Unknown' : cond.status === 'True' ? 'True' : `${cond.status} (${cond.reason ?? ''})`;
    return [a.metadata?.name ?? '', svc?.name ? `${svc.namespace}/${svc.name}` : 'Local', available, ageOf(o, now)];
  },
);
