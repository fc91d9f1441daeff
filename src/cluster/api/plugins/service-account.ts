/**
 * ServiceAccount admission: pods run as `default` unless told otherwise, and
 * get the projected `kube-api-access-<5>` token volume mounted in every container.
 */
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { AdmissionPlugin } from '../admission.js';
import { randomSuffix, Random } from '../../random.js';
import { forbiddenMessage } from '../status.js';

export function serviceAccount(): AdmissionPlugin {
  return {
    name: 'ServiceAccount',
    admit(a) {
      if (a.operation !== 'CREATE' || a.def.plural !== 'pods' || a.subresource || !a.object) return undefined;
      const pod = a.object as unknown as Pod;
      const spec = pod.spec;
      if (!spec) return undefined;
      spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
      spec.serviceAccount = spec.serviceAccountName;
      const saName = spec.serviceAccountName;
      const sa = a.ctx.lookup('serviceaccounts', '', a.namespace, saName) as { automountServiceAccountToken?: boolean } | undefined;
      // kubedojo lets pods use a missing `default` account (until a ServiceAccount controller creates them in every namespace).
      if (!sa && saName !== 'default') {
        return forbiddenMessage('pods', '', pod.metadata?.name, `error looking up service account ${a.namespace}/${saName}: serviceaccount "${saName}" not found`);
      }
      if (spec.automountServiceAccountToken === false) return undefined;
      if (spec.automountServiceAccountToken === undefined && sa?.automountServiceAccountToken === false) return undefined;
      if ((spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'))) return undefined;
      // Seeded from the pod's uid so the same pod always gets the same volume name.
      const rng = new Random(hash(pod.metadata?.uid ?? pod.metadata?.name ?? ''));
      const name = `kube-api-access-${randomSuffix(rng)}`;
      const vol: Volume = {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      };
      spec.volumes = [...(spec.volumes ?? []), vol];
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        c.volumeMounts = [...(c.volumeMounts ?? []), { name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }];
      }
      spec.enableServiceLinks ??= true;
      return undefined;
    },
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
