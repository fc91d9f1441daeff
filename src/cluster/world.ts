/**
 * The world kubedojo simulates: one clock, and every cluster that lives on it
 * (`az aks create` adds more). Advancing the world lets every cluster's
 * components react to each timer in order.
 */
import { SimClock, driveClock } from './clock.js';
import { Cluster, type ClusterOptions } from './cluster.js';
import type { AzureCloud } from './cloud/cloud.js';

export class World {
  readonly clock: SimClock;
  readonly seed: number;
  /** Azure's side (resource groups, managed clusters, VNets, LBs, disks): `cloudOf(world)` in src/cluster/cloud creates it. */
  cloud: AzureCloud | undefined;
  private readonly clusters = new Map<string, Cluster>();
  private readonly listeners = new Set<() => void>();

  constructor(opts: { seed?: number; clock?: SimClock } = {}) {
    this.seed = opts.seed ?? 1;
    this.clock = opts.clock ?? new SimClock();
  }

  addCluster(opts: Omit<ClusterOptions, 'clock'> & { name: string }): Cluster {
    const c = new Cluster({ ...opts, clock: this.clock });
    this.attach(c);
    return c;
  }

  /** Adopt a cluster built elsewhere on this world's clock. */
  attach(c: Cluster): void {
    if (c.clock !== this.clock) throw new Error(`cluster ${c.name} runs on another clock`);
    this.clusters.set(c.name, c);
    c.onChange(() => this.changed());
    this.changed();
  }

  removeCluster(name: string): void {
    this.clusters.delete(name);
    this.changed();
  }

  cluster(name: string): Cluster | undefined {
    return this.clusters.get(name);
  }

  all(): Cluster[] {
    return [...this.clusters.values()];
  }

  runUntilIdle(): void {
    // One cluster: idle once it says so (no other cluster can hand it work).
    if (this.clusters.size === 1) {
      for (const c of this.clusters.values()) c.runUntilIdle();
      return;
    }
    for (;;) {
      let did = 0;
      for (const c of this.clusters.values()) did += c.runUntilIdle();
      if (did === 0) return;
    }
  }

  /** One unit of work in some cluster (the TUI's "step"). */
  step(): boolean {
    for (const c of this.clusters.values()) if (c.step()) return true;
    return false;
  }

  advance(ms: number): void {
    driveClock(this.clock, () => this.runUntilIdle(), this.clock.now() + ms);
  }

  /** Advance until `done()` or the timeout; true if it held. */
  advanceUntil(done: () => boolean, timeoutMs: number): boolean {
    return driveClock(this.clock, () => this.runUntilIdle(), this.clock.now() + timeoutMs, done);
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
