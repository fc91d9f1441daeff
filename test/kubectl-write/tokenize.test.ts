import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/commands/tokenize.js';
import { parseScript } from '../../src/commands/script.js';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('shell words', () => {
  it('splits with quotes, escapes and continuations', () => {
    expect(tokenize(`kubectl label pod web 'a b=c' "d=$x" e\\ f`)).toEqual({ ok: true, words: ['kubectl', 'label', 'pod', 'web', 'a b=c', 'd=$x', 'e f'] });
    expect(tokenize("kubectl get pods -l 'app in (a,b)' --field-selector=status.phase!=Running")).toEqual({ ok: true, words: ['kubectl', 'get', 'pods', '-l', 'app in (a,b)', '--field-selector=status.phase!=Running'] });
    expect(tokenize(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`).ok).toBe(true);
    expect(tokenize("echo 'unterminated")).toEqual({ ok: false, error: "unexpected EOF while looking for matching `''" });
  });

  it('refuses shell operators it does not implement, with a clear message, instead of passing them to kubectl', () => {
    const cases: [string, RegExp][] = [
      ['kubectl get pods | grep web', /^pipes \("\|"\) are not supported here/],
      ['kubectl get pods > out.txt', /^redirection/],
      ['kubectl delete pod $(kubectl get pods -o name)', /^command substitution/],
      ['kubectl get pods && kubectl get svc', /^"&&" is not supported/],
      ['kubectl get pods; kubectl get svc', /^";" is not supported/],
    ];
    for (const [line, msg] of cases) {
      const t = tokenize(line);
      expect(t.ok, line).toBe(false);
      if (!t.ok) expect(t.error, line).toMatch(msg);
    }
    expect(tokenize("kubectl get pods -o jsonpath='{.items[*].metadata.name}' | head").ok).toBe(false);
    expect(tokenize("echo 'a | b > c; d && e'").ok).toBe(true);
    const env = createEnvironment({ seed: 1 });
    const r = sh(env, 'kubectl get pods | wc -l');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kubedojo: pipes/);
  });

  it('scripts: comments, continuations and heredocs', () => {
    const lines = parseScript('# c\nkubectl create deployment web \\\n  --image=nginx\nkubectl apply -f - <<EOF\nkind: X\nEOF\n');
    expect(lines).toEqual([
      { text: 'kubectl create deployment web --image=nginx', line: 2 },
      { text: 'kubectl apply -f -', stdin: 'kind: X\n', line: 4 },
    ]);
  });
});
