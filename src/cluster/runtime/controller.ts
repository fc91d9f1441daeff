/**
 * The controller runtime: components are workers that the cluster steps one
 * unit of work at a time, in a stable order. A Controller is the common kind:
 * informer handlers enqueue keys, `reconcile(key)` reads the latest state and
 * writes through the API; the runtime owns queues, dedup and back-off.
 */
import type { Client } from '../api/client.js';
import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Trace } from '../trace.js';
import type { InformerFactory } from './informer.js';
import { WorkQueue } from './workqueue.js';
import type { EventRecorder } from './events.js';

export type ReconcileResult = void | { requeueAfterMs: number } | { error: string };

/** Anything the cluster steps: controllers, the scheduler, kubelets. */
export interface Worker {
  readonly name: string;
  /** Is there work to do right now (at the current simulated time)? */
  hasWork(): boolean;
  /** Do one unit of work. */
  work(): void;
  /**
   * Optional: the cluster passes a function to call whenever hasWork() may have
   * become true; until then it doesn't ask (idle workers cost nothing per step).
   * A worker that binds must call it on every such change.
   */
  bindWake?(wake: () => void): void;
}

export interface ControllerContext {
  client: Client;
  informers: InformerFactory;
  queue: WorkQueue;
  clock: Clock;
  rng: Random;
  trace: Trace;
  events: EventRecorder;
}

export interface Controller {
  /** `deployment-controller`, as upstream names it in events and logs. */
  readonly name: string;
  /** Set up informers and handlers (which only enqueue). */
  start(ctx: ControllerContext): void;
  reconcile(key: string): ReconcileResult;
}

export class ControllerWorker implements Worker {
  readonly name: string;
  constructor(
    readonly controller: Controller,
    readonly queue: WorkQueue,
  ) {
    this.name = controller.name;
  }

  hasWork(): boolean {
    return this.queue.length > 0;
  }

  bindWake(wake: () => void): void {
    this.queue.onAdd = wake;
  }

  work(): void {
    const key = this.queue.pop();
    if (key === undefined) return;
    const r = this.controller.reconcile(key);
    if (!r) this.queue.forget(key);
    else if ('requeueAfterMs' in r) {
      this.queue.forget(key);
      this.queue.addAfter(key, r.requeueAfterMs);
    } else this.queue.addRateLimited(key);
  }
}

export { WorkQueue };
export type { Client, Clock, Random };
