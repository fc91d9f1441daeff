/**
 * One cluster: store, API server, trace and the components that watch it, all
 * on one simulated clock and one seeded random source. No terminal, no React:
 * a test can create a cluster, send requests, advance the clock and assert.
 */
import { SimClock, driveClock } from './clock.js';
import { Random } from './random.js';
import { Store } from './store/store.js';
import { Registry } from './api/registry.js';
import { ApiServer, ADMIN } from './api/server.js';
import { Client } from './api/client.js';
import { Trace } from './trace.js';
import { InformerFactory } from './runtime/informer.js';
import { ControllerWorker, WorkQueue, type Controller, type Worker } from './runtime/controller.js';
import { EventRecorder } from './runtime/events.js';
import { builtinResources } from './api/resources/builtin.js';
import { attachStrategies } from './api/strategies/index.js';
import { attachPrinters } from './api/printers/index.js';
import { installAdmission } from './api/plugins/index.js';
import { bootstrap } from './bootstrap.js';
import type { UserInfo } from './api/types.js';

export interface ClusterOptions {
  /** Seed of the random source: same seed and same commands, same cluster. */
  seed?: number;
  /** Share a clock with other clusters (several AKS clusters in one world). */
  clock?: SimClock;
  /** The cluster's name (the AKS cluster name). */
  name?: string;
  /** Keep this many events for watch resumption. */
  historyLimit?: number;
}

export const CONTROLLER_MANAGER: UserInfo = { username: 'system:kube-controller-manager', groups: ['system:authenticated'] };

export class Cluster {
  readonly name: string;
  readonly seed: number;
  readonly clock: SimClock;
  readonly rng: Random;
  readonly store: Store;
  readonly registry: Registry;
  readonly trace: Trace;
  readonly api: ApiServer;
  /** The learner's identity (kubernetes-admin in system:masters). */
  readonly admin: Client;
  /** Workers in stepping order; `ready` is false only for a worker that notifies and has said it has nothing to do. */
  private readonly workers: { w: Worker; ready: boolean; notifies: boolean; removed: boolean }[] = [];
  /** How many notifying workers are marked ready, and the indices of those that must be polled. */
  private readyCount = 0;
  private polling: number[] = [];
  private rr = 0;
  private readonly factories = new Map<string, InformerFactory>();
  private readonly changeListeners = new Set<() => void>();
  private stepCount = 0;

  constructor(opts: ClusterOptions = {}) {
    this.name = opts.name ?? 'kubedojo';
    this.seed = opts.seed ?? 1;
    this.clock = opts.clock ?? new SimClock();
    this.rng = new Random(this.seed);
    this.store = new Store(opts.historyLimit);
    this.registry = new Registry();
    for (const def of builtinResources()) this.registry.add(def);
    attachStrategies(this.registry);
    attachPrinters(this.registry);
    this.trace = new Trace(() => this.clock.now());
    this.api = new ApiServer({ store: this.store, registry: this.registry, clock: this.clock, rng: this.rng.fork('apiserver'), trace: this.trace });
    installAdmission(this.api);
    this.admin = new Client(this.api, ADMIN);
    bootstrap(this);
    this.store.watch('/', () => {
      for (const l of this.changeListeners) l();
    });
  }

  /** A client acting as `user`. */
  client(user: UserInfo): Client {
    return new Client(this.api, user);
  }

  /** Shared informers for a component identity (one list+watch per resource per identity). */
  informers(user: UserInfo = CONTROLLER_MANAGER): InformerFactory {
    let f = this.factories.get(user.username);
    if (!f) this.factories.set(user.username, (f = new InformerFactory(this.client(user))));
    return f;
  }

  addWorker(w: Worker): void {
    const slot = { w, ready: true, notifies: !!w.bindWake, removed: false };
    this.workers.push(slot);
    if (slot.notifies) this.readyCount++;
    w.bindWake?.(() => {
      if (slot.ready || slot.removed) return;
      slot.ready = true;
      this.readyCount++;
    });
    this.reindex();
  }

  removeWorker(w: Worker): void {
    const i = this.workers.findIndex((s) => s.w === w);
    if (i < 0) return;
    const slot = this.workers[i]!;
    if (slot.notifies && slot.ready) this.readyCount--;
    slot.removed = true;
    this.workers.splice(i, 1);
    this.reindex();
  }

  private reindex(): void {
    this.polling = [];
    this.workers.forEach((s, i) => {
      if (!s.notifies) this.polling.push(i);
    });
  }

  /** Start a controller with its own queue, running as `user`. */
  addController(c: Controller, user: UserInfo = CONTROLLER_MANAGER): ControllerWorker {
    const queue = new WorkQueue(this.clock, c.name);
    const client = this.client(user);
    c.start({ client, informers: this.informers(user), queue, clock: this.clock, rng: this.rng.fork(c.name), trace: this.trace, events: new EventRecorder(client, this.clock, c.name) });
    const w = new ControllerWorker(c, queue);
    this.addWorker(w);
    return w;
  }

  // ---- simulation ----

  /** Do one unit of work of the next worker that has some (round-robin, stable order). */
  step(): boolean {
    const n = this.workers.length;
    // Nobody woken: only the workers that must be asked can have work; ask them in the same round-robin order.
    if (this.readyCount === 0) {
      const p = this.polling;
      let start = 0;
      while (start < p.length && p[start]! < this.rr) start++;
      for (let j = 0; j < p.length; j++) {
        const idx = p[(start + j) % p.length]!;
        const w = this.workers[idx]!.w;
        if (!w.hasWork()) continue;
        this.rr = (idx + 1) % n;
        this.stepCount++;
        w.work();
        return true;
      }
      return false;
    }
    for (let i = 0; i < n; i++) {
      const slot = this.workers[(this.rr + i) % n]!;
      // A worker that notifies is asked only after it said it may have work (hundreds of idle kubelets cost nothing).
      if (slot.notifies && !slot.ready) continue;
      const w = slot.w;
      if (!w.hasWork()) {
        if (slot.notifies) {
          slot.ready = false;
          this.readyCount--;
        }
        continue;
      }
      this.rr = (this.rr + i + 1) % n;
      this.stepCount++;
      w.work();
      return true;
    }
    return false;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Run every worker until none has work at the current instant. */
  runUntilIdle(maxSteps = 5_000_000): number {
    let n = 0;
    while (n < maxSteps && this.step()) n++;
    return n;
  }

  /** Advance simulated time by `ms`, firing timers in order and letting components react to each. */
  advance(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  advanceTo(target: number): void {
    driveClock(this.clock, () => this.runUntilIdle(), target);
  }

  /**
   * Advance until `done()` holds or `timeoutMs` passes, checking after every
   * timer (what `kubectl wait` and `rollout status` do). Returns whether it held.
   */
  advanceUntil(done: () => boolean, timeoutMs: number): boolean {
    return driveClock(this.clock, () => this.runUntilIdle(), this.clock.now() + timeoutMs, done);
  }

  /** Called after any stored change (the UI throttles its renders). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}
