/**
 * What `get`, `describe` and friends were asked for: `pods`, `pods,svc`,
 * `pods a b`, `pod/a deploy/b`, `all` (the `all` category in discovery
 * order), resolved against the registry as kubectl's RESTMapper does.
 */
import type { Registry } from '../../cluster/api/registry.js';
import type { ResourceDef } from '../../cluster/api/resource.js';

export interface Target {
  def: ResourceDef;
  /** Empty: list. */
  names: string[];
}

export type TargetResult = { ok: true; targets: Target[] } | { ok: false; error: string };

export function groupResource(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** `pod`, `deployment.apps`: the prefix of `-o name` and multi-type tables. */
export function kindPrefix(def: ResourceDef): string {
  const k = def.kind.toLowerCase();
  return def.group ? `${k}.${def.group}` : k;
}

function resolveTypes(registry: Registry, text: string): ResourceDef[] | string {
  const out: ResourceDef[] = [];
  for (const t of text.split(',').filter((x) => x !== '')) {
    if (t === 'all') {
      for (const d of registry.all()) if (d.categories?.includes('all') && !out.includes(d)) out.push(d);
      continue;
    }
    const def = registry.resolve(t);
    if (!def) return `error: the server doesn't have a resource type "${t}"`;
    if (!out.includes(def)) out.push(def);
  }
  return out;
}

export function parseTargets(registry: Registry, args: string[]): TargetResult {
  if (args.length === 0) return { ok: true, targets: [] };
  if (args[0]!.includes('/')) {
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) return { ok: false, error: `error: arguments in resource/name form must have a single resource and name` };
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!name) return { ok: false, error: `error: arguments in resource/name form must have a single resource and name` };
      const defs = resolveTypes(registry, type);
      if (typeof defs === 'string') return { ok: false, error: defs };
      const def = defs[0]!;
      const last = targets[targets.length - 1];
      if (last && last.def === def) last.names.push(name);
      else targets.push({ def, names: [name] });
    }
    return { ok: true, targets };
  }
  if (args.slice(1).some((a) => a.includes('/'))) {
    return { ok: false, error: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" };
  }
  const defs = resolveTypes(registry, args[0]!);
  if (typeof defs === 'string') return { ok: false, error: defs };
  const names = args.slice(1);
  if (names.length > 0 && defs.length > 1) return { ok: false, error: `error: you may only specify a single resource type` };
  return { ok: true, targets: defs.map((def) => ({ def, names: [...names] })) };
}
