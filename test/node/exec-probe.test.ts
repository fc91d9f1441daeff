/**
 * An exec probe that runs an image program only needs its exit status (and
 * its output when it fails): for every program of every image, it must
 * leave the container exactly as `kubectl exec` of the same command does,
 * and exec running the program directly must match exec through the shell.
 */
import { describe, expect, it } from 'vitest';
import { allImages, resolveImage } from '../../src/cluster/images/catalogue.js';
import { ContainerProcess } from '../../src/cluster/node/process.js';
import { execIn, execProbe } from '../../src/cluster/node/exec.js';

function start(image: string, env: [string, string][]): ContainerProcess {
  const r = resolveImage(image);
  if (!r.ok) throw new Error(image);
  const p = new ContainerProcess({ image: r.image, argv: ['/pause-forever'], env, files: {}, hostname: 'pod', podIP: '10.244.0.9', hostIP: '10.224.0.4', kernel: '5.15.0', start: 1_000_000, memoryLimitMi: 512 });
  p.advance(1_000_000 + 60_000);
  return p;
}

/** What a reader of the container can see. */
function state(p: ContainerProcess, t: number) {
  return { usage: p.usage(t), later: p.usage(t + 3_600_000), ports: p.ports, readyAt: p.readyAt, sigterm: p.sigterm, program: p.program, exit: p.exit };
}

describe('exec probes of image programs', () => {
  const cases: [string, string[], [string, string][]][] = [];
  for (const spec of allImages()) {
    const tag = Object.keys(spec.tags)[0];
    if (tag === undefined || !resolveImage(`${spec.repository}:${tag}`).ok) continue;
    for (const name of Object.keys(spec.programs ?? {})) {
      const [bin, arg] = name.split(' ');
      const argv = [`/${bin}`, ...(arg ? [arg] : []), '--vm-bytes', '64M'];
      cases.push([`${spec.repository}:${tag}`, argv, []]);
      cases.push([`${spec.repository}:${tag}`, argv, [['QUEUE_NAME', 'orders']]]);
    }
  }

  it('has programs to compare, some of which fail', () => {
    expect(cases.length).toBeGreaterThan(20);
    const failing = cases.filter(([image, argv, env]) => {
      const r = execProbe(start(image, env), argv, 1_030_000);
      return r.ok && r.exitCode !== 0 && r.output !== '';
    });
    expect(failing.map(([image]) => image)).toEqual(expect.arrayContaining(['docker.io/kubedojo/queue-consumer:latest', 'docker.io/kubedojo/crashloop:latest']));
  });

  it.each(cases)('%s %j (env %j): same status, failure output and container state as exec', (image, argv, env) => {
    const a = start(image, env);
    const b = start(image, env);
    const c = start(image, env);
    const t = 1_000_000 + 30_000;
    for (let i = 0; i < 3; i++) {
      const full = execIn(a, argv, t + i * 10_000);
      const probe = execProbe(b, argv, t + i * 10_000);
      // Tools that answer nothing still send the command through the shell.
      const viaShell = execIn(c, argv, t + i * 10_000, undefined, () => undefined);
      expect(viaShell).toEqual(full);
      expect(state(c, t + i * 10_000)).toEqual(state(a, t + i * 10_000));
      if (!full.ok) {
        expect(probe).toEqual({ ok: false, message: full.message });
        continue;
      }
      expect(probe).toEqual({ ok: true, exitCode: full.exitCode, output: full.exitCode === 0 ? '' : full.stdout + full.stderr });
      expect(state(b, t + i * 10_000)).toEqual(state(a, t + i * 10_000));
    }
  });
});
