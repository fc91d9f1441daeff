/**
 * `kubedojo demo`: a two-to-three-minute self-playing tour for a conference
 * stand or the first `npx` run. The script is data; a player types each
 * command at a human pace (the TUI) or prints the narrated transcript (plain
 * mode, pipes). Any keystroke stops it and leaves the viewer at the prompt
 * in the same cluster.
 */
import type { Environment } from '../commands/environment.js';

export interface DemoStep {
  /** A narration line shown before the command. */
  say?: string;
  /** A command typed and run. */
  type?: string;
  /** Simulated time to let pass after it (the map and trace move meanwhile). */
  advanceMs?: number;
}

export const DEMO: DemoStep[] = [
  { say: 'This is an AKS cluster living inside kubedojo: three nodes, a managed control plane, real kubectl.' },
  { type: 'kubectl get nodes' },
  { say: 'Ask for three nginx pods. Watch the trace: API server, scheduler, kubelets.' },
  { type: 'kubectl create deployment web --image=nginx --replicas=3', advanceMs: 30_000 },
  { type: 'kubectl get pods -o wide' },
  { say: 'Give them one stable address, and a public one on an Azure load balancer.' },
  { type: 'kubectl expose deployment web --port=80 --type=LoadBalancer', advanceMs: 20_000 },
  { type: 'kubectl get service web' },
  { say: 'A request from the internet, hop by hop.' },
  { type: 'curl -v http://$EXTERNAL_IP/' },
  { say: 'Now a node stops answering…' },
  { type: 'simulate node-failure aks-nodepool1-66202391-vmss000000', advanceMs: 60_000 },
  { type: 'kubectl get nodes' },
  { say: 'After 300 s its pods are evicted and replaced on healthy nodes.', advanceMs: 300_000 },
  { type: 'kubectl get pods -o wide' },
  { say: 'Give each pod a CPU request, and the Deployment an autoscaler that keeps them at 50% of it.' },
  { type: 'kubectl set resources deployment web --requests=cpu=100m', advanceMs: 30_000 },
  { type: 'kubectl autoscale deployment web --cpu=50% --min=3 --max=10' },
  { say: 'A spike: 400 requests per second through the Service. The HPA checks every 15 s.' },
  { type: 'load web --rps 400', advanceMs: 60_000 },
  { type: 'kubectl get hpa web' },
  { say: 'Your turn: type `lessons` to start the course, or any kubectl command.' },
];

/** Fill in values the cluster decided (the load balancer's IP). */
export function expand(env: Environment, command: string): string {
  if (!command.includes('$EXTERNAL_IP')) return command;
  const c = env.session.cluster();
  const svc = c?.store.get('/registry/services/specs/default/web')?.value as { status?: { loadBalancer?: { ingress?: { ip?: string }[] } } } | undefined;
  return command.replace('$EXTERNAL_IP', svc?.status?.loadBalancer?.ingress?.[0]?.ip ?? '127.0.0.1');
}

/** Plain mode: the narrated transcript, as `kubedojo run` prints commands. */
export function playPlain(env: Environment, write: (t: string) => void): number {
  let failed = 0;
  for (const step of DEMO) {
    if (step.say) write(`# ${step.say}\n`);
    if (step.type) {
      const line = expand(env, step.type);
      write(`$ ${line}\n`);
      const code = env.shell.exec(line, { out: (t) => write(t.endsWith('\n') ? t : `${t}\n`), err: (t) => write(t.endsWith('\n') ? t : `${t}\n`) });
      if (code !== 0) failed++;
    }
    if (step.advanceMs) env.world.advance(step.advanceMs);
  }
  return failed;
}
