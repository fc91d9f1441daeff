import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons, formatProblem } from '../../src/lessons/loader.js';
import { proveLesson } from '../../src/lessons/proof.js';
import { lessonsMain } from '../../src/lessons/cli.js';
import { Dojo } from '../../src/lessons/dojo.js';
import { confProgress, memoryProgress } from '../../src/lessons/progress.js';

const FIX = join(import.meta.dirname, 'fixtures');

function io() {
  const lines: string[] = [];
  return { lines, out: (t: string) => lines.push(t), err: (t: string) => lines.push(`ERR ${t}`), text: () => lines.join('\n') };
}

describe('lesson schema', () => {
  it('reports every problem with the file and the path of the bad field', () => {
    const r = loadLessons(join(FIX, 'bad'));
    const text = r.problems.map(formatProblem);
    expect(r.lessons).toHaveLength(0);
    expect(text).toContain('test/lessons/fixtures/bad/broken.yaml: id: must be lowercase letters, digits, dots and dashes');
    expect(text.some((t) => t.includes('broken.yaml: steps[0].goals[0].check: unknown predicate "podz"'))).toBe(true);
    expect(text.some((t) => t.includes('broken.yaml: steps[0].solution: must be a non-empty list of commands'))).toBe(true);
    expect(text.some((t) => t.includes('broken.yaml: steps[0].nearMisses: every step needs at least one near miss'))).toBe(true);
    expect(text.some((t) => t.startsWith('test/lessons/fixtures/bad/notyaml.yaml: not valid YAML'))).toBe(true);
  });

  it('lint prints the problems and fails', () => {
    let out = '';
    expect(lessonsMain(['lint', join(FIX, 'bad')], (t) => (out += t))).toBe(1);
    expect(out).toContain('unknown predicate "podz"');
    expect(lessonsMain(['lint', join(FIX, 'good')], () => {})).toBe(0);
  });
});

describe('grader proofs', () => {
  it('passes a lesson whose solution and alternatives pass and near misses fail', () => {
    const { lessons } = loadLessons(join(FIX, 'good'));
    const r = proveLesson(lessons[0]!);
    expect(r.failures).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('fails a lesson that starts solved and whose near miss passes', () => {
    const { lessons } = loadLessons(join(FIX, 'weak'));
    const r = proveLesson(lessons[0]!);
    expect(r.ok).toBe(false);
    expect(r.failures.join('\n')).toContain('goal "some namespace other than default exists" already holds before the learner does anything');
    expect(r.failures.join('\n')).toContain('near miss 1 passes but must fail');
  });

  it('`lessons test` prints PASS/FAIL per lesson and exits non-zero on a failure', () => {
    let out = '';
    expect(lessonsMain(['test', join(FIX, 'good')], (t) => (out += t))).toBe(0);
    expect(out).toBe('PASS basics.namespaces\n');
    out = '';
    expect(lessonsMain(['test', join(FIX, 'weak')], (t) => (out += t))).toBe(1);
    expect(out).toMatch(/^FAIL weak\.grader: /);
  });
});

describe('taking a lesson', () => {
  it('ticks goals as the cluster changes, gives tiered hints, and needs an explicit next', () => {
    const d = new Dojo({ lessonsDir: join(FIX, 'good'), progress: memoryProgress() });
    const o = io();
    expect(d.exec('hint', o)).toBe(1);
    expect(d.exec('lesson basics.namespaces', o)).toBe(0);
    expect(o.text()).toContain('Step 1/2: Create a namespace called `team-a`');
    d.exec('hint', o);
    expect(o.lines.at(-1)).toBe('Hint: Which kubectl verb makes new objects?');
    d.exec('kubectl get pods', o); // a miss
    d.exec('kubectl create -f fixtures/settings-default.yaml', o); // a second miss, and the wrong state
    expect(o.text()).toContain('Hint: The ConfigMap went to the default namespace; use -n team-a.');
    expect(o.text()).toContain('Hint: `kubectl create namespace team-a`');
    d.exec('kubectl create -f fixtures/ns-team-a.yaml', o);
    expect(d.lessonView()!.goals.map((g) => g.done)).toEqual([true, false]);
    d.exec('kubectl create -f fixtures/settings-team-a.yaml', o);
    expect(d.lessonView()!.stepComplete).toBe(true);
    expect(o.text()).toContain('✓ Step 1 of 2 done');
    expect(o.text()).toContain('you (kubectl): created namespaces (team-a)');
    expect(d.lessonView()!.step).toBe(1);
    d.exec('next', o);
    expect(d.lessonView()!.step).toBe(2);
    d.exec('kubectl delete -f fixtures/settings-team-a.yaml', o);
    expect(d.lessonView()!.stepComplete).toBe(true);
    d.exec('undo', o);
    expect(d.lessonView()!.stepComplete).toBe(false);
  });

  it('asks before replaying a solution, then replays it with its output', () => {
    const d = new Dojo({ lessonsDir: join(FIX, 'good'), progress: memoryProgress() });
    const o = io();
    d.exec('lesson basics.namespaces', o);
    d.exec('solution', o);
    expect(o.lines.at(-1)).toContain('Type `solution --yes`');
    expect(d.lessonView()!.stepComplete).toBe(false);
    d.exec('solution --yes', o);
    expect(o.text()).toContain('$ kubectl apply -f fixtures/team-a.yaml');
    expect(o.text()).toContain('namespace/team-a created');
    expect(d.lessonView()!.stepComplete).toBe(true);
  });

  it('undo restores the previous state exactly', () => {
    const d = new Dojo({ lessonsDir: join(FIX, 'good'), progress: memoryProgress() });
    const o = io();
    d.exec('lesson basics.namespaces', o);
    d.exec('kubectl create -f fixtures/ns-team-a.yaml', o);
    d.advance(5_000);
    const snapshot = (dojo: Dojo) => dojo.cluster!.store.list('/registry').map((e) => [e.key, e.value]);
    const before = JSON.stringify(snapshot(d));
    const clock = d.env.world.clock.now();
    d.exec('kubectl create -f fixtures/settings-default.yaml', o);
    expect(JSON.stringify(snapshot(d))).not.toBe(before);
    d.exec('undo', o);
    expect(o.lines.at(-1)).toBe('Undid: kubectl create -f fixtures/settings-default.yaml');
    expect(JSON.stringify(snapshot(d))).toBe(before);
    expect(d.env.world.clock.now()).toBe(clock);
  });

  it('journals time a front end advanced on its own (observe), so undo replays it', () => {
    const d = new Dojo({ lessonsDir: join(FIX, 'good'), progress: memoryProgress() });
    const o = io();
    d.exec('lesson basics.namespaces', o);
    d.exec('kubectl create -f fixtures/ns-team-a.yaml', o);
    d.env.world.advance(7_000); // the TUI's ticker
    d.observe();
    const clock = d.env.world.clock.now();
    d.exec('kubectl create -f fixtures/settings-default.yaml', o);
    d.exec('undo', o);
    expect(d.env.world.clock.now()).toBe(clock);
    expect(d.cluster!.store.get('/registry/namespaces/team-a')).toBeDefined();
    expect(d.cluster!.store.get('/registry/configmaps/default/settings')).toBeUndefined();
  });

  it('keeps progress across a restart and sets a corrupt progress file aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-progress-'));
    const a = new Dojo({ lessonsDir: join(FIX, 'good'), progress: confProgress(dir) });
    const o = io();
    a.exec('lesson basics.namespaces', o);
    a.exec('solution --yes', o);
    a.exec('next', o);
    const b = new Dojo({ lessonsDir: join(FIX, 'good'), progress: confProgress(dir) });
    expect(b.startupNotice()).toContain('Type `lesson basics.namespaces` to continue where you were (step 2)');
    b.exec('lessons', o);
    expect(o.lines.at(-1)).toContain('• basics.namespaces');
    const file = join(dir, 'progress.json');
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, '{ this is not json');
    const store = confProgress(dir);
    expect(store.notice).toContain('set aside');
    expect(store.read().lessons).toEqual({});
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{ this is not json');
    writeFileSync(file, JSON.stringify({ progress: { schemaVersion: 99, lessons: {} } }));
    expect(confProgress(dir).notice).toContain('newer kubedojo');
  });

  it('answers unknown lesson ids and lesson commands outside a lesson clearly', () => {
    const d = new Dojo({ lessonsDir: join(FIX, 'good'), progress: memoryProgress() });
    const o = io();
    expect(d.exec('lesson namespaces', o)).toBe(1);
    expect(o.lines.at(-1)).toBe('ERR error: no lesson "namespaces"; did you mean basics.namespaces? (type `lessons` for the list)');
    expect(d.exec('next', o)).toBe(1);
    expect(d.exec('solution', o)).toBe(1);
  });
});
