import { describe, expect, it } from 'vitest';
import { SimClock, parseDuration } from '../../src/cluster/clock.js';
import { Random, randomSuffix } from '../../src/cluster/random.js';

describe('simulated clock', () => {
  it('fires timers in due order, ties in the order they were set, and never goes back', () => {
    const c = new SimClock(0);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('b@20'), 20);
    c.setTimeout(() => fired.push('a@10'), 10);
    c.setTimeout(() => fired.push('c@10'), 10);
    const cancelled = c.setTimeout(() => fired.push('x'), 5);
    c.clearTimeout(cancelled);
    while (c.fireNext(15));
    expect(fired).toEqual(['a@10', 'c@10']);
    expect(c.now()).toBe(10);
    expect(() => c.setNow(5)).toThrow(/never goes backwards/);
    while (c.fireNext(100));
    expect(fired).toEqual(['a@10', 'c@10', 'b@20']);
  });

  it('parses durations as kubectl does', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('5x')).toBeUndefined();
  });
});

describe('seeded random', () => {
  it('repeats for the same seed and uses upstream\'s suffix alphabet', () => {
    const a = new Random(42);
    const b = new Random(42);
    const sa = [randomSuffix(a), randomSuffix(a)];
    expect([randomSuffix(b), randomSuffix(b)]).toEqual(sa);
    expect(sa[0]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(randomSuffix(new Random(43))).not.toEqual(sa[0]);
  });
});
