import { describe, expect, it } from 'vitest';
import { transcript } from '../helpers.js';

describe('kubedojo run', () => {
  it('echoes each command, prints its output, and fails when a command failed', () => {
    const ok = transcript('# a comment\nkubectl get ns\n');
    expect(ok.code).toBe(0);
    expect(ok.text).toMatch(/^\$ kubectl get ns\nNAME +STATUS +AGE\ndefault +Active +/);
    const bad = transcript('kubectl get foo\n');
    expect(bad.code).not.toBe(0);
    expect(bad.text).toContain('error: the server doesn\'t have a resource type "foo"');
  });

  it('feeds a heredoc to -f - and the same seed gives the same names', () => {
    const script = 'kubectl create -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\nspec:\n  containers:\n  - name: web\n    image: nginx\nEOF\nkubectl get pods -o name\n';
    const a = transcript(script);
    const b = transcript(script);
    expect(a.code).toBe(0);
    expect(a.text).toMatch(/pod\/web-[bcdfghjklmnpqrstvwxz2456789]{5} created/);
    expect(a.text).toBe(b.text);
  });

  it('suggests kubectl for a typo', () => {
    const r = transcript('kubect get nodes\n');
    expect(r.text).toContain('Did you mean kubectl?');
  });
});
