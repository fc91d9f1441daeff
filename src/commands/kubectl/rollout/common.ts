/** What the rollout sub-verbs share: finding the workload and its ReplicaSets (revisions). */
import type { KObject } from '../../../cluster/api/types.js';
import type { KubectlEnv } from '../verb.js';
import { resolveRefs, type Ref } from '../refs.js';
import { serverError } from '../output.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export type Workload = { ref: Ref; obj: KObject };

/** The one object a rollout sub-verb acts on (`deployment/web` or `deployment web`). */
export function workloads(env: KubectlEnv, supported = ['Deployment', 'DaemonSet', 'StatefulSet']): Workload[] | undefined {
  const refs = resolveRefs(env, { files: env.flags.filename as string[] | undefined, selector: env.flags.selector as string | undefined });
  if (!refs.ok) {
    env.ctx.err(refs.error);
    return undefined;
  }
  const out: Workload[] = [];
  for (const ref of refs.refs) {
    if (!supported.includes(ref.def.kind)) {
      env.ctx.err(`error: no ${env.path.split(' ')[1]}er has been implemented for {"${ref.def.group}" "${ref.def.kind}"}`);
      return undefined;
    }
    const r = env.client.get(ref.gr, ref.ns, ref.name);
    if (!r.ok) {
      env.ctx.err(serverError(r.status));
      return undefined;
    }
    out.push({ ref, obj: r.object });
  }
  return out;
}

/** ReplicaSets controlled by the deployment, oldest revision first. */
export function revisions(env: KubectlEnv, d: KObject): KObject[] {
  const rss = env.client.items<KObject>('replicasets.apps', d.metadata?.namespace);
  return rss
    .filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata?.uid))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

export function revisionOf(o: KObject): number {
  return Number(o.metadata?.annotations?.[REVISION] ?? 0);
}

export function label(w: Workload): string {
  return `${w.ref.def.kind.toLowerCase()}${w.ref.def.group ? `.${w.ref.def.group}` : ''}/${w.ref.name}`;
}
