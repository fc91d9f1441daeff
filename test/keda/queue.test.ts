import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { queuesOf } from '../../src/cluster/cloud/queues.js';
import { consumerDeployment } from './fixtures.js';

describe('simulated queues', () => {
  it('send, status and purge, with clear errors', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'queue send orders 500').out).toBe('sent 500 messages to queue orders (length 500)\n');
    const st = sh(env, 'queue status orders').out;
    expect(st).toMatch(/^NAME\s+NAMESPACE\s+LENGTH\s+SENT\s+CONSUMED\s+CONSUMED\/S\s+CONSUMERS\n/);
    expect(st).toMatch(/orders\s+kubedojo\s+500\s+500\s+0\s+0\.0\s+0/);
    expect(sh(env, 'queue send orders ten').err).toMatch(/invalid COUNT "ten"/);
    expect(sh(env, 'queue status nope').code).toBe(1);
    expect(sh(env, 'queue purge orders').out).toBe('purged 500 messages from queue orders\n');
    expect(sh(env, 'queue frobnicate').code).toBe(2);
  });

  it('consumers drain 10 messages/s each, only while Running and Ready, with CPU following the work', () => {
    const env = createEnvironment({ seed: 1 });
    expect(sh(env, 'kubectl apply -f -', consumerDeployment('orders', 2)).code).toBe(0);
    env.world.advance(60_000);
    expect(sh(env, 'kubectl get deploy consumer').out).toMatch(/2\/2/);
    sh(env, 'queue send orders 500');
    const store = queuesOf(env.world.clock);
    env.world.advance(10_000);
    // 2 pods × 10 messages/s × 10 s
    expect(store.lengthOf('orders')).toBe(300);
    expect(store.rate('orders')).toBe(20);
    expect(sh(env, 'queue status orders').out).toMatch(/orders\s+kubedojo\s+300\s+500\s+200\s+20\.0\s+2/);
    env.world.advance(20_000);
    expect(store.lengthOf('orders')).toBe(0);
    env.world.advance(15_000);
    sh(env, 'queue send orders 1000');
    env.world.advance(16_000);
    // busy consumers use 100m each (10 msg/s × 10m) above their idle 2m
    const top = sh(env, 'kubectl top pods -l app=consumer').out;
    expect(top).toMatch(/consumer-\S+\s+10[0-9]m/);
  });
});
