import { describe, expect, it } from 'vitest';
import { createEnvironment, type Environment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';
import { placePending } from './place.js';

function run(env: Environment, line: string) {
  const r = sh(env, line);
  if (line.startsWith('sleep') || line.startsWith('kubectl create') || line.startsWith('kubectl scale')) {
    placePending(env.session.cluster()!);
    sh(env, 'sleep 30s');
  }
  return r;
}

function webEnv(): Environment {
  const env = createEnvironment({ seed: 1 });
  placePending(env.session.cluster()!);
  run(env, 'kubectl create deployment web --image=nginx --replicas=2');
  run(env, 'kubectl expose deployment web --port=80');
  run(env, 'sleep 30s');
  return env;
}

const cpuOf = (out: string) => out.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[1]);

describe('kubectl top and load', () => {
  it('pod CPU follows the generated load, spread over the ready endpoints', () => {
    const env = webEnv();
    expect(cpuOf(run(env, 'kubectl top pods -l app=web').out)).toEqual(['0m', '0m']);
    expect(run(env, 'load web --rps 200 --for 10m').code).toBe(0);
    run(env, 'sleep 15s');
    // nginx costs 1m per request/s: 200 rps over 2 pods
    expect(cpuOf(run(env, 'kubectl top pods -l app=web').out)).toEqual(['100m', '100m']);
    run(env, 'kubectl scale deployment web --replicas=4');
    run(env, 'sleep 15s');
    expect(cpuOf(run(env, 'kubectl top pods -l app=web').out)).toEqual(['50m', '50m', '50m', '50m']);
    run(env, 'sleep 10m');
    expect(cpuOf(run(env, 'kubectl top pods -l app=web').out)).toEqual(['0m', '0m', '0m', '0m']);
  });

  it('prints upstream columns for pods, containers and nodes', () => {
    const env = webEnv();
    run(env, 'load web --rps 60');
    run(env, 'sleep 15s');
    const pods = run(env, 'kubectl top pods').out.split('\n');
    expect(pods[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    expect(pods[1]).toMatch(/^web-\S+\s+30m\s+\d+Mi\s*$/);
    expect(run(env, 'kubectl top pods --containers').out.split('\n')[0]).toMatch(/^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    const all = run(env, 'kubectl top pods -A --sort-by=cpu').out.split('\n');
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME/);
    expect(all[1]).toMatch(/^default\s+web-/);
    const nodes = run(env, 'kubectl top nodes').out.split('\n');
    expect(nodes[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*$/);
    expect(nodes[1]).toMatch(/^aks-\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/);
  });

  it('says the Metrics API is not available when metrics-server is not running', () => {
    const env = webEnv();
    run(env, 'kubectl -n kube-system scale deployment metrics-server --replicas=0');
    run(env, 'sleep 30s');
    const r = run(env, 'kubectl top pods');
    expect(r.err.trim()).toBe('error: Metrics API not available');
    expect(r.code).toBe(1);
    expect(run(env, 'kubectl top nodes').err.trim()).toBe('error: Metrics API not available');
  });

  it('rejects bad load input without changing anything', () => {
    const env = webEnv();
    expect(run(env, 'load nope --rps 5').err).toContain('service "nope" not found');
    expect(run(env, 'load web --rps abc').code).toBe(2);
    expect(run(env, 'load web').err).toContain('--rps is required');
    expect(run(env, 'load').out.trim()).toBe('No load is running.');
  });
});
