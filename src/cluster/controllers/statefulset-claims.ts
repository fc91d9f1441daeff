/**
 * StatefulSet volumeClaimTemplates (stateful_set_utils.go): ordinal N of set
 * `db` gets claim `<template>-db-N`, created before its pod, labelled with the
 * template's labels and the set's selector; the pod mounts it in place of a
 * template volume of the same name. With the default retention policy
 * (Retain/Retain) claims have no owner and outlive scale-down and deletion, so
 * a returning ordinal finds its old claim; `whenDeleted: Delete` makes the set
 * their owner, `whenScaled: Delete` makes a condemned pod their owner.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import type { EventRecorder } from '../runtime/events.js';
import { clone } from '../api/paths.js';

export function claimName(template: string, set: string, ordinal: number): string {
  return `${template}-${set}-${ordinal}`;
}

/** The pod's volumes with one persistentVolumeClaim volume per template. */
export function withClaimVolumes(pod: Pod, set: StatefulSet, ordinal: number): void {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0 || !pod.spec) return;
  const names = new Set(templates.map((t) => t.metadata?.name ?? ''));
  const vols = (pod.spec.volumes ?? []).filter((v) => !names.has(v.name));
  for (const t of templates) vols.push({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', set.metadata!.name!, ordinal) } });
  (pod.spec as { volumes?: unknown }).volumes = vols;
}

function setRef(set: StatefulSet & KObject): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** Create the missing claims of an ordinal; false (with a FailedCreate event) if one could not be made. */
export function ensureClaims(client: Client, events: EventRecorder, set: StatefulSet & KObject, ordinal: number, existing: (name: string) => (PersistentVolumeClaim & KObject) | undefined): boolean {
  const ns = set.metadata!.namespace!;
  const setName = set.metadata!.name!;
  const podName = `${setName}-${ordinal}`;
  const whenDeleted = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain';
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = claimName(t.metadata?.name ?? '', setName, ordinal);
    if (existing(name)) continue;
    const tpl = clone(t);
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(tpl.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
        ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}),
        ...(whenDeleted === 'Delete' ? { ownerReferences: [setRef(set)] } : {}),
      },
      spec: tpl.spec ?? {},
    };
    const r = client.create('persistentvolumeclaims', ns, claim);
    if (r.ok) events.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${setName} success`);
    else if (r.status.reason !== 'AlreadyExists') {
      events.event(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${setName} failed error: ${r.status.message}`);
      return false;
    }
  }
  return true;
}

/** whenScaled: Delete — a condemned ordinal's claims are owned by its pod, so they go with it. */
export function ownClaimsByPod(client: Client, set: StatefulSet & KObject, pod: Pod & KObject, ordinal: number, existing: (name: string) => (PersistentVolumeClaim & KObject) | undefined): void {
  if ((set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain') !== 'Delete') return;
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const c = existing(claimName(t.metadata?.name ?? '', set.metadata!.name!, ordinal));
    if (!c || (c.metadata?.ownerReferences ?? []).some((o) => o.uid === pod.metadata?.uid)) continue;
    const next = clone(c);
    next.metadata!.ownerReferences = [...(next.metadata!.ownerReferences ?? []), { apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid!, blockOwnerDeletion: true }];
    client.update('persistentvolumeclaims', c.metadata!.namespace, c.metadata!.name!, next);
  }
}
