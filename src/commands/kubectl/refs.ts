/**
 * Resource arguments as kubectl's builder reads them: `TYPE NAME…`,
 * `TYPE/NAME…`, `TYPE1,TYPE2` with `-l`/`--all`, or `-f FILE`.
 */
import type { ResourceDef } from '../../cluster/api/resource.js';
import type { KObject } from '../../cluster/api/types.js';
import type { KubectlEnv } from './verb.js';
import { readManifests } from './manifests.js';
import { serverError } from './output.js';

export interface Ref {
  def: ResourceDef;
  gr: string;
  ns: string | undefined;
  name: string;
}

export const gr = (def: ResourceDef) => (def.group ? `${def.plural}.${def.group}` : def.plural);

export type Refs = { ok: true; refs: Ref[]; selected: boolean } | { ok: false; error: string };

export const NO_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Resolve the arguments to object references (listing for `-l`, `--all`, `-A`). */
export function resolveRefs(env: KubectlEnv, opts: { selector?: string; fieldSelector?: string; all?: boolean; allNamespaces?: boolean; files?: string[]; recursive?: boolean }): Refs {
  const { cluster, client, args } = env;
  const refs: Ref[] = [];
  if (opts.files && opts.files.length > 0) {
    const read = readManifests(env.ctx, opts.files, opts.recursive);
    if (!read.ok) return read;
    for (const { object, source } of read.items) {
      const def = cluster.registry.forKind(String(object.apiVersion ?? ''), String(object.kind ?? ''));
      if (!def) return { ok: false, error: `error: resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${String(object.kind)}" in version "${String(object.apiVersion)}"\nensure CRDs are installed first` };
      refs.push({ def, gr: gr(def), ns: def.namespaced ? (object.metadata?.namespace ?? env.namespace) : undefined, name: object.metadata?.name ?? '' });
    }
    return { ok: true, refs, selected: false };
  }
  if (args.length === 0) return { ok: false, error: NO_RESOURCES };
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) return { ok: false, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const def = cluster.registry.resolve(a.slice(0, i));
      if (!def) return { ok: false, error: `error: the server doesn't have a resource type "${a.slice(0, i)}"` };
      refs.push({ def, gr: gr(def), ns: def.namespaced ? env.namespace : undefined, name: a.slice(i + 1) });
    }
    return { ok: true, refs, selected: false };
  }
  const types: ResourceDef[] = [];
  for (const t of args[0]!.split(',')) {
    const def = cluster.registry.resolve(t);
    if (!def) return { ok: false, error: `error: the server doesn't have a resource type "${t}"` };
    types.push(def);
  }
  const names = args.slice(1);
  const selecting = opts.selector !== undefined || opts.fieldSelector !== undefined || !!opts.all;
  if (names.length > 0 && opts.selector !== undefined) return { ok: false, error: 'error: name cannot be provided when a selector is specified' };
  if (names.length === 0 && !selecting) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
  for (const def of types) {
    if (names.length > 0) {
      for (const n of names) refs.push({ def, gr: gr(def), ns: def.namespaced ? env.namespace : undefined, name: n });
      continue;
    }
    const ns = def.namespaced && !opts.allNamespaces ? env.namespace : undefined;
    const r = client.list<KObject>(gr(def), ns, { labelSelector: opts.selector, fieldSelector: opts.fieldSelector });
    if (!r.ok) return { ok: false, error: serverError(r.status) };
    for (const o of r.object.items) refs.push({ def, gr: gr(def), ns: def.namespaced ? o.metadata?.namespace : undefined, name: o.metadata?.name ?? '' });
  }
  return { ok: true, refs, selected: selecting && names.length === 0 };
}

/** `pod "web"` / `deployment.apps "web"` as kubectl names an object in messages. */
export function quotedRef(def: ResourceDef, name: string): string {
  return `${def.group ? `${def.kind.toLowerCase()}.${def.group}` : def.kind.toLowerCase()} "${name}"`;
}
