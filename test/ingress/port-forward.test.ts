import { describe, expect, it } from 'vitest';
import { createEnvironment } from '../../src/commands/environment.js';
import { sh } from '../helpers.js';

describe('kubectl port-forward (held by the session)', () => {
  it('forwards a local port to one pod of a Service, translating the port; jobs lists it, kill stops it', () => {
    const env = createEnvironment({ seed: 1 });
    sh(env, 'kubectl create deployment web --image=mcr.microsoft.com/azuredocs/aks-helloworld:v1 --replicas=2');
    sh(env, 'kubectl expose deployment web --port=8000 --target-port=80');
    sh(env, 'sleep 20s');
    const pf = sh(env, 'kubectl port-forward svc/web 8080:8000');
    expect(pf.code).toBe(0);
    expect(pf.out).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    const got = sh(env, 'curl localhost:8080');
    expect(got.out).toMatch(/^Handling connection for 8080\n[\s\S]*Served by pod web-\w+-\w+ \(10\.244\./);
    // The same pod every time: port-forward picks one pod, not the Service's endpoints.
    const pod = /Served by pod (\S+)/.exec(got.out)![1];
    expect(sh(env, 'curl http://127.0.0.1:8080/').out).toContain(`Served by pod ${pod}`);
    expect(sh(env, 'jobs').out).toBe('[1]+  Running                 kubectl port-forward svc/web 8080:8000 &\n');
    expect(sh(env, 'kubectl port-forward svc/web 8080:8000').err).toContain('Unable to listen on port 8080: Listeners failed to create with the following errors');
    expect(sh(env, 'kubectl port-forward svc/web 9090:80').err).toBe('error: Service web does not have a service port 80\n');
    expect(sh(env, 'kill %1').out).toBe('[1]+  Terminated              kubectl port-forward svc/web 8080:8000\n');
    expect(sh(env, 'curl localhost:8080').err).toBe("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n");
  });

  it('a forward to a pod ends when the pod goes away', () => {
    const env = createEnvironment({ seed: 2 });
    sh(env, 'kubectl run solo --image=nginx');
    sh(env, 'sleep 20s');
    expect(sh(env, 'kubectl port-forward pod/solo 8081:80').code).toBe(0);
    expect(sh(env, 'curl localhost:8081').out).toContain('Welcome to nginx!');
    sh(env, 'kubectl delete pod solo');
    const lost = sh(env, 'curl localhost:8081');
    expect(lost.err).toContain('error: lost connection to pod');
    expect(lost.code).toBe(7);
  });
});
