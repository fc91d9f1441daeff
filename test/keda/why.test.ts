import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1.js';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('why hpa', () => {
  it("tells the HPA controller's last decision from its own inputs", () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx --replicas=3');
    sh(env, 'kubectl set resources deployment web --requests=cpu=100m');
    sh(env, 'kubectl expose deployment web --port=80');
    env.world.advance(60_000);
    expect(sh(env, 'why hpa/web').err).toBe('Error from server (NotFound): horizontalpodautoscalers.autoscaling "web" not found\n');
    sh(env, 'kubectl autoscale deployment web --cpu=50% --min=3 --max=10');
    expect(sh(env, 'why hpa/web').out).toMatch(/has not been synced yet/);
    // 260 requests/s over 3 nginx pods: 87m each, 87% of a 100m request
    sh(env, 'load web --rps 260');
    const rescaled = () => env.session.cluster()!.admin.items<Event>('events', 'default').some((e) => e.reason === 'SuccessfulRescale');
    expect(env.world.advanceUntil(rescaled, 120_000)).toBe(true);
    const text = sh(env, 'why hpa/web').out;
    expect(text).toMatch(/^HPA web, last sync 0 s ago: 3 replicas, min 3, max 10\.\n/);
    expect(text).toContain('cpu (utilization): 3 pods at 87% of request, target 50% → ceil(3 × 87/50) = 6');
    expect(text).toMatch(/→ largest proposal 6; scale-up policy allows up to 7; scaled 3 → 6\./);
    expect(text).toMatch(/Next check in 15 s \(every 15 s\)\.$/m);
  });
});
