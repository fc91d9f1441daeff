/**
 * ownerReferences as the controllers use them: the controller reference of an
 * object, a new one for an owner, and claiming (adopt orphans that match the
 * selector, release owned objects that no longer match) as upstream's
 * ControllerRefManager does, through API patches.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import { matchesLabels, type Selector } from '../api/selectors.js';

export function controllerOf(o: KObject): OwnerReference | undefined {
  return (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
}

export function newControllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** Index function: the uid of an object's controller. */
export function controllerUidIndex(o: KObject): string[] {
  const r = controllerOf(o);
  return r ? [r.uid] : [];
}

export function namespaceIndex(o: KObject): string[] {
  return [o.metadata?.namespace ?? ''];
}

/** Index function: the namespace of objects without a controller (adoption candidates). */
export function orphanIndex(o: KObject): string[] {
  return controllerOf(o) ? [] : [o.metadata?.namespace ?? ''];
}

export interface ClaimOptions {
  client: Client;
  /** `pods`, `replicasets.apps` */
  resource: string;
  owner: KObject;
  apiVersion: string;
  kind: string;
  selector: Selector;
}

/**
 * The objects `owner` controls after adopting matching orphans and releasing
 * owned objects that stopped matching. `candidates` are every object of the
 * kind in the owner's namespace.
 */
export function claim<T extends KObject>(opts: ClaimOptions, candidates: T[]): T[] {
  const { owner, client, resource } = opts;
  const uid = owner.metadata?.uid;
  const out: T[] = [];
  const deleting = !!owner.metadata?.deletionTimestamp;
  for (const o of candidates) {
    const ref = controllerOf(o);
    const matches = matchesLabels(opts.selector, o.metadata?.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches || deleting) {
        out.push(o);
        continue;
      }
      if (o.metadata?.deletionTimestamp) continue;
      // Release: drop our reference.
      const refs = (o.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
      client.patch(resource, o.metadata?.namespace, o.metadata!.name!, { metadata: { ownerReferences: refs.length ? refs : null, uid: o.metadata?.uid } });
      continue;
    }
    if (!matches || deleting || o.metadata?.deletionTimestamp) continue;
    // Adopt an orphan.
    const refs = [...(o.metadata?.ownerReferences ?? []), newControllerRef(owner, opts.apiVersion, opts.kind)];
    const r = client.patch<T>(resource, o.metadata?.namespace, o.metadata!.name!, { metadata: { ownerReferences: refs, uid: o.metadata?.uid } });
    if (r.ok) out.push(r.object);
  }
  return out;
}
