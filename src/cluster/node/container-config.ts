/**
 * What the kubelet reads from the API to run a container: environment
 * variables (values, ConfigMap/Secret keys, the downward API, service links)
 * (volumes are in volumes/). Missing references give the upstream error
 * texts (CreateContainerConfigError).
 */
import type { ConfigMap, Container, EnvVar, Pod, Secret, Service } from 'kubernetes-types/core/v1.js';
import type { Client } from '../api/client.js';
import type { KObject } from '../api/types.js';
import { Informer } from '../runtime/informer.js';

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

const BY_NAMESPACE = 'namespace';

/**
 * The kubelet's watches on ConfigMaps, Secrets and Services: as upstream's
 * watch-based manager (ConfigMapAndSecretChangeDetectionStrategy=Watch), one
 * watch per ConfigMap or Secret a pod refers to (fieldSelector on its name),
 * started the first time it is needed, so a write to another object reaches
 * no kubelet; and one informer on all Services (for the environment). Reads
 * come from what the watches delivered.
 */
export class ConfigWatches {
  private readonly informers = new Map<string, Informer>();
  private readonly objects = new Map<string, { value: KObject | undefined; cancel?: () => void }>();
  constructor(private readonly client: Client) {}

  /** One ConfigMap or Secret, through its own watch. */
  object<T>(resource: 'configmaps' | 'secrets', namespace: string, name: string): T | undefined {
    const key = `${resource}/${namespace}/${name}`;
    let w = this.objects.get(key);
    if (!w) {
      const slot: { value: KObject | undefined; cancel?: () => void } = { value: undefined };
      const r = this.client.watch(resource, namespace, (e) => {
        if (e.type === 'ADDED' || e.type === 'MODIFIED') slot.value = e.object;
        else if (e.type === 'DELETED') slot.value = undefined;
      }, { name });
      if (r.ok) slot.cancel = r.cancel;
      this.objects.set(key, (w = slot));
    }
    return w.value as T | undefined;
  }

  for<T>(resource: 'configmaps' | 'secrets' | 'services'): Informer<T & KObject> {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(this.client, resource);
      inf.addIndex(BY_NAMESPACE, (o) => [o.metadata?.namespace ?? '']);
      inf.start();
      this.informers.set(resource, inf);
    }
    return inf as unknown as Informer<T & KObject>;
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
    this.informers.clear();
    for (const w of this.objects.values()) w.cancel?.();
    this.objects.clear();
  }
}

/** Reads what a container's config refers to: through the node's watches, or (without them) with a GET/LIST each, cached for this reader. */
export class ConfigReader {
  private cms = new Map<string, ConfigMap | null>();
  private secrets = new Map<string, Secret | null>();
  constructor(
    private readonly client: Client,
    private readonly watches?: ConfigWatches,
  ) {}

  configMap(ns: string, name: string): ConfigMap | undefined {
    if (this.watches) return this.watches.object<ConfigMap>('configmaps', ns, name);
    const k = `${ns}/${name}`;
    if (!this.cms.has(k)) {
      const r = this.client.get<ConfigMap>('configmaps', ns, name);
      this.cms.set(k, r.ok ? r.object : null);
    }
    return this.cms.get(k) ?? undefined;
  }

  secret(ns: string, name: string): Secret | undefined {
    if (this.watches) return this.watches.object<Secret>('secrets', ns, name);
    const k = `${ns}/${name}`;
    if (!this.secrets.has(k)) {
      const r = this.client.get<Secret>('secrets', ns, name);
      this.secrets.set(k, r.ok ? r.object : null);
    }
    return this.secrets.get(k) ?? undefined;
  }

  services(ns: string): Service[] {
    if (this.watches) return this.watches.for<Service>('services').byIndex(BY_NAMESPACE, ns);
    return this.client.items<Service>('services', ns);
  }
}

/** The container's environment, or the CreateContainerConfigError message. */
export function containerEnv(pod: Pod, c: Container, r: ConfigReader, podIP: string, hostIP: string): { env: [string, string][] } | { error: string } {
  const ns = pod.metadata?.namespace ?? 'default';
  // A variable set again moves to the end (as the kubelet's list does).
  const env = new Map<string, string>();
  const set = (k: string, v: string) => {
    env.delete(k);
    env.set(k, v);
  };
  if (pod.spec?.enableServiceLinks !== false) for (const [k, v] of serviceEnv(r.services(ns))) set(k, v);
  const kube = r.services('default').find((s) => s.metadata?.name === 'kubernetes');
  for (const [k, v] of serviceEnv([kube ?? { metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } }])) set(k, v);
  for (const src of c.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    if (src.configMapRef) {
      const cm = r.configMap(ns, src.configMapRef.name ?? '');
      if (!cm) {
        if (src.configMapRef.optional) continue;
        return { error: `configmap "${src.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) set(prefix + k, v);
    }
    if (src.secretRef) {
      const s = r.secret(ns, src.secretRef.name ?? '');
      if (!s) {
        if (src.secretRef.optional) continue;
        return { error: `secret "${src.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) set(prefix + k, b64(v));
      for (const [k, v] of Object.entries(s.stringData ?? {})) set(prefix + k, v);
    }
  }
  for (const e of c.env ?? []) {
    const v = envValue(pod, c, e, r, ns, podIP, hostIP, env);
    if (typeof v === 'object') return v;
    if (v !== undefined) set(e.name, v);
  }
  return { env: [...env] };
}

function envValue(pod: Pod, c: Container, e: EnvVar, r: ConfigReader, ns: string, podIP: string, hostIP: string, env: Map<string, string>): string | undefined | { error: string } {
  if (e.value !== undefined) return e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, k: string) => env.get(k) ?? all);
  const vf = e.valueFrom;
  if (!vf) return '';
  if (vf.configMapKeyRef) {
    const { name = '', key, optional } = vf.configMapKeyRef;
    const cm = r.configMap(ns, name);
    if (!cm) return optional ? undefined : { error: `configmap "${name}" not found` };
    const v = cm.data?.[key];
    if (v === undefined) return optional ? undefined : { error: `couldn't find key ${key} in ConfigMap ${ns}/${name}` };
    return v;
  }
  if (vf.secretKeyRef) {
    const { name = '', key, optional } = vf.secretKeyRef;
    const s = r.secret(ns, name);
    if (!s) return optional ? undefined : { error: `secret "${name}" not found` };
    const v = s.data?.[key];
    if (v === undefined) return optional ? undefined : { error: `couldn't find key ${key} in Secret ${ns}/${name}` };
    return b64(v);
  }
  if (vf.fieldRef) {
    const p = vf.fieldRef.fieldPath;
    const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(p);
    if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]!] ?? '';
    const fields: Record<string, string | undefined> = {
      'metadata.name': pod.metadata?.name,
      'metadata.namespace': ns,
      'metadata.uid': pod.metadata?.uid,
      'spec.nodeName': pod.spec?.nodeName,
      'spec.serviceAccountName': pod.spec?.serviceAccountName,
      'status.podIP': podIP,
      'status.podIPs': podIP,
      'status.hostIP': hostIP,
      'status.hostIPs': hostIP,
    };
    return fields[p] ?? '';
  }
  if (vf.resourceFieldRef) {
    const res = vf.resourceFieldRef.resource;
    const [kind, what] = res.split('.') as [string, string];
    const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[what];
    return q === undefined ? (what === 'memory' ? '7516192768' : '2') : String(q);
  }
  return '';
}

/** Docker-link style service variables (FOO_SERVICE_HOST, FOO_PORT_80_TCP_ADDR, …). */
function serviceEnv(services: Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of [...services].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = (s.metadata?.name ?? '').toUpperCase().replace(/-/g, '_');
    const ports = s.spec?.ports ?? [];
    const first = ports[0];
    out.push([`${name}_SERVICE_HOST`, ip]);
    if (first) out.push([`${name}_SERVICE_PORT`, String(first.port)]);
    for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    if (first) out.push([`${name}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const base = `${name}_PORT_${p.port}_${proto}`;
      out.push([base, `${proto.toLowerCase()}://${ip}:${p.port}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  }
  return out;
}
