/**
 * Port forwards held by the session. Real `kubectl port-forward` runs in the
 * foreground until Ctrl-C, and people curl from a second terminal (or run it
 * with `&`). kubedojo's shell has one prompt and no job control, so a forward
 * is kept by the session as if it ran in a second terminal: the next
 * commands can `curl localhost:<port>`, each connection prints kubectl's
 * `Handling connection for <port>`, `jobs` lists the forwards, and
 * `kill %N` stops one. A forward ends when its pod goes away, as kubectl
 * does ("lost connection to pod").
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, CommandContext } from './types.js';
import type { Session } from './session.js';
import type { Cluster } from '../cluster/cluster.js';
import { deliver, type TrafficResult } from '../cluster/services/traffic.js';

export interface Forward {
  job: number;
  local: number;
  remote: number;
  namespace: string;
  pod: string;
  uid: string;
  cluster: Cluster;
  /** The command line as typed (for `jobs`). */
  command: string;
}

const held = new WeakMap<Session, Forward[]>();

export function forwardsOf(session: Session): Forward[] {
  let f = held.get(session);
  if (!f) held.set(session, (f = []));
  return f;
}

export function addForward(session: Session, f: Omit<Forward, 'job'>): Forward {
  const list = forwardsOf(session);
  const job = Math.max(0, ...list.map((x) => x.job)) + 1;
  const fw = { ...f, job };
  list.push(fw);
  return fw;
}

export const LOCALHOST = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * A request to localhost:<port> through a held forward: kubectl's
 * "Handling connection", then the pod answers on its own localhost
 * (no Service, no kube-proxy, no NetworkPolicy: the kubelet connects inside
 * the pod's network namespace). Undefined when no forward holds the port.
 */
export function throughForward(ctx: CommandContext, port: number, path: string, headers: Record<string, string>): { result: TrafficResult } | { refused: string } | undefined {
  const list = forwardsOf(ctx.session);
  const fw = list.find((f) => f.local === port);
  if (!fw) return undefined;
  const pod = fw.cluster.store.list(`/registry/pods/${fw.namespace}/`).map((e) => e.value as unknown as Pod).find((p) => p.metadata?.name === fw.pod);
  if (!pod || pod.metadata?.uid !== fw.uid || pod.status?.phase !== 'Running') {
    list.splice(list.indexOf(fw), 1);
    ctx.err(`error: lost connection to pod`);
    return { refused: `Failed to connect to localhost port ${port} after 0 ms: Couldn't connect to server` };
  }
  ctx.out(`Handling connection for ${port}`);
  const ip = pod.status?.podIP ?? '';
  const hops = [`port-forward 127.0.0.1:${port} → API server → kubelet on ${pod.spec?.nodeName} → pod ${fw.namespace}/${fw.pod} localhost:${fw.remote}`];
  const node = { kind: 'node' as const, ip, node: pod.spec?.nodeName, namespace: fw.namespace, pod };
  const r = deliver(fw.cluster, node, ip, fw.remote, path, { Host: `localhost:${port}`, ...headers }, hops);
  if (!r.ok && r.error === 'refused') {
    ctx.err(`E1123 portforward.go:413] "Unhandled Error" err="an error occurred forwarding ${port} -> ${fw.remote}: error forwarding port ${fw.remote} to pod ${fw.uid}, uid : failed to execute portforward in network namespace: failed to connect to localhost:${fw.remote} inside namespace: connection refused"`);
    return { refused: 'Empty reply from server' };
  }
  return { result: r };
}

export const jobs: Command = {
  name: 'jobs',
  summary: 'List the port forwards this session keeps running',
  run(ctx) {
    const list = forwardsOf(ctx.session);
    list.forEach((f, i) => ctx.out(`[${f.job}]${i === list.length - 1 ? '+' : i === list.length - 2 ? '-' : ' '}  Running                 ${f.command} &`));
    return 0;
  },
};

export const kill: Command = {
  name: 'kill',
  summary: 'Stop a port forward: kill %N (N from jobs)',
  run(ctx, args) {
    const list = forwardsOf(ctx.session);
    const spec = args.find((a) => a.startsWith('%')) ?? args.filter((a) => !a.startsWith('-')).pop() ?? '';
    const m = /^%(\d+|%|\+)?$/.exec(spec);
    if (!spec) {
      ctx.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
      return 2;
    }
    if (!m) {
      ctx.err(`kill: (${spec}) - No such process`);
      return 1;
    }
    const fw = m[1] === undefined || m[1] === '%' || m[1] === '+' ? list[list.length - 1] : list.find((f) => f.job === Number(m[1]));
    if (!fw) {
      ctx.err(`kill: ${spec}: no such job`);
      return 1;
    }
    list.splice(list.indexOf(fw), 1);
    ctx.out(`[${fw.job}]+  Terminated              ${fw.command}`);
    return 0;
  },
};
