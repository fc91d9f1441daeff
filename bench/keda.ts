/**
 * KEDA on the simulated clock: the default AKS cluster with the add-on, a
 * queue consumer under a ScaledObject (max 20), and 500 messages every 10
 * minutes for one simulated hour — scale-ups, drains and returns to zero.
 * Prints wall seconds and the ratio to real time; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { createEnvironment } from '../src/commands/environment.js';

function sh(env: ReturnType<typeof createEnvironment>, line: string, stdin?: string): void {
  env.shell.exec(line, { stdin, out: () => {}, err: () => {} });
}

export function kedaBench(): void {
  const env = createEnvironment({ seed: 1 });
  sh(env, 'az aks update -g myResourceGroup -n myAKSCluster --enable-keda -o none');
  env.world.advance(120_000);
  sh(env, 'kubectl apply -f -', readFileSync('fixtures/orders-consumer.yaml', 'utf8'));
  sh(env, 'kubectl apply -f -', readFileSync('fixtures/orders-scaledobject.yaml', 'utf8'));
  env.world.advance(60_000);
  const t0 = performance.now();
  let activations = 0;
  for (let i = 0; i < 6; i++) {
    sh(env, 'queue send orders 500');
    env.world.advance(10 * 60_000);
  }
  const wall = (performance.now() - t0) / 1000;
  for (const e of env.session.cluster()!.admin.items<{ reason?: string; count?: number }>('events', 'default')) if (e.reason === 'KEDAScaleTargetActivated') activations += e.count ?? 1;
  console.log(`keda: 1 simulated hour, 6 × 500 messages, ${activations} activations: ${wall.toFixed(2)} s wall (${(3600 / wall).toFixed(0)}× real time)`);
}
