/**
 * ControllerRevisions for DaemonSets and StatefulSets: one per distinct pod
 * template, named `<owner>-<hash>`, numbered after the owner's newest one,
 * and created only when the current template has none yet.
 */
import type { KObject } from '../api/types.js';
import type { Informer } from '../runtime/informer.js';
import type { ControllerContext } from '../runtime/controller.js';
import { clone } from '../api/paths.js';
import { controllerOf, newControllerRef } from './controller-ref.js';
import { computeHash } from './template-hash.js';

export const REVISION_HASH = 'controller-revision-hash';

/** Hashes of stored (immutable) templates, computed once per template object. */
const hashes = new WeakMap<object, string>();
/** …and once per owner generation (status writes make new objects with the same template), per controller (uids repeat across clusters with one seed). */
const generations = new WeakMap<ControllerContext, Map<string, { generation: number; hash: string }>>();
function templateHash(ctx: ControllerContext, owner: Owner): string {
  const t = owner.spec?.template;
  if (!t) return computeHash(t);
  let h = hashes.get(t);
  if (h !== undefined) return h;
  let byGeneration = generations.get(ctx);
  if (!byGeneration) generations.set(ctx, (byGeneration = new Map()));
  const uid = owner.metadata?.uid;
  const generation = owner.metadata?.generation;
  const g = uid && generation !== undefined ? byGeneration.get(uid) : undefined;
  if (g && g.generation === generation) h = g.hash;
  else {
    h = computeHash(t);
    if (uid && generation !== undefined) {
      if (byGeneration.size >= 10_000) byGeneration.clear();
      byGeneration.set(uid, { generation, hash: h });
    }
  }
  hashes.set(t, h);
  return h;
}

type Owner = KObject & { spec?: { template?: { metadata?: { labels?: Record<string, string> } } } };

/**
 * Makes sure the owner's current template has a revision; returns its hash and name.
 * `labelValue` says what the pods' `controller-revision-hash` label carries
 * (the hash for DaemonSets, the revision name for StatefulSets, as upstream).
 */
export function ensureControllerRevision(ctx: ControllerContext, revisions: Informer, owner: Owner, kind: 'DaemonSet' | 'StatefulSet', labelValue: 'hash' | 'name'): { hash: string; name: string } {
  const hash = templateHash(ctx, owner);
  const name = `${owner.metadata!.name}-${hash}`;
  const ns = owner.metadata!.namespace!;
  if (revisions.getNs(ns, name)) return { hash, name };
  const uid = owner.metadata!.uid!;
  const max = revisions
    .list()
    .filter((r) => r.metadata?.namespace === ns && controllerOf(r)?.uid === uid)
    .reduce((m, r) => Math.max(m, Number((r as { revision?: number }).revision ?? 0)), 0);
  ctx.client.create('controllerrevisions.apps', ns, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: ns, labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH]: labelValue === 'hash' ? hash : name }, ownerReferences: [newControllerRef(owner, 'apps/v1', kind)] },
    data: { spec: { template: { ...clone(owner.spec?.template ?? {}), $patch: 'replace' } } },
    revision: max + 1,
  });
  return { hash, name };
}
