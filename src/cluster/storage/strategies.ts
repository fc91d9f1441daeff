/**
 * Defaults and validation of PersistentVolumeClaims, PersistentVolumes and
 * StorageClasses (pkg/apis/core/validation and storage/validation, paraphrased):
 * access modes, sizes, the volume source, the claim spec frozen once bound
 * except a larger storage request, and no shrinking below status.capacity.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { ResourceDef } from '../api/resource.js';
import type { KObject } from '../api/types.js';
import type { FieldError } from '../api/status.js';
import { parseQuantity, QUANTITY_MSG } from '../api/quantity.js';
import { forbiddenField, immutable, invalidValue, notSupported, required } from '../api/validation/common.js';
import { deepEqual } from '../api/paths.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const PV_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

function accessModeErrors(modes: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes || modes.length === 0) return [required(field, 'at least 1 access mode is required')];
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbiddenField(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function sizeErrors(v: unknown, field: string, what: string): FieldError[] {
  if (v === undefined) return [required(field, '')];
  const q = parseQuantity(v);
  if (q === undefined) return [invalidValue(field, v, QUANTITY_MSG)];
  if (q <= 0) return [invalidValue(field, v, `must be greater than zero`)];
  void what;
  return [];
}

function claimErrors(pvc: PersistentVolumeClaim, old?: PersistentVolumeClaim): FieldError[] {
  const s = pvc.spec ?? {};
  const errs = [...accessModeErrors(s.accessModes, 'spec.accessModes')];
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]', ''));
  else errs.push(...sizeErrors(storage, 'spec.resources[storage]', 'storage'));
  if (s.volumeMode && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  if (s.storageClassName !== undefined && s.storageClassName !== null && s.storageClassName !== '' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s.storageClassName)) {
    errs.push(invalidValue('spec.storageClassName', s.storageClassName, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  }
  if (!old || errs.length) return errs;
  // Update: the spec is frozen except a bound claim's requests (and the fields the binder fills in).
  const os = old.spec ?? {};
  const strip = (x: PersistentVolumeClaim['spec'], keepRequests: boolean) => {
    const { resources, volumeName, storageClassName, volumeAttributesClassName: _v, ...rest } = x ?? {};
    return { ...rest, ...(keepRequests ? { resources } : { resources: { ...resources, requests: undefined } }), storageClassName: storageClassName ?? undefined, volumeName: os.volumeName ? volumeName : undefined };
  };
  const bound = old.status?.phase === 'Bound';
  if (!deepEqual(strip(s, !bound), strip(os, !bound))) {
    errs.push(forbiddenField('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    return errs;
  }
  const want = parseQuantity(storage) ?? 0;
  const had = parseQuantity(os.resources?.requests?.storage) ?? 0;
  if (want < had) {
    const cap = parseQuantity(old.status?.capacity?.storage);
    if (cap === undefined || want <= cap) errs.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return errs;
}

function volumeErrors(pv: PersistentVolume, old?: PersistentVolume): FieldError[] {
  const s = (pv.spec ?? {}) as Record<string, unknown> & NonNullable<PersistentVolume['spec']>;
  const errs = [...accessModeErrors(s.accessModes, 'spec.accessModes')];
  const cap = s.capacity ?? {};
  if (Object.keys(cap).length === 0) errs.push(required('spec.capacity', ''));
  else if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(notSupported('spec.capacity', cap, ['storage']));
  else errs.push(...sizeErrors(cap.storage, 'spec.capacity[storage]', 'storage'));
  const sources = PV_SOURCES.filter((k) => s[k] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbiddenField(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (s.csi) {
    if (!s.csi.driver) errs.push(required('spec.csi.driver', ''));
    if (!s.csi.volumeHandle) errs.push(required('spec.csi.volumeHandle', ''));
  }
  const policies = ['Delete', 'Recycle', 'Retain'];
  if (s.persistentVolumeReclaimPolicy && !policies.includes(s.persistentVolumeReclaimPolicy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, policies));
  if (s.volumeMode && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  if (old && errs.length === 0) {
    const o = (old.spec ?? {}) as Record<string, unknown>;
    for (const k of PV_SOURCES) if (!deepEqual(o[k], s[k])) {
      errs.push(forbiddenField('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
      break;
    }
    errs.push(...immutable(o.volumeMode, s.volumeMode, 'spec.volumeMode'));
    if (o.nodeAffinity !== undefined) errs.push(...immutable(o.nodeAffinity, s.nodeAffinity, 'spec.nodeAffinity'));
  }
  return errs;
}

function classErrors(sc: StorageClass, old?: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required('provisioner', ''));
  const policies = ['Delete', 'Retain'];
  if (sc.reclaimPolicy && !policies.includes(sc.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, policies));
  const modes = ['Immediate', 'WaitForFirstConsumer'];
  if (sc.volumeBindingMode && !modes.includes(sc.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, modes));
  if (old) {
    if (!deepEqual(old.parameters ?? {}, sc.parameters ?? {})) errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
    if (old.provisioner !== sc.provisioner) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
    if ((old.reclaimPolicy ?? 'Delete') !== (sc.reclaimPolicy ?? 'Delete')) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if ((old.volumeBindingMode ?? 'Immediate') !== (sc.volumeBindingMode ?? 'Immediate')) errs.push(forbiddenField('volumeBindingMode', 'field is immutable'));
  }
  return errs;
}

export const storageStrategies: Record<string, Partial<ResourceDef>> = {
  '/persistentvolumeclaims': {
    defaults(o, _ctx, old) {
      const pvc = o as PersistentVolumeClaim & KObject;
      const spec = (pvc.spec ??= {}) as NonNullable<PersistentVolumeClaim['spec']> & { volumeMode?: string };
      spec.volumeMode ??= 'Filesystem';
      if (!old) (pvc as { status?: unknown }).status = { phase: 'Pending' };
    },
    validate: (o, _ctx, old) => claimErrors(o as PersistentVolumeClaim, old as PersistentVolumeClaim | undefined),
  },
  '/persistentvolumes': {
    defaults(o, _ctx, old) {
      const pv = o as PersistentVolume & KObject;
      const spec = (pv.spec ??= {}) as NonNullable<PersistentVolume['spec']> & { volumeMode?: string; persistentVolumeReclaimPolicy?: string };
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      if (!old) (pv as { status?: unknown }).status = { phase: 'Pending' };
    },
    validate: (o, _ctx, old) => volumeErrors(o as PersistentVolume, old as PersistentVolume | undefined),
  },
  'storage.k8s.io/storageclasses': {
    defaults(o) {
      const sc = o as { reclaimPolicy?: string; volumeBindingMode?: string };
      sc.reclaimPolicy ??= 'Delete';
      sc.volumeBindingMode ??= 'Immediate';
    },
    validate: (o, _ctx, old) => classErrors(o as unknown as StorageClass, old as unknown as StorageClass | undefined),
  },
};
