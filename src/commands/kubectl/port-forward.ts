/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: picks the pod
 * (a Service, Deployment or ReplicaSet forwards to one of its pods, the first
 * running one, as kubectl does), translates a Service port to its target
 * container port, prints kubectl's `Forwarding from …` lines and leaves the
 * forward held by the session (see ../port-forwards.ts for why).
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../cluster/api/types.js';
import type { Verb } from './verb.js';
import { addForward, forwardsOf } from '../port-forwards.js';
import { fromLabelSelector, selectorToString } from '../../cluster/api/selectors.js';

function parsePort(spec: string): { local: number; remote: number } | undefined {
  const m = /^(\d*):?(\d+)$/.exec(spec);
  if (!m) return undefined;
  const remote = Number(m[2]);
  const local = spec.includes(':') ? (m[1] ? Number(m[1]) : 0) : remote;
  return { local, remote };
}

export const portForwardVerb: Verb = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  usage: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    { name: 'address', type: 'strings' },
    { name: 'pod-running-timeout', type: 'duration' },
  ],
  run(env) {
    const [target, ...ports] = env.args;
    if (!target || ports.length === 0) {
      env.ctx.err('error: TYPE/NAME and list of ports are required for port-forward\nSee \'kubectl port-forward -h\' for help and examples');
      return 1;
    }
    const addresses = (env.flags.address as string[] | undefined) ?? ['localhost'];
    const slash = target.indexOf('/');
    const type = slash < 0 ? 'pods' : target.slice(0, slash);
    const name = slash < 0 ? target : target.slice(slash + 1);
    const def = env.cluster.registry.resolve(type);
    if (!def) {
      env.ctx.err(`error: the server doesn't have a resource type "${type}"`);
      return 1;
    }
    const got = env.client.get<KObject>(def.group ? `${def.plural}.${def.group}` : def.plural, env.namespace, name);
    if (!got.ok) {
      env.ctx.err(`Error from server (NotFound): ${got.status.message}`);
      return 1;
    }
    let pod = got.object as Pod & KObject;
    if (def.kind !== 'Pod') {
      const spec = got.object.spec as { selector?: Parameters<typeof fromLabelSelector>[0] | Record<string, string> } | undefined;
      const sel = def.kind === 'Service' ? Object.entries((spec?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',') : spec?.selector ? selectorToString(fromLabelSelector(spec.selector as Parameters<typeof fromLabelSelector>[0])) : '';
      const pods = sel ? env.client.items<Pod & KObject>('pods', env.namespace, { labelSelector: sel }) : [];
      const rank = (p: Pod) => (p.metadata?.deletionTimestamp ? 2 : p.status?.phase === 'Running' ? 0 : 1);
      const pick = pods.sort((a, b) => rank(a) - rank(b) || String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)))[0];
      if (!pick) {
        env.ctx.err('error: timed out waiting for the condition');
        return 1;
      }
      pod = pick;
    }
    const mapped: { local: number; remote: number }[] = [];
    for (const spec of ports) {
      const p = parsePort(spec);
      if (!p) {
        env.ctx.err(`error: Error parsing local port '${spec.split(':')[0]}': strconv.ParseUint: parsing "${spec.split(':')[0]}": invalid syntax`);
        return 1;
      }
      if (def.kind === 'Service') {
        const svc = got.object as Service & KObject;
        const sp = (svc.spec?.ports ?? []).find((x) => x.port === p.remote);
        if (!sp) {
          env.ctx.err(`error: Service ${name} does not have a service port ${p.remote}`);
          return 1;
        }
        let target = sp.targetPort ?? sp.port;
        if (typeof target === 'string') {
          const cp = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((x) => x.name === target);
          if (!cp) {
            env.ctx.err(`error: Pod '${pod.metadata?.name}' does not have a named port '${target}'`);
            return 1;
          }
          target = cp.containerPort;
        }
        mapped.push({ local: spec.includes(':') ? p.local : p.remote, remote: target });
      } else mapped.push(p);
    }
    if (pod.status?.phase !== 'Running') {
      env.ctx.err(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
      return 1;
    }
    const used = forwardsOf(env.ctx.session);
    let next = 0;
    for (const m of mapped) {
      if (m.local === 0) {
        // kubectl asks the OS for a free port.
        do next = 30000 + ((next * 7919 + used.length * 104729 + m.remote) % 30000);
        while (used.some((f) => f.local === next));
        m.local = next;
      }
      if (used.some((f) => f.local === m.local)) {
        env.ctx.err(`Unable to listen on port ${m.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${m.local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${m.local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${m.local} ${m.remote}}]`);
        return 1;
      }
    }
    const command = ['kubectl', 'port-forward', ...(env.namespaceSet ? ['-n', env.namespace] : []), target, ...ports].join(' ');
    for (const m of mapped) {
      for (const a of addresses) {
        if (a === 'localhost') {
          env.ctx.out(`Forwarding from 127.0.0.1:${m.local} -> ${m.remote}`);
          env.ctx.out(`Forwarding from [::1]:${m.local} -> ${m.remote}`);
        } else env.ctx.out(`Forwarding from ${a}:${m.local} -> ${m.remote}`);
      }
      const fw = addForward(env.ctx.session, { local: m.local, remote: m.remote, namespace: pod.metadata!.namespace!, pod: pod.metadata!.name!, uid: pod.metadata!.uid!, cluster: env.cluster, command });
      env.ctx.err(`kubedojo: this forward keeps running for the session, as if in a second terminal: curl localhost:${m.local} reaches pod ${pod.metadata!.name}; \`jobs\` lists it, \`kill %${fw.job}\` stops it.`);
    }
    return 0;
  },
};
