/**
 * Discovery as kube-apiserver serves it: aggregated v2 (one document each for
 * /api and /apis, with the exact content type kubectl requires) and the legacy
 * per-group-version lists, both from the one registry.
 */
import type { Registry } from '../cluster/api/registry.js';
import type { ResourceDef } from '../cluster/api/resource.js';
import { ALL_VERBS } from '../cluster/api/resource.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Kinds and verbs of subresources, as discovery reports them. */
const SUBRESOURCES: Record<string, { kind: string; group?: string; version?: string; verbs: string[] }> = {
  status: { kind: '', verbs: ['get', 'patch', 'update'] },
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  binding: { kind: 'Binding', verbs: ['create'] },
  eviction: { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  log: { kind: 'Pod', verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  proxy: { kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  ephemeralcontainers: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  finalize: { kind: 'Namespace', verbs: ['update'] },
  token: { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] },
};

function verbsOf(def: ResourceDef): string[] {
  return [...(def.verbs ?? ALL_VERBS)].sort();
}

function aggregatedResource(def: ResourceDef) {
  return {
    resource: def.plural,
    responseKind: { group: def.group, version: def.version, kind: def.kind },
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: verbsOf(def),
    ...(def.shortNames?.length ? { shortNames: def.shortNames } : {}),
    ...(def.categories?.length ? { categories: def.categories } : {}),
    ...(def.subresources?.length
      ? {
          subresources: def.subresources.map((s) => {
            const sub = SUBRESOURCES[s] ?? { kind: def.kind, verbs: ['get'] };
            return { subresource: s, responseKind: { group: sub.group ?? def.group, version: sub.version ?? def.version, kind: sub.kind || def.kind }, verbs: sub.verbs };
          }),
        }
      : {}),
  };
}

function byGroup(registry: Registry): Map<string, Map<string, ResourceDef[]>> {
  const out = new Map<string, Map<string, ResourceDef[]>>();
  for (const d of registry.all()) {
    if (!out.has(d.group)) out.set(d.group, new Map());
    const g = out.get(d.group)!;
    if (!g.has(d.version)) g.set(d.version, []);
    g.get(d.version)!.push(d);
  }
  return out;
}

/** `GET /api` or `GET /apis` in the aggregated form. */
export function aggregatedDiscovery(registry: Registry, core: boolean) {
  const items = [];
  for (const [group, versions] of byGroup(registry)) {
    if ((group === '') !== core) continue;
    items.push({
      metadata: core ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
      versions: [...versions].map(([version, defs]) => ({
        version,
        resources: defs.sort((a, b) => a.plural.localeCompare(b.plural)).map(aggregatedResource),
        freshness: 'Current',
      })),
    });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

export function legacyCore() {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
}

export function legacyGroups(registry: Registry) {
  const groups = [];
  for (const [group, versions] of byGroup(registry)) {
    if (group === '') continue;
    const vs = [...versions.keys()].map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
    groups.push({ name: group, versions: vs, preferredVersion: vs[0] });
  }
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function legacyGroup(registry: Registry, group: string) {
  const versions = byGroup(registry).get(group);
  if (!versions || group === '') return undefined;
  const vs = [...versions.keys()].map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: vs, preferredVersion: vs[0] };
}

/** `GET /api/v1` or `/apis/<g>/<v>`: an APIResourceList, subresources as `pods/log` entries. */
export function resourceList(registry: Registry, group: string, version: string) {
  const defs = byGroup(registry).get(group)?.get(version);
  if (!defs) return undefined;
  const resources = [];
  for (const d of [...defs].sort((a, b) => a.plural.localeCompare(b.plural))) {
    resources.push({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: verbsOf(d),
      ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
      ...(d.categories?.length ? { categories: d.categories } : {}),
    });
    for (const s of d.subresources ?? []) {
      const sub = SUBRESOURCES[s] ?? { kind: d.kind, verbs: ['get'] };
      resources.push({
        name: `${d.plural}/${s}`,
        singularName: '',
        namespaced: d.namespaced,
        ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind || d.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
