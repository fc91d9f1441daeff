/** The state of the lesson being taken: which step, which goals hold, hints shown, misses. */
import type { Lesson } from './types.js';
import { check, type CheckContext } from './predicates.js';
import type { Cluster } from '../cluster/cluster.js';

export class ActiveLesson {
  stepIndex = 0;
  goalsDone: boolean[] = [];
  hintsShown = new Set<number>();
  misses = 0;
  stepComplete = false;
  sinceTime = 0;
  sinceTraceSeq = 0;
  hintsUsed = 0;

  constructor(readonly lesson: Lesson) {}

  get step() {
    return this.lesson.steps[this.stepIndex]!;
  }

  get finished(): boolean {
    return this.stepComplete && this.stepIndex === this.lesson.steps.length - 1;
  }

  beginStep(index: number, cluster: Cluster): void {
    this.stepIndex = index;
    this.goalsDone = this.step.goals.map(() => false);
    this.hintsShown = new Set();
    this.misses = 0;
    this.stepComplete = false;
    this.sinceTime = cluster.clock.now();
    this.sinceTraceSeq = cluster.trace.lastSeq;
  }

  context(cluster: Cluster): CheckContext {
    return { cluster, sinceTime: this.sinceTime, sinceTraceSeq: this.sinceTraceSeq };
  }

  /** Re-check every goal; returns how many hold. */
  evaluate(cluster: Cluster): number {
    const ctx = this.context(cluster);
    this.goalsDone = this.step.goals.map((g) => check(ctx, g.check));
    return this.goalsDone.filter(Boolean).length;
  }
}
