/**
 * Which pod (and container) `logs` and `exec` talk to: a pod by name, or the
 * first pod of `deployment/web`, `rs/x`, `job/y`, `svc/z` (by its selector),
 * with kubectl's `Defaulted container "a" out of: a, b` when there are several.
 */
import type { KObject } from '../../cluster/api/types.js';
import type { KubectlEnv } from './verb.js';
import { fromLabelSelector, selectorToString } from '../../cluster/api/selectors.js';
import { getPath } from '../../cluster/api/paths.js';

export type PodLookup = { ok: true; pod: KObject } | { ok: false; error: string };

function selectorFor(o: KObject): string | undefined {
  if (o.kind === 'Service') {
    const sel = (o.spec as { selector?: Record<string, string> }).selector;
    return sel ? Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
  }
  const sel = getPath(o, 'spec.selector') as Parameters<typeof fromLabelSelector>[0] | undefined;
  return sel ? selectorToString(fromLabelSelector(sel)) : undefined;
}

/** Resolve `POD` or `TYPE/NAME` to a pod. `missing` words the NotFound error as the calling verb does. */
export function podFor(env: KubectlEnv, arg: string, missing: (msg: string) => string): PodLookup {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? 'pods' : arg.slice(0, slash);
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const def = env.cluster.registry.resolve(type);
  if (!def) return { ok: false, error: `error: the server doesn't have a resource type "${type}"` };
  const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
  const r = env.client.get(gr, env.namespace, name);
  if (!r.ok) return { ok: false, error: missing(r.status.message) };
  if (def.kind === 'Pod') return { ok: true, pod: r.object };
  const sel = selectorFor(r.object);
  const pods = sel ? env.client.items<KObject>('pods', env.namespace, { labelSelector: sel }) : [];
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
  const pick = (live.length > 0 ? live : pods).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)))[0];
  if (!pick) return { ok: false, error: `error: timed out waiting for the condition` };
  if (pods.length > 1) env.ctx.err(`Found ${pods.length} pods, using pod/${pick.metadata?.name ?? ''}`);
  return { ok: true, pod: pick };
}

/** The container to use: -c, the default-container annotation, or the first one (saying so when there are several). */
export function containerFor(env: KubectlEnv, pod: KObject, requested: string | undefined): string | undefined {
  if (requested) return requested;
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.includes(annotated)) return annotated;
  if (containers.length > 1) env.ctx.err(`Defaulted container "${containers[0]}" out of: ${containers.join(', ')}`);
  return containers[0];
}
