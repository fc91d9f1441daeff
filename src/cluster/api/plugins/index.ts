/** The admission chain, in upstream's order for the plugins kubedojo emulates (ResourceQuota last). */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { ApiServer } from '../server.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { limitRanger } from './limit-ranger.js';
import { serviceAccount } from './service-account.js';
import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { priority } from './priority.js';
import { resourceQuota } from './resource-quota.js';
import { deepEqual } from '../paths.js';
import { crdRegistrar } from '../crd/registrar.js';
import type { KObject } from '../types.js';
import { defaultStorageClass, persistentVolumeClaimResize, storageObjectInUseProtection } from '../../storage/admission.js';

export function installAdmission(api: ApiServer): void {
  const writeQuotaStatus = (q: ResourceQuota, status: NonNullable<ResourceQuota['status']>) => {
    const def = api.registry.get('', 'resourcequotas')!;
    const cur = api.store.get(api.keyOf(def, q.metadata?.namespace, q.metadata?.name ?? ''));
    if (!cur || deepEqual(cur.value.status, status)) return;
    api.store.update(cur.key, { ...cur.value, status } as KObject, cur.modRevision);
  };
  api.admission.push(namespaceLifecycle(), limitRanger(), serviceAccount(), priority(), defaultTolerationSeconds(), defaultStorageClass(), storageObjectInUseProtection(), persistentVolumeClaimResize(), resourceQuota(writeQuotaStatus), crdRegistrar(api));
}
