/**
 * The objects a generator command works from (`expose`, `autoscale`): the
 * manifests named by -f, or the TYPE NAME / TYPE/NAME arguments read from the
 * server. A kind the command can't use is refused before any request.
 */
import type { KObject } from '../../cluster/api/types.js';
import type { ResourceDef } from '../../cluster/api/resource.js';
import type { KubectlEnv } from './verb.js';
import { readManifests } from './manifests.js';
import { resolveRefs } from './refs.js';
import { serverError } from './output.js';

export type Sources = { ok: true; objects: KObject[] } | { ok: false; error: string };

/** `refuse` returns the error line for a kind the command can't use. */
export function sourceObjects(env: KubectlEnv, refuse: (def: ResourceDef) => string | undefined): Sources {
  const { ctx, flags, client } = env;
  const files = (flags.filename as string[] | undefined) ?? [];
  if (files.length > 0) {
    const read = readManifests(ctx, files, !!flags.recursive);
    return read.ok ? { ok: true, objects: read.items.map((i) => i.object) } : { ok: false, error: read.error };
  }
  const refs = resolveRefs(env, {});
  if (!refs.ok) return { ok: false, error: refs.error };
  const objects: KObject[] = [];
  for (const ref of refs.refs) {
    const why = refuse(ref.def);
    if (why) return { ok: false, error: why };
    const r = client.get(ref.gr, ref.ns, ref.name);
    if (!r.ok) return { ok: false, error: serverError(r.status) };
    objects.push(r.object);
  }
  return { ok: true, objects };
}
