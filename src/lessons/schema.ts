/**
 * The lesson schema: turns parsed YAML into a typed Lesson or a list of
 * problems, each with the file and the path of the bad field
 * (`lessons/pods.yaml: steps[1].goals[0].check: unknown predicate "podz"`).
 */
import { parseDuration } from '../cluster/clock.js';
import type { Course, Goal, Hint, Lesson, ObjectTest, Predicate, Selection, Step } from './types.js';

export interface Problem {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

class Checker {
  problems: Problem[] = [];
  fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }
  obj(v: unknown, path: string): Obj | undefined {
    return isObj(v) ? v : this.fail(path, `must be a mapping, got ${describe(v)}`);
  }
  str(o: Obj, key: string, path: string, required = true): string | undefined {
    const v = o[key];
    if (v === undefined) return required ? this.fail(join(path, key), 'is required') : undefined;
    return typeof v === 'string' ? v : this.fail(join(path, key), `must be a string, got ${describe(v)}`);
  }
  num(o: Obj, key: string, path: string, dflt: number): number {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.fail(join(path, key), `must be a number, got ${describe(v)}`);
    return dflt;
  }
  duration(o: Obj, key: string, path: string, dflt: number): number {
    const v = o[key];
    if (v === undefined) return dflt;
    const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined) {
      this.fail(join(path, key), `must be a duration like 30s or 5m, got ${describe(v)}`);
      return dflt;
    }
    return ms;
  }
  strList(o: Obj, key: string, path: string): string[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.fail(join(path, key), 'must be a list of strings');
      return [];
    }
    return v as string[];
  }
  unknownKeys(o: Obj, allowed: string[], path: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(join(path, k), `unknown field (allowed: ${allowed.join(', ')})`);
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

const SELECTION_KEYS = ['kind', 'name', 'namespace', 'selector', 'fieldSelector'];

function selection(c: Checker, v: unknown, path: string, extra: string[] = []): (Selection & Obj) | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  c.unknownKeys(o, [...SELECTION_KEYS, ...extra], path);
  const kind = c.str(o, 'kind', path);
  for (const k of ['name', 'namespace', 'selector', 'fieldSelector']) c.str(o, k, path, false);
  return kind ? (o as Selection & Obj) : undefined;
}

const TESTS = ['path', 'phase', 'ready', 'status', 'onNodeWith', 'hasTaint', 'condition', 'fresh', 'allOf', 'anyOf', 'noneOf'];

function objectTest(c: Checker, v: unknown, path: string): ObjectTest | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  if ('path' in o) {
    c.str(o, 'path', path);
    const ops = ['equals', 'matches', 'exists', 'atLeast', 'atMost'].filter((k) => k in o);
    if (ops.length !== 1) return c.fail(path, 'a path test needs exactly one of equals, matches, exists, atLeast, atMost');
    if ('matches' in o) {
      const m = c.str(o, 'matches', path);
      if (m !== undefined) {
        try {
          new RegExp(m);
        } catch (e) {
          c.fail(join(path, 'matches'), `invalid regular expression: ${(e as Error).message}`);
        }
      }
    }
    c.unknownKeys(o, ['path', ...ops], path);
    return o as ObjectTest;
  }
  const keys = Object.keys(o);
  if (keys.length !== 1 || !TESTS.includes(keys[0]!)) return c.fail(path, `unknown object test ${JSON.stringify(keys.join(','))} (use one of: ${TESTS.join(', ')})`);
  const k = keys[0]!;
  if (k === 'allOf' || k === 'anyOf' || k === 'noneOf') {
    const list = o[k];
    if (!Array.isArray(list) || list.length === 0) return c.fail(join(path, k), 'must be a non-empty list of object tests');
    list.forEach((t, i) => objectTest(c, t, join(join(path, k), i)));
  }
  return o as ObjectTest;
}

const PREDICATES = ['exists', 'absent', 'count', 'every', 'some', 'event', 'trace', 'request', 'file', 'all', 'any', 'not'];

export function predicate(c: Checker, v: unknown, path: string): Predicate | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  const keys = Object.keys(o);
  if (keys.length !== 1 || !PREDICATES.includes(keys[0]!)) return c.fail(path, `unknown predicate ${JSON.stringify(keys.join(','))} (use one of: ${PREDICATES.join(', ')})`);
  const k = keys[0]!;
  const p = join(path, k);
  switch (k) {
    case 'exists':
    case 'absent':
      selection(c, o[k], p);
      break;
    case 'count': {
      const s = selection(c, o[k], p, ['where', 'equals', 'atLeast', 'atMost']);
      if (s) {
        if (!['equals', 'atLeast', 'atMost'].some((x) => x in s)) c.fail(p, 'count needs equals, atLeast or atMost');
        if (s.where !== undefined) objectTest(c, s.where, join(p, 'where'));
      }
      break;
    }
    case 'every':
    case 'some': {
      const s = selection(c, o[k], p, ['where']);
      if (s) {
        if (s.where === undefined) c.fail(join(p, 'where'), 'is required');
        else objectTest(c, s.where, join(p, 'where'));
      }
      break;
    }
    case 'event': {
      const e = c.obj(o[k], p);
      if (e) {
        c.unknownKeys(e, ['reason', 'kind', 'name', 'namePrefix', 'namespace', 'message', 'type'], p);
        c.str(e, 'reason', p);
      }
      break;
    }
    case 'trace': {
      const t = c.obj(o[k], p);
      if (t) c.unknownKeys(t, ['component', 'verb', 'resource', 'subresource', 'namespace', 'name', 'message'], p);
      break;
    }
    case 'request': {
      const r = c.obj(o[k], p);
      if (r) {
        c.unknownKeys(r, ['fromPod', 'namespace', 'url', 'host', 'status', 'bodyMatches'], p);
        c.str(r, 'url', p);
      }
      break;
    }
    case 'file': {
      const f = c.obj(o[k], p);
      if (f) {
        c.unknownKeys(f, ['pod', 'namespace', 'container', 'path', 'matches', 'absent'], p);
        c.str(f, 'pod', p);
        c.str(f, 'path', p);
      }
      break;
    }
    case 'all':
    case 'any': {
      const list = o[k];
      if (!Array.isArray(list) || list.length === 0) return c.fail(p, 'must be a non-empty list of predicates');
      list.forEach((x, i) => predicate(c, x, join(p, i)));
      break;
    }
    case 'not':
      predicate(c, o[k], p);
      break;
  }
  return o as Predicate;
}

function commandList(c: Checker, v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    c.fail(path, 'must be a non-empty list of commands');
    return [];
  }
  return v as string[];
}

function hints(c: Checker, v: unknown, path: string): Hint[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return c.fail(path, 'must be a list') ?? [];
  const out: Hint[] = [];
  v.forEach((h, i) => {
    const p = join(path, i);
    const o = c.obj(h, p);
    if (!o) return;
    c.unknownKeys(o, ['say', 'after', 'onCommand', 'onState'], p);
    const say = c.str(o, 'say', p);
    const triggers = ['after', 'onCommand', 'onState'].filter((k) => k in o);
    if (triggers.length > 1) c.fail(p, 'a hint has at most one of after, onCommand, onState');
    let trigger: Hint['trigger'] = { kind: 'request' };
    if ('after' in o) {
      const a = c.obj(o.after, join(p, 'after'));
      if (a) trigger = { kind: 'misses', misses: c.num(a, 'misses', join(p, 'after'), 1) };
    } else if ('onCommand' in o) {
      const cmd = c.str(o, 'onCommand', p);
      if (cmd) trigger = { kind: 'command', prefix: cmd };
    } else if ('onState' in o) {
      const s = predicate(c, o.onState, join(p, 'onState'));
      if (s) trigger = { kind: 'state', check: s };
    }
    if (say) out.push({ say, trigger });
  });
  return out;
}

function step(c: Checker, v: unknown, path: string, defaultWithin: number): Step | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  c.unknownKeys(o, ['id', 'task', 'goals', 'hints', 'solution', 'alternatives', 'nearMisses', 'debrief'], path);
  const id = c.str(o, 'id', path);
  const task = c.str(o, 'task', path);
  const goals: Goal[] = [];
  if (!Array.isArray(o.goals) || o.goals.length === 0) c.fail(join(path, 'goals'), 'must be a non-empty list');
  else
    o.goals.forEach((g, i) => {
      const p = join(join(path, 'goals'), i);
      const go = c.obj(g, p);
      if (!go) return;
      c.unknownKeys(go, ['label', 'check', 'within'], p);
      const label = c.str(go, 'label', p);
      const check = go.check === undefined ? c.fail(join(p, 'check'), 'is required') : predicate(c, go.check, join(p, 'check'));
      const withinMs = c.duration(go, 'within', p, defaultWithin);
      if (label && check) goals.push({ label, check, withinMs });
    });
  const solution = commandList(c, o.solution, join(path, 'solution'));
  const alternatives: string[][] = [];
  if (o.alternatives !== undefined) {
    if (!Array.isArray(o.alternatives)) c.fail(join(path, 'alternatives'), 'must be a list of command lists');
    else o.alternatives.forEach((a, i) => alternatives.push(commandList(c, a, join(join(path, 'alternatives'), i))));
  }
  const nearMisses: string[][] = [];
  if (!Array.isArray(o.nearMisses) || o.nearMisses.length === 0) c.fail(join(path, 'nearMisses'), 'every step needs at least one near miss (a wrong route that must not pass)');
  else o.nearMisses.forEach((a, i) => nearMisses.push(commandList(c, a, join(join(path, 'nearMisses'), i))));
  const debrief = c.str(o, 'debrief', path, false);
  if (!id || !task) return undefined;
  return { id, task, goals, hints: hints(c, o.hints, join(path, 'hints')), solution, alternatives, nearMisses, debrief };
}

export function validateLesson(raw: unknown, file: string, dir: string): { ok: true; lesson: Lesson } | { ok: false; problems: Problem[] } {
  const c = new Checker();
  const o = c.obj(raw, '');
  if (!o) return { ok: false, problems: c.problems };
  c.unknownKeys(o, ['id', 'title', 'minutes', 'requires', 'world', 'intro', 'steps', 'finish'], '');
  const id = c.str(o, 'id', '');
  if (id && !/^[a-z0-9][a-z0-9.-]*$/.test(id)) c.fail('id', 'must be lowercase letters, digits, dots and dashes');
  const title = c.str(o, 'title', '');
  const minutes = c.num(o, 'minutes', '', 10);
  if (minutes > 10) c.fail('minutes', 'a lesson should take at most 10 minutes');
  const intro = c.str(o, 'intro', '', false) ?? '';
  const w = o.world === undefined ? {} : c.obj(o.world, 'world') ?? {};
  c.unknownKeys(w, ['seed', 'profile', 'apply', 'commands', 'settle'], 'world');
  const profile = w.profile ?? 'aks-default';
  if (profile !== 'aks-default' && profile !== 'bare') c.fail('world.profile', 'must be aks-default or bare');
  const world = { seed: c.num(w, 'seed', 'world', 1), profile: profile as 'aks-default' | 'bare', apply: c.strList(w, 'apply', 'world'), commands: c.strList(w, 'commands', 'world'), settleMs: c.duration(w, 'settle', 'world', 30_000) };
  const steps: Step[] = [];
  if (!Array.isArray(o.steps) || o.steps.length === 0) c.fail('steps', 'must be a non-empty list');
  else
    o.steps.forEach((s, i) => {
      const st = step(c, s, join('steps', i), 60_000);
      if (st) steps.push(st);
    });
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    if (ids.has(s.id)) c.fail(`steps[${i}].id`, `duplicate step id "${s.id}"`);
    ids.add(s.id);
  });
  const finish = o.finish === undefined ? {} : c.obj(o.finish, 'finish') ?? {};
  if (c.problems.length > 0 || !id || !title) return { ok: false, problems: c.problems };
  return { ok: true, lesson: { id, title, minutes, requires: c.strList(o, 'requires', ''), world, intro, steps, sandbox: finish.sandbox !== false, file, dir } };
}

export function validateCourse(raw: unknown): { ok: true; course: Course } | { ok: false; problems: Problem[] } {
  const c = new Checker();
  const o = c.obj(raw, '');
  if (!o) return { ok: false, problems: c.problems };
  const title = c.str(o, 'title', '') ?? '';
  const modules: Course['modules'] = [];
  if (!Array.isArray(o.modules)) c.fail('modules', 'must be a list');
  else
    o.modules.forEach((m, i) => {
      const p = join('modules', i);
      const mo = c.obj(m, p);
      if (!mo) return;
      modules.push({ title: c.str(mo, 'title', p) ?? '', lessons: c.strList(mo, 'lessons', p) });
    });
  return c.problems.length > 0 ? { ok: false, problems: c.problems } : { ok: true, course: { title, modules } };
}

export { Checker };
