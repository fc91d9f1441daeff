/**
 * The control-plane trace: every API request (who, verb, what, result, and
 * the stage that rejected it) and the components' own narration ("scheduler
 * bound web-x → node-1 (score 87)"). Bounded; the UI and lessons subscribe.
 */
import type { Stage } from './api/types.js';

export interface RequestTrace {
  type: 'request';
  seq: number;
  time: number;
  user: string;
  /** The component behind the user (`scheduler`, `kubelet`, `deployment-controller`, `kubectl`). */
  component: string;
  verb: string;
  resource: string;
  subresource?: string;
  group: string;
  namespace?: string;
  name?: string;
  code: number;
  reason?: string;
  message?: string;
  /** Where a rejected request was stopped. */
  stage?: Stage;
  /** What the learner typed, when a command sent it (the `Kubectl-Command` header in serve mode). */
  command?: string;
  dryRun?: boolean;
}

export interface NoteTrace {
  type: 'note';
  seq: number;
  time: number;
  component: string;
  message: string;
  /** Objects the note is about: `pods/default/web-1`. */
  refs?: string[];
}

export type TraceEvent = RequestTrace | NoteTrace;

type Omitted<T> = T extends unknown ? Omit<T, 'seq' | 'time'> : never;

export class Trace {
  private buf: TraceEvent[] = [];
  private seq = 0;
  private listeners = new Set<(e: TraceEvent) => void>();

  constructor(
    private readonly now: () => number,
    private readonly limit = 5000,
  ) {}

  /** Keeps `e` itself (callers pass a fresh object): seq and time are added to it. */
  record(e: Omitted<TraceEvent>): void {
    const full = e as TraceEvent;
    full.seq = ++this.seq;
    full.time = this.now();
    this.buf.push(full);
    if (this.buf.length > this.limit * 1.25) this.buf = this.buf.slice(this.buf.length - this.limit);
    for (const l of this.listeners) l(full);
  }

  note(component: string, message: string, refs?: string[]): void {
    this.record({ type: 'note', component, message, refs });
  }

  /** Events with seq greater than `after` (all kept ones by default). */
  since(after = 0): TraceEvent[] {
    if (after <= 0) return [...this.buf];
    return this.buf.filter((e) => e.seq > after);
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(l: (e: TraceEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** Which component a user name belongs to, for the trace and the UI filter. */
export function componentOf(user: string): string {
  if (user.startsWith('system:node:')) return 'kubelet';
  if (user === 'system:kube-scheduler') return 'scheduler';
  if (user === 'system:kube-controller-manager') return 'controller-manager';
  if (user === 'system:kube-proxy') return 'kube-proxy';
  const sa = /^system:serviceaccount:kube-system:(.+)$/.exec(user);
  if (sa) return sa[1]!;
  if (user === 'system:apiserver') return 'apiserver';
  return 'kubectl';
}
