/**
 * The workload identity webhook (facts §7.2): on clusters with
 * `--enable-workload-identity`, a pod labelled `azure.workload.identity/use:
 * "true"` whose service account names a client id gets the AZURE_* variables
 * and a projected token volume (audience api://AzureADTokenExchange).
 */
import type { AdmissionPlugin } from '../api/admission.js';
import type { KObject } from '../api/types.js';
import type { AzureCloud } from './cloud.js';
import type { ManagedCluster } from './types.js';

export const TOKEN_DIR = '/var/run/secrets/azure/tokens';
export const TOKEN_FILE = `${TOKEN_DIR}/azure-identity-token`;

type Container = { name: string; env?: { name: string; value?: string }[]; volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] };
type PodSpec = { serviceAccountName?: string; containers?: Container[]; initContainers?: Container[]; volumes?: Record<string, unknown>[] };

export function workloadIdentityWebhook(cloud: AzureCloud, mc: ManagedCluster): AdmissionPlugin {
  return {
    name: 'azure-workload-identity',
    admit(a) {
      if (!mc.workloadIdentity || a.operation !== 'CREATE' || a.def.plural !== 'pods' || a.subresource || !a.object) return undefined;
      const pod = a.object as KObject & { spec?: PodSpec };
      if (pod.metadata?.labels?.['azure.workload.identity/use'] !== 'true' || !pod.spec) return undefined;
      const saName = pod.spec.serviceAccountName ?? 'default';
      const sa = mc.cluster.admin.get('serviceaccounts', a.namespace, saName);
      const ann = (sa.ok ? sa.object.metadata?.annotations : undefined) ?? {};
      const clientId = ann['azure.workload.identity/client-id'] ?? '';
      const tenantId = ann['azure.workload.identity/tenant-id'] ?? cloud.tenantId;
      const expiry = Number(ann['azure.workload.identity/service-account-token-expiration'] ?? 3600);
      const env = [
        { name: 'AZURE_CLIENT_ID', value: clientId },
        { name: 'AZURE_TENANT_ID', value: tenantId },
        { name: 'AZURE_FEDERATED_TOKEN_FILE', value: TOKEN_FILE },
        { name: 'AZURE_AUTHORITY_HOST', value: 'https://login.microsoftonline.com/' },
      ];
      for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
        const have = new Set((c.env ?? []).map((e) => e.name));
        c.env = [...(c.env ?? []), ...env.filter((e) => !have.has(e.name))];
        if (!(c.volumeMounts ?? []).some((m) => m.name === 'azure-identity-token')) c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'azure-identity-token', mountPath: TOKEN_DIR, readOnly: true }];
      }
      if (!(pod.spec.volumes ?? []).some((v) => v.name === 'azure-identity-token')) {
        pod.spec.volumes = [
          ...(pod.spec.volumes ?? []),
          { name: 'azure-identity-token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'api://AzureADTokenExchange', expirationSeconds: expiry, path: 'azure-identity-token' } }] } },
        ];
      }
      return undefined;
    },
  };
}
