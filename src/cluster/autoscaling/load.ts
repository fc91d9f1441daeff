/**
 * Generated load: a stream of requests per second sent to a Service, spread
 * over its ready endpoints as kube-proxy spreads them (each ready endpoint is
 * equally likely, so each gets an equal share of the rate). Streams start and
 * end on the simulated clock; usage.ts turns each pod's share into CPU.
 */
import type { Cluster } from '../cluster.js';
import { kubeProxyOf } from '../services/kube-proxy.js';

export interface LoadStream {
  namespace: string;
  service: string;
  rps: number;
  from: number;
  /** Infinity: until stopped. */
  until: number;
}

export class LoadGenerator {
  private streams: LoadStream[] = [];
  constructor(private readonly cluster: Cluster) {}

  /** Send `rps` requests per second to a Service from now, for `forMs` (or until stopped); replaces an earlier stream to it. */
  start(namespace: string, service: string, rps: number, forMs?: number): LoadStream {
    const now = this.cluster.clock.now();
    this.stop(namespace, service);
    // Streams that ended are never read again.
    this.streams = this.streams.filter((x) => x.until > now);
    const s: LoadStream = { namespace, service, rps, from: now, until: forMs === undefined ? Infinity : now + forMs };
    this.streams.push(s);
    this.cluster.trace.note('load', `${rps} requests/s to service ${namespace}/${service}${forMs === undefined ? '' : ` for ${forMs / 1000}s`}`);
    return s;
  }

  /** Stop the stream to a Service; true when there was one. */
  stop(namespace: string, service: string): boolean {
    const now = this.cluster.clock.now();
    let found = false;
    for (const s of this.streams) {
      if (s.namespace === namespace && s.service === service && s.until > now) {
        s.until = now;
        found = true;
      }
    }
    return found;
  }

  /** Streams running now, in the order they started. */
  active(): LoadStream[] {
    const now = this.cluster.clock.now();
    return this.streams.filter((s) => s.from <= now && now < s.until);
  }

  /** Requests per second each pod receives now, by `namespace/pod`. */
  perPod(): Map<string, number> {
    const out = new Map<string, number>();
    const active = this.active();
    if (active.length === 0) return out;
    const table = kubeProxyOf(this.cluster)?.rules();
    if (!table) return out;
    // The Service's first port carries the requests (a web front end's one port).
    const first = new Map<string, (typeof table.ports)[number]>();
    for (const p of table.ports) {
      const k = `${p.namespace}/${p.service}`;
      if (!first.has(k)) first.set(k, p);
    }
    for (const s of active) {
      const port = first.get(`${s.namespace}/${s.service}`);
      if (!port) continue;
      const pods = [...new Set(port.endpoints.filter((e) => e.ready && e.pod).map((e) => e.pod!))].sort();
      if (pods.length === 0) continue;
      for (const pod of pods) {
        const key = `${s.namespace}/${pod}`;
        out.set(key, (out.get(key) ?? 0) + s.rps / pods.length);
      }
    }
    return out;
  }
}

const generators = new WeakMap<Cluster, LoadGenerator>();

export function loadOf(cluster: Cluster): LoadGenerator {
  let g = generators.get(cluster);
  if (!g) generators.set(cluster, (g = new LoadGenerator(cluster)));
  return g;
}
