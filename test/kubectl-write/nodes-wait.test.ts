import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import type { KObject } from '../../src/cluster/api/types.js';
import { sh } from '../helpers.js';

function setup() {
  const e = createEnvironment({ seed: 1 });
  const c = e.session.client()!;
  const nodes = c.items<KObject>('nodes').map((n) => n.metadata!.name!);
  return { e, c, node: nodes[0]! };
}

/** Bind pods by hand (a no-op now that the scheduler binds them; kept for tests written before it). */
function bindAll(e: ReturnType<typeof setup>['e'], node: string) {
  const c = e.session.client()!;
  for (const p of c.items<KObject>('pods', 'default')) {
    if ((p.spec as { nodeName?: string }).nodeName) continue;
    c.subresource('create', 'pods', 'default', p.metadata!.name!, 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: p.metadata!.name }, target: { kind: 'Node', name: node } });
  }
  e.world.advance(30_000);
}

/** Let the scheduler place the default namespace's pods; returns the node of the first one whose name starts with `prefix`. */
function placed(e: ReturnType<typeof setup>['e'], prefix: string): string {
  e.world.advance(30_000);
  const c = e.session.client()!;
  const p = c.items<KObject>('pods', 'default').find((x) => x.metadata!.name!.startsWith(prefix) && (x.spec as { nodeName?: string }).nodeName);
  return (p!.spec as { nodeName: string }).nodeName;
}

describe('cordon, taint, drain', () => {
  it('cordon and uncordon, and say so when already done', () => {
    const { e, node } = setup();
    expect(sh(e, `kubectl cordon ${node}`).out).toBe(`node/${node} cordoned\n`);
    expect(sh(e, `kubectl cordon ${node}`).out).toBe(`node/${node} already cordoned\n`);
    expect(sh(e, `kubectl uncordon ${node}`).out).toBe(`node/${node} uncordoned\n`);
    expect(sh(e, 'kubectl cordon').err).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  });

  it('taint add / overwrite / remove with upstream errors', () => {
    const { e, c, node } = setup();
    const cases: [string, string, number][] = [
      [`kubectl taint nodes ${node} dedicated=gpu:NoSchedule`, `node/${node} tainted\n`, 0],
      [`kubectl taint nodes ${node} dedicated=cpu:NoSchedule`, `error: node ${node} already has dedicated taint(s) with same effect(s) and --overwrite is false\n`, 1],
      [`kubectl taint nodes ${node} dedicated=cpu:NoSchedule --overwrite`, `node/${node} tainted\n`, 0],
      [`kubectl taint nodes ${node} k=v:Bogus`, "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n", 1],
      [`kubectl taint nodes ${node}`, 'error: at least one taint update is required\n', 1],
      [`kubectl taint nodes ${node} dedicated-`, `node/${node} untainted\n`, 0],
      [`kubectl taint nodes ${node} dedicated-`, 'error: taint "dedicated" not found\n', 1],
    ];
    for (const [line, text, code] of cases) {
      const r = sh(e, line);
      expect({ line, text: r.out + r.err, code: r.code }).toEqual({ line, text, code });
    }
    const n = c.get('nodes', undefined, node);
    expect(n.ok && (n.object.spec as { taints?: unknown[] }).taints).toBeUndefined();
  });

  // kube-system's pods (coredns with its PDB and emptyDir, DaemonSets) run on the drained node too: the disruption controller keeps coredns's budget open.
  it('drain evicts pods through the eviction API, and a PodDisruptionBudget blocks it with the retry message', () => {
    const { e, c } = setup();
    sh(e, 'kubectl create deployment web --image=nginx --replicas=2');
    const node = placed(e, 'web-');
    sh(e, 'kubectl create pdb web --selector=app=web --min-available=2');
    e.world.advance(1000);
    // The disruption controller: 2 healthy of 2 desired, so no disruption is allowed.
    const pdb = c.get('poddisruptionbudgets.policy', 'default', 'web');
    expect(pdb.ok && pdb.object.status).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 });
    const blocked = sh(e, `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data --timeout=12s`);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(new RegExp(`^node/${node} cordoned\\nevicting pod default/web-`));
    expect(blocked.err).toContain(`(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    expect(blocked.err).toContain('global timeout reached: 12s');
    sh(e, 'kubectl delete pdb web');
    const ok = sh(e, `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data`);
    expect(ok.out).toMatch(/pod\/web-[a-z0-9-]+ evicted\n/);
    expect(ok.out.endsWith(`node/${node} drained\n`)).toBe(true);
    const left = c.items<KObject>('pods', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName === node && !p.metadata?.deletionTimestamp);
    expect(left).toEqual([]);
  });

  it('drain refuses unmanaged pods without --force', () => {
    const { e } = setup();
    sh(e, 'kubectl run solo --image=nginx');
    const node = placed(e, 'solo');
    const r = sh(e, `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data`);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: unable to drain node "${node}" due to error: [cannot delete Pods declare no controller (use --force to override): default/solo], continuing command...`);
    const forced = sh(e, `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data --force`);
    expect(forced.err).toContain('Warning: deleting Pods that declare no controller: default/solo');
    expect(forced.code).toBe(0);
  });
});

describe('kubectl wait', () => {
  it('condition, jsonpath, delete and timeout on the simulated clock', () => {
    const { e, node } = setup();
    expect(sh(e, `kubectl wait --for=condition=Ready node/${node}`).out).toBe(`node/${node} condition met\n`);
    expect(sh(e, "kubectl wait --for=jsonpath='{.status.phase}'=Active namespace/default").out).toBe('namespace/default condition met\n');
    const t0 = e.world.clock.now();
    expect(sh(e, `kubectl wait --for=condition=Bogus node/${node} --timeout=3s`)).toEqual({ out: '', err: `error: timed out waiting for the condition on nodes/${node}\n`, code: 1 });
    expect(e.world.clock.now() - t0).toBeGreaterThanOrEqual(3000);
    sh(e, 'kubectl create ns gone');
    sh(e, 'kubectl delete ns gone --wait=false');
    expect(sh(e, 'kubectl wait --for=delete ns/gone --timeout=60s').code).toBe(0);
    expect(sh(e, 'kubectl wait pod/x --for=foo').err).toBe('error: unrecognized condition: "foo"\n');
  });
});

describe('kubectl logs and exec', () => {
  it('reads logs (--tail, deployment/NAME), follows with -f on the clock, and execs commands', () => {
    const { e, node } = setup();
    sh(e, `kubectl run talk --image=busybox --restart=Never -- sh -c 'echo one; echo two; sleep 5; echo three'`);
    bindAll(e, node);
    expect(sh(e, 'kubectl logs talk').out).toBe('one\ntwo\nthree\n');
    expect(sh(e, 'kubectl logs talk --tail=1').out).toBe('three\n');
    expect(sh(e, 'kubectl logs nope')).toEqual({ out: '', err: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', code: 1 });
    expect(sh(e, 'kubectl logs').err).toContain("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.");
    sh(e, 'kubectl create deployment web --image=nginx');
    bindAll(e, node);
    const ex = sh(e, 'kubectl exec deploy/web -- hostname');
    expect(ex.code).toBe(0);
    expect(ex.out).toMatch(/^web-[a-z0-9]+-[a-z0-9]+\n$/);
    expect(sh(e, 'kubectl exec deploy/web hostname').err).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(sh(e, 'kubectl exec deploy/web').err).toBe('error: you must specify at least one command for the container\n');
  });

  it('logs -f hands a stream to the front end that prints new lines as time passes', () => {
    const { e, node } = setup();
    sh(e, `kubectl run tick --image=busybox --restart=Never -- sh -c 'echo a; sleep 10; echo b'`);
    bindAll(e, node);
    let out = '';
    const streams: { poll(): void; done(): boolean; stop(): void }[] = [];
    e.shell.exec('kubectl logs -f tick', { out: (t) => (out += t + '\n'), err: () => undefined, follow: (s) => streams.push(s) });
    expect(streams.length).toBe(1);
    e.world.advance(20_000);
    streams[0]!.poll();
    expect(out).toBe('a\nb\n');
  });
});
