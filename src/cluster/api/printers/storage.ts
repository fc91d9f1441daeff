/** Storage: PersistentVolume, PersistentVolumeClaim, StorageClass, CSIDriver, CSINode, VolumeAttachment. */
import { ageCol, ageOf, col, get, nameCol, printer, wideCol } from './common.js';

const name = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  return [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
    .filter(([k]) => m.has(k!))
    .map(([, v]) => v)
    .join(',');
}

export function volumeClass(o: unknown): string {
  const beta = get(o, 'metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class') as string | undefined;
  return beta ?? String(get(o, 'spec', 'storageClassName') ?? '');
}

export const printPersistentVolumes = printer(
  () => [
    nameCol(),
    col('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity.'),
    col('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
    col('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    col('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    col('Reason', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageCol(),
    wideCol('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.'),
  ],
  (o, now) => {
    const claim = get(o, 'spec', 'claimRef') as { namespace?: string; name?: string } | undefined;
    return [
      name(o),
      String(get(o, 'spec', 'capacity', 'storage') ?? '0'),
      accessModes(get(o, 'spec', 'accessModes')),
      String(get(o, 'spec', 'persistentVolumeReclaimPolicy') ?? ''),
      o.metadata?.deletionTimestamp ? 'Terminating' : String(get(o, 'status', 'phase') ?? ''),
      claim ? `${claim.namespace ?? ''}/${claim.name ?? ''}` : '',
      volumeClass(o),
      (get(o, 'spec', 'volumeAttributesClassName') as string | undefined) ?? '<unset>',
      String(get(o, 'status', 'reason') ?? ''),
      ageOf(o, now),
      (get(o, 'spec', 'volumeMode') as string | undefined) ?? '<unset>',
    ];
  },
);

export const printPersistentVolumeClaims = printer(
  () => [
    nameCol(),
    col('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    wideCol('VolumeMode', 'volumeMode defines what type of volume is required by the claim.'),
  ],
  (o, now) => {
    const volume = String(get(o, 'spec', 'volumeName') ?? '');
    return [
      name(o),
      o.metadata?.deletionTimestamp ? 'Terminating' : String(get(o, 'status', 'phase') ?? ''),
      volume,
      volume ? String(get(o, 'status', 'capacity', 'storage') ?? '0') : '',
      volume ? accessModes(get(o, 'status', 'accessModes')) : '',
      volumeClass(o),
      (get(o, 'spec', 'volumeAttributesClassName') as string | undefined) ?? '<unset>',
      ageOf(o, now),
      (get(o, 'spec', 'volumeMode') as string | undefined) ?? '<unset>',
    ];
  },
);

export function isDefaultClass(o: unknown): boolean {
  const a = (get(o, 'metadata', 'annotations') ?? {}) as Record<string, string>;
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const printStorageClasses = printer(
  () => [
    nameCol(),
    col('Provisioner', 'provisioner indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    col('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
    col('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageCol(),
  ],
  (o, now) => [
    `${name(o)}${isDefaultClass(o) ? ' (default)' : ''}`,
    String(get(o, 'provisioner') ?? ''),
    (get(o, 'reclaimPolicy') as string | undefined) ?? 'Delete',
    (get(o, 'volumeBindingMode') as string | undefined) ?? 'Immediate',
    get(o, 'allowVolumeExpansion') === true,
    ageOf(o, now),
  ],
);

export const printCSIDrivers = printer(
  () => [
    nameCol(),
    col('AttachRequired', 'attachRequired indicates this CSI volume driver requires an attach operation.', 'boolean'),
    col('PodInfoOnMount', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations.', 'boolean'),
    col('StorageCapacity', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report.', 'boolean'),
    col('TokenRequests', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
    col('RequiresRepublish', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.', 'boolean'),
    col('Modes', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
    ageCol(),
  ],
  (o, now) => {
    const tokens = get(o, 'spec', 'tokenRequests') as { audience: string }[] | undefined;
    return [
      name(o),
      get(o, 'spec', 'attachRequired') !== false,
      get(o, 'spec', 'podInfoOnMount') === true,
      get(o, 'spec', 'storageCapacity') === true,
      tokens ? tokens.map((t) => t.audience).join(',') : '<unset>',
      get(o, 'spec', 'requiresRepublish') === true,
      ((get(o, 'spec', 'volumeLifecycleModes') ?? []) as string[]).join(',') || '<none>',
      ageOf(o, now),
    ];
  },
);

export const printCSINodes = printer(
  () => [nameCol(), col('Drivers', 'Drivers indicates the number of CSI drivers registered on the node', 'integer'), ageCol()],
  (o, now) => [name(o), ((get(o, 'spec', 'drivers') ?? []) as unknown[]).length, ageOf(o, now)],
);

export const printVolumeAttachments = printer(
  () => [
    nameCol(),
    { ...col('Attacher', 'attacher indicates the name of the volume driver that MUST handle this request.'), format: 'name' },
    col('PV', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'attached indicates the volume is successfully attached.', 'boolean'),
    ageCol(),
  ],
  (o, now) => [name(o), String(get(o, 'spec', 'attacher') ?? ''), String(get(o, 'spec', 'source', 'persistentVolumeName') ?? ''), String(get(o, 'spec', 'nodeName') ?? ''), get(o, 'status', 'attached') === true, ageOf(o, now)],
);
