/**
 * The one registry of served resources. Discovery (`kubectl api-resources`,
 * serve mode's /api and /apis), kubectl's name resolution and the API server's
 * routing all read it. CRDs add to it at run time.
 */
import { apiVersionOf, type ResourceDef } from './resource.js';

export class Registry {
  private defs: ResourceDef[] = [];
  private byPlural = new Map<string, ResourceDef>();
  /** group → plural → def: every API request routes through get(), so no key string is built there. */
  private byGroup = new Map<string, Map<string, ResourceDef>>();
  private byKindKey = new Map<string, ResourceDef>();
  private listeners = new Set<() => void>();

  add(def: ResourceDef): void {
    const key = `${def.group}/${def.plural}`;
    const existing = this.byPlural.get(key);
    if (existing) this.defs = this.defs.filter((d) => d !== existing);
    this.defs.push(def);
    this.byPlural.set(key, def);
    let g = this.byGroup.get(def.group);
    if (!g) this.byGroup.set(def.group, (g = new Map()));
    g.set(def.plural, def);
    this.byKindKey.set(`${def.group}/${def.kind}`, def);
    for (const l of this.listeners) l();
  }

  remove(group: string, plural: string): void {
    const def = this.byPlural.get(`${group}/${plural}`);
    if (!def) return;
    this.defs = this.defs.filter((d) => d !== def);
    this.byPlural.delete(`${group}/${plural}`);
    this.byGroup.get(group)?.delete(plural);
    this.byKindKey.delete(`${group}/${def.kind}`);
    for (const l of this.listeners) l();
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  all(): readonly ResourceDef[] {
    return this.defs;
  }

  /** By group and plural (`apps`, `deployments`). */
  get(group: string, plural: string): ResourceDef | undefined {
    return this.byGroup.get(group)?.get(plural);
  }

  /** By apiVersion and kind, as in a manifest (`apps/v1`, `Deployment`). */
  forKind(apiVersion: string, kind: string): ResourceDef | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const def = this.byKindKey.get(`${group}/${kind}`);
    return def && def.version === version ? def : undefined;
  }

  /** Does some served version of this group have the kind (for a better error)? */
  kindInGroup(group: string, kind: string): ResourceDef | undefined {
    return this.byKindKey.get(`${group}/${kind}`);
  }

  /**
   * Resolve what a user types (`po`, `pod`, `pods`, `deploy`, `deployments.apps`,
   * `deployments.v1.apps`) as kubectl's RESTMapper does. Core and built-in groups win ties.
   */
  resolve(name: string): ResourceDef | undefined {
    const lower = name.toLowerCase();
    const parts = lower.split('.');
    const candidates: [string, string | undefined, string | undefined][] = [[lower, undefined, undefined]];
    if (parts.length >= 2) {
      candidates.push([parts[0]!, undefined, parts.slice(1).join('.')]);
      if (parts.length >= 3) candidates.push([parts[0]!, parts[1], parts.slice(2).join('.')]);
    }
    for (const [res, version, group] of candidates) {
      const hit = this.defs.find(
        (d) =>
          (group === undefined || d.group === group) &&
          (version === undefined || d.version === version) &&
          (d.plural === res || d.singular === res || d.kind.toLowerCase() === res || (d.shortNames ?? []).includes(res)),
      );
      if (hit) return hit;
    }
    return undefined;
  }

  /** Groups with their versions, in the order discovery lists them (core first). */
  groups(): { group: string; versions: string[] }[] {
    const out = new Map<string, Set<string>>();
    for (const d of this.defs) {
      if (!out.has(d.group)) out.set(d.group, new Set());
      out.get(d.group)!.add(d.version);
    }
    return [...out].map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  apiVersions(): string[] {
    return [...new Set(this.defs.map(apiVersionOf))].sort();
  }
}
