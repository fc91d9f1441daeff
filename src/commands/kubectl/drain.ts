/**
 * `kubectl drain NODE`: cordon, then evict every pod on the node through the
 * eviction API, retrying PodDisruptionBudget refusals every 5 s of simulated
 * time (with upstream's message), and wait for each pod to be gone.
 * `--ignore-daemonsets`, `--delete-emptydir-data`, `--force`, `--grace-period`,
 * `--timeout`, `--disable-eviction`, `--pod-selector`.
 */
import type { KObject } from '../../cluster/api/types.js';
import type { KubectlEnv, Verb } from './verb.js';
import { DRY_RUN_FLAG, dryRunOf } from './print-object.js';
import { serverError } from './output.js';
import { parseGoDuration } from '../flags.js';
import { nodesFor, setUnschedulable } from './node-cordon.js';

const RETRY_MS = 5000;

interface Verdict {
  pod: KObject;
  skip?: boolean;
  error?: 'daemonset' | 'unmanaged' | 'emptydir';
  warn?: 'daemonset' | 'unmanaged';
}

function classify(env: KubectlEnv, pod: KObject): Verdict {
  const f = env.flags;
  const meta = pod.metadata ?? {};
  if (meta.annotations?.['kubernetes.io/config.mirror']) return { pod, skip: true };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { pod };
  const owner = (meta.ownerReferences ?? []).find((o) => o.controller);
  if (owner?.kind === 'DaemonSet') return f['ignore-daemonsets'] ? { pod, skip: true, warn: 'daemonset' } : { pod, error: 'daemonset' };
  if (!owner) {
    if (!f.force) return { pod, error: 'unmanaged' };
  }
  const volumes = ((pod.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []).filter((v) => v.emptyDir);
  if (volumes.length > 0 && !f['delete-emptydir-data']) return { pod, error: 'emptydir' };
  return owner ? { pod } : { pod, warn: 'unmanaged' };
}

const id = (p: KObject) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

const ERRORS = {
  daemonset: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  unmanaged: 'cannot delete Pods declare no controller (use --force to override)',
  emptydir: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)',
};
const WARNINGS = { daemonset: 'ignoring DaemonSet-managed Pods', unmanaged: 'deleting Pods that declare no controller' };

function drainNode(env: KubectlEnv, node: KObject, dry: 'none' | 'client' | 'server'): boolean {
  const { ctx, client, flags } = env;
  const name = node.metadata?.name ?? '';
  if (!setUnschedulable(env, node, true, dry)) return false;
  const r = client.list<KObject>('pods', undefined, { fieldSelector: `spec.nodeName=${name}`, labelSelector: flags['pod-selector'] as string | undefined });
  if (!r.ok) {
    ctx.err(serverError(r.status));
    return false;
  }
  const verdicts = r.object.items.map((p) => classify(env, p));
  const errors = (['daemonset', 'unmanaged', 'emptydir'] as const).map((k) => [k, verdicts.filter((v) => v.error === k)] as const).filter(([, v]) => v.length > 0);
  if (errors.length > 0) {
    const text = errors.map(([k, v]) => `${ERRORS[k]}: ${v.map((x) => id(x.pod)).join(', ')}`).join(', ');
    ctx.err(`error: unable to drain node "${name}" due to error: [${text}], continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errors.map(([k, v]) => `${ERRORS[k]}: ${v.map((x) => id(x.pod)).join(', ')}`).join('\n')}`);
    return false;
  }
  for (const k of ['daemonset', 'unmanaged'] as const) {
    const w = verdicts.filter((v) => v.warn === k);
    if (w.length > 0) ctx.err(`Warning: ${WARNINGS[k]}: ${w.map((v) => id(v.pod)).join(', ')}`);
  }
  const targets = verdicts.filter((v) => !v.skip).map((v) => v.pod);
  const grace = flags['grace-period'] as number;
  const timeout = parseGoDuration(String(flags.timeout)) || 3_600_000;
  const end = ctx.world.clock.now() + timeout;
  const disable = !!flags['disable-eviction'];
  for (const p of targets) ctx.out(`evicting pod ${id(p)}`);
  if (dry === 'client') {
    ctx.out(`node/${name} drained (dry run)`);
    return true;
  }
  for (const p of targets) {
    const ns = p.metadata?.namespace;
    const podName = p.metadata?.name ?? '';
    for (;;) {
      const res = disable
        ? client.delete('pods', ns, podName, { gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: dry === 'server' })
        : client.subresource('create', 'pods', ns, podName, 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: podName, namespace: ns }, ...(grace >= 0 ? { deleteOptions: { gracePeriodSeconds: grace } } : {}) }, { dryRun: dry === 'server' });
      if (res.ok || res.status.reason === 'NotFound') break;
      if (res.status.code !== 429) {
        ctx.err(`error: unable to drain node "${name}" due to error: error when evicting pods/"${podName}" -n "${ns ?? ''}": ${res.status.message}, continuing command...\nThere are pending nodes to be drained:\n ${name}\nerror when evicting pods/"${podName}" -n "${ns ?? ''}": ${res.status.message}`);
        return false;
      }
      ctx.err(`error when evicting pods/"${podName}" -n "${ns ?? ''}" (will retry after 5s): ${res.status.message}`);
      if (ctx.world.clock.now() + RETRY_MS > end) {
        const t = String(flags.timeout);
        ctx.err(`There are pending pods in node "${name}" when an error occurred: error when evicting pods/"${podName}" -n "${ns ?? ''}": global timeout reached: ${t}\npod/${podName}\nerror: unable to drain node "${name}" due to error: error when evicting pods/"${podName}" -n "${ns ?? ''}": global timeout reached: ${t}, continuing command...\nThere are pending nodes to be drained:\n ${name}\nerror when evicting pods/"${podName}" -n "${ns ?? ''}": global timeout reached: ${t}`);
        return false;
      }
      ctx.world.advance(RETRY_MS);
    }
  }
  if (dry === 'none') {
    for (const p of targets) {
      const gone = () => {
        const g = client.get('pods', p.metadata?.namespace, p.metadata?.name ?? '');
        return !g.ok || g.object.metadata?.uid !== p.metadata?.uid;
      };
      if (!ctx.world.advanceUntil(gone, Math.max(0, end - ctx.world.clock.now()))) {
        ctx.err(`error: unable to drain node "${name}" due to error: global timeout reached: ${String(flags.timeout)}, continuing command...\nThere are pending nodes to be drained:\n ${name}`);
        return false;
      }
      ctx.out(`pod/${p.metadata?.name ?? ''} evicted`);
    }
  }
  ctx.out(`node/${name} drained${dry === 'server' ? ' (server dry run)' : ''}`);
  return true;
}

export const drainVerb: Verb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'kubectl drain NODE [options]',
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'pod-selector', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'chunk-size', type: 'int', default: 500 },
    DRY_RUN_FLAG,
  ],
  run(env) {
    const dry = dryRunOf(env.ctx, env.flags, () => undefined);
    if (typeof dry === 'object') {
      env.ctx.err(dry.error);
      return 1;
    }
    if (env.flags['delete-local-data']) {
      env.ctx.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.');
      env.flags['delete-emptydir-data'] = true;
    }
    const nodes = nodesFor(env, 'drain');
    if (!nodes) return 1;
    let ok = true;
    for (const n of nodes) ok = drainNode(env, n, dry) && ok;
    return ok ? 0 : 1;
  },
};
