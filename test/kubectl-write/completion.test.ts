import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { complete } from '../../src/commands/completion.js';
import { sh } from '../helpers.js';

describe('completion data', () => {
  it('completes verbs, sub-verbs, resource types, names and flags', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=nginx');
    sh(env, 'kubectl create deployment worker --image=nginx');
    const c = (line: string) => complete(env.session, line).candidates;
    expect(c('kub')).toEqual(['kubectl']);
    expect(c('kubectl ro')).toEqual(['rollout']);
    expect(c('kubectl rollout st')).toEqual(['status']);
    expect(c('kubectl create dep')).toEqual(['deploy', 'deployment'].filter((x) => x === 'deployment'));
    expect(c('kubectl get deploy')).toContain('deployments');
    expect(c('kubectl scale deployment w')).toEqual(['web', 'worker']);
    expect(c('kubectl rollout status deployment/we')).toEqual(['deployment/web']);
    expect(c('kubectl scale --rep')).toEqual(['--replicas']);
  });
});
