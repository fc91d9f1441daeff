/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`, also `-l`,
 * `--all-containers`, `--tail`, `--since`, `--timestamps`, `--prefix`. With
 * `-f` the log is followed as the simulated clock moves (a Stream).
 */
import type { KObject } from '../../cluster/api/types.js';
import type { KubectlEnv, Verb } from './verb.js';
import { parseGoDuration } from '../flags.js';
import { serverError } from './output.js';
import { containerFor, podFor } from './pod-for.js';

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

interface Source {
  pod: KObject;
  container: string;
  prefix: string;
}

function params(env: KubectlEnv, container: string, extra: Record<string, string> = {}): Record<string, string> {
  const f = env.flags;
  const p: Record<string, string> = { container };
  if (f.previous) p.previous = 'true';
  if (f.timestamps) p.timestamps = 'true';
  if ((f.tail as number) >= 0) p.tailLines = String(f.tail);
  if (f.since) p.sinceSeconds = String(Math.ceil((parseGoDuration(String(f.since)) ?? 0) / 1000));
  if (f['since-time']) p.sinceTime = String(f['since-time']);
  if ((f['limit-bytes'] as number) > 0) p.limitBytes = String(f['limit-bytes']);
  return { ...p, ...extra };
}

function read(env: KubectlEnv, s: Source, extra?: Record<string, string>): { ok: true; text: string } | { ok: false; error: string } {
  const r = env.client.subresource('get', 'pods', s.pod.metadata?.namespace, s.pod.metadata?.name ?? '', 'log', undefined, { params: params(env, s.container, extra) });
  if (!r.ok) return { ok: false, error: serverError(r.status) };
  return { ok: true, text: String((r.object as { text?: string }).text ?? '') };
}

function sources(env: KubectlEnv): Source[] | string {
  const f = env.flags;
  const selector = f.selector as string | undefined;
  let pods: KObject[];
  if (selector) {
    if (env.args.length > 0) return "error: only one of -l or POD may be specified";
    const r = env.client.list<KObject>('pods', env.namespace, { labelSelector: selector });
    if (!r.ok) return serverError(r.status);
    pods = r.object.items.slice(0, f['max-log-requests'] as number);
  } else {
    if (env.args.length === 0 || env.args.length > 2) return USAGE;
    const found = podFor(env, env.args[0]!, (msg) => `error: error from server (NotFound): ${msg} in namespace "${env.namespace}"`);
    if (!found.ok) return found.error;
    pods = [found.pod];
  }
  const out: Source[] = [];
  const many = pods.length > 1 || !!f['all-containers'];
  for (const pod of pods) {
    const all = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map((c) => c.name);
    const names = f['all-containers'] ? all : [containerFor(env, pod, (f.container as string | undefined) ?? env.args[1]) ?? ''];
    for (const c of names) out.push({ pod, container: c, prefix: f.prefix || (selector && many) ? `[pod/${pod.metadata?.name ?? ''}/${c}] ` : '' });
  }
  return out;
}

function withPrefix(text: string, prefix: string): string {
  if (!prefix) return text;
  return text
    .split('\n')
    .map((l, i, a) => (i === a.length - 1 && l === '' ? '' : prefix + l))
    .join('\n');
}

export const logsVerb: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'since', type: 'duration' },
    { name: 'since-time', type: 'string' },
    { name: 'timestamps', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
  ],
  run(env) {
    const { ctx } = env;
    const src = sources(env);
    if (typeof src === 'string') {
      ctx.err(src);
      return 1;
    }
    if (src.length === 0) {
      ctx.err(`No resources found in ${env.namespace} namespace.`);
      return 0;
    }
    const printed = new Map<Source, number>();
    let code = 0;
    for (const s of src) {
      const r = read(env, s);
      if (!r.ok) {
        ctx.err(r.error);
        code = 1;
        continue;
      }
      if (r.text) ctx.out(withPrefix(r.text, s.prefix).replace(/\n$/, ''));
      printed.set(s, r.text.split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== '').length);
    }
    if (!env.flags.follow || code !== 0) return code;
    // Follow: print lines that appear as the clock moves, until every container has stopped.
    const finished = new Set<Source>();
    ctx.follow({
      poll() {
        for (const s of src) {
          if (finished.has(s)) continue;
          const r = read(env, s, { tailLines: '-1' });
          const full = r.ok ? r.text : '';
          const lines = full.split('\n');
          if (lines[lines.length - 1] === '') lines.pop();
          const fresh = lines.slice(printed.get(s) ?? 0);
          if (fresh.length > 0) ctx.out(withPrefix(fresh.join('\n') + '\n', s.prefix).replace(/\n$/, ''));
          printed.set(s, Math.max(printed.get(s) ?? 0, lines.length));
          const pod = env.client.get('pods', s.pod.metadata?.namespace, s.pod.metadata?.name ?? '');
          const phase = pod.ok ? (pod.object.status as { phase?: string } | undefined)?.phase : undefined;
          if (!pod.ok || pod.object.metadata?.uid !== s.pod.metadata?.uid || phase === 'Succeeded' || phase === 'Failed') finished.add(s);
        }
      },
      done: () => finished.size === src.length,
      stop() {
        for (const s of src) finished.add(s);
      },
    });
    return 0;
  },
};
