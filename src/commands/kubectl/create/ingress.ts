/** `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class=…] [--default-backend=svc:port] [--annotation=k=v]` */
import type { Verb } from '../verb.js';
import { GENERATOR_FLAGS, finishCreate, nameArg, withNamespace } from './common.js';

const RULE = /^(?<host>[^/=]*)(?<path>\/[^=]*)?=(?<svc>[^:,]+):(?<port>[^,]+)(?:,tls(?:=(?<secret>[^,]+))?)?$/;

function backend(svc: string, port: string): Record<string, unknown> {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

export const createIngress: Verb = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  usage: 'kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: [...GENERATOR_FLAGS, { name: 'rule', type: 'stringArray' }, { name: 'class', type: 'string' }, { name: 'default-backend', type: 'string' }, { name: 'annotation', type: 'stringArray' }],
  run(env) {
    const name = nameArg(env);
    if (name === undefined) return 1;
    const rulesIn = (env.flags.rule as string[] | undefined) ?? [];
    const def = env.flags['default-backend'] as string | undefined;
    if (rulesIn.length === 0 && !def) {
      env.ctx.err('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
      return 1;
    }
    const rules: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    for (const r of rulesIn) {
      const m = RULE.exec(r);
      if (!m?.groups) {
        env.ctx.err(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
        return 1;
      }
      const { host = '', svc, port, secret } = m.groups as Record<string, string>;
      let path = m.groups.path ?? '/';
      let pathType = 'Exact';
      if (path.endsWith('*')) {
        path = path.slice(0, -1);
        pathType = 'Prefix';
      }
      const entry = { path, pathType, backend: backend(svc!, port!) };
      const existing = rules.find((x) => (x.host ?? '') === host);
      if (existing) existing.http.paths.push(entry);
      else rules.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
      if (r.includes(',tls')) {
        const t = tls.find((x) => x.secretName === secret);
        if (t && host) t.hosts = [...(t.hosts ?? []), host];
        else if (!t) tls.push({ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) });
      }
    }
    const annotations: Record<string, string> = {};
    for (const a of (env.flags.annotation as string[] | undefined) ?? []) {
      const eq = a.indexOf('=');
      if (eq <= 0) {
        env.ctx.err(`error: annotation ${a} is invalid and should be in format key=[value]`);
        return 1;
      }
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const spec: Record<string, unknown> = {};
    if (env.flags.class) spec.ingressClassName = env.flags.class;
    if (def) {
      const [svc, port] = def.split(':', 2) as [string, string | undefined];
      if (!svc || !port) {
        env.ctx.err(`error: default-backend should be in format servicename:serviceport`);
        return 1;
      }
      spec.defaultBackend = backend(svc, port);
    }
    if (tls.length > 0) spec.tls = tls;
    if (rules.length > 0) spec.rules = rules;
    const meta = withNamespace(env, { name, creationTimestamp: null, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) });
    return finishCreate(env, 'ingresses.networking.k8s.io', { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta as never, spec, status: { loadBalancer: {} } });
  },
};
