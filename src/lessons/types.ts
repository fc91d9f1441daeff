/**
 * What a lesson is: data. A world to start from, an intro, steps with goals
 * (typed predicates over cluster state), tiered hints, a solution, other
 * routes that must also pass, near misses that must fail, and a debrief.
 */

/** A selection of objects, named as kubectl names them (`pods`, `deploy`, `nodes`). */
export interface Selection {
  kind: string;
  name?: string;
  namespace?: string;
  /** A label selector (`app=web`). */
  selector?: string;
  fieldSelector?: string;
}

/** A test on one object. */
export type ObjectTest =
  | { path: string; equals: unknown }
  | { path: string; matches: string }
  | { path: string; exists: boolean }
  | { path: string; atLeast: number }
  | { path: string; atMost: number }
  | { phase: string }
  | { ready: boolean }
  | { status: string }
  | { onNodeWith: string }
  | { hasTaint: { key?: string; value?: string; effect?: string } }
  | { condition: { type: string; status: string } }
  /** Created during the current step (a replacement pod, a new node). */
  | { fresh: boolean }
  | { allOf: ObjectTest[] }
  | { anyOf: ObjectTest[] }
  | { noneOf: ObjectTest[] };

export type Predicate =
  | { exists: Selection }
  | { absent: Selection }
  | { count: Selection & { where?: ObjectTest; equals?: number; atLeast?: number; atMost?: number } }
  | { every: Selection & { where: ObjectTest } }
  | { some: Selection & { where: ObjectTest } }
  | { event: { reason: string; kind?: string; name?: string; namePrefix?: string; namespace?: string; message?: string; type?: string } }
  | { trace: { component?: string; verb?: string; resource?: string; subresource?: string; namespace?: string; name?: string; message?: string } }
  | { request: { fromPod?: string; namespace?: string; url: string; host?: string; status?: number; bodyMatches?: string } }
  /** A file as a running pod's container sees it (`kubectl exec pod -- cat path`): its text matches, or it is absent. */
  | { file: { pod: string; namespace?: string; container?: string; path: string; matches?: string; absent?: boolean } }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

export interface Goal {
  label: string;
  check: Predicate;
  /** Simulated time the controllers may take to make it true after the last command (ms). */
  withinMs: number;
}

export type HintTrigger = { kind: 'request' } | { kind: 'misses'; misses: number } | { kind: 'command'; prefix: string } | { kind: 'state'; check: Predicate };

export interface Hint {
  say: string;
  trigger: HintTrigger;
}

export interface Step {
  id: string;
  task: string;
  goals: Goal[];
  hints: Hint[];
  solution: string[];
  alternatives: string[][];
  nearMisses: string[][];
  debrief?: string;
}

export interface WorldSpec {
  seed: number;
  profile: 'aks-default' | 'bare';
  /** Manifests applied at setup (paths relative to the lesson's folder, then the package root). */
  apply: string[];
  /** Commands run at setup (like an instructor typing before the class). */
  commands: string[];
  /** Simulated time to let pass after setup (ms). */
  settleMs: number;
}

export interface Lesson {
  id: string;
  title: string;
  minutes: number;
  requires: string[];
  world: WorldSpec;
  intro: string;
  steps: Step[];
  sandbox: boolean;
  /** Where it was loaded from (for errors and fixtures). */
  file: string;
  dir: string;
}

export interface CourseModule {
  title: string;
  lessons: string[];
}

export interface Course {
  title: string;
  modules: CourseModule[];
}
