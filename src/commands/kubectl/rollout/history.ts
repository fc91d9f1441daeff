/** `kubectl rollout history` and `kubectl rollout undo` (deployments). */
import type { KObject } from '../../../cluster/api/types.js';
import type { Verb } from '../verb.js';
import { tabulate } from '../../tabwriter.js';
import { DRY_RUN_FLAG, dryRunOf } from '../print-object.js';
import { serverError } from '../output.js';
import { deepEqual, clone } from '../../../cluster/api/paths.js';
import { CHANGE_CAUSE, label, revisionOf, revisions, workloads } from './common.js';

function templateWithoutHash(rs: KObject): Record<string, unknown> {
  const t = clone((rs.spec as { template?: Record<string, unknown> } | undefined)?.template ?? {});
  const meta = (t.metadata ?? {}) as { labels?: Record<string, string> };
  if (meta.labels) delete meta.labels['pod-template-hash'];
  return t;
}

export const rolloutHistory: Verb = {
  name: 'history',
  short: 'View rollout history',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [{ name: 'revision', type: 'int', default: 0 }, { name: 'filename', short: 'f', type: 'strings' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'output', short: 'o', type: 'string' }],
  run(env) {
    const ws = workloads(env, ['Deployment']);
    if (!ws) return 1;
    for (const w of ws) {
      const rss = revisions(env, w.obj);
      const want = env.flags.revision as number;
      if (want > 0) {
        const rs = rss.find((r) => revisionOf(r) === want);
        if (!rs) {
          env.ctx.err(`error: unable to find the specified revision`);
          return 1;
        }
        const t = (rs.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { name: string; image?: string }[] } } }).template ?? {};
        const lines = [`${label(w)} with revision #${want}`, 'Pod Template:'];
        lines.push(`  Labels:\t${Object.entries(t.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join('\n\t')}`);
        lines.push('  Containers:');
        for (const c of t.spec?.containers ?? []) lines.push(`   ${c.name}:`, `    Image:\t${c.image ?? ''}`);
        env.ctx.out(lines.join('\n') + '\n');
        continue;
      }
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...rss.map((rs) => [String(revisionOf(rs)), rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '<none>'])];
      env.ctx.out(`${label(w)} \n${tabulate(rows, { minWidth: 0, padding: 2 })}\n\n`);
    }
    return 0;
  },
};

export const rolloutUndo: Verb = {
  name: 'undo',
  short: 'Undo a previous rollout',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [{ name: 'to-revision', type: 'int', default: 0 }, { name: 'filename', short: 'f', type: 'strings' }, { name: 'selector', short: 'l', type: 'string' }, DRY_RUN_FLAG],
  run(env) {
    const ws = workloads(env, ['Deployment']);
    if (!ws) return 1;
    const dry = dryRunOf(env.ctx, env.flags, () => undefined);
    if (typeof dry === 'object') {
      env.ctx.err(dry.error);
      return 1;
    }
    let code = 0;
    for (const w of ws) {
      if ((w.obj.spec as { paused?: boolean }).paused) {
        env.ctx.err(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
        code = 1;
        continue;
      }
      const rss = revisions(env, w.obj);
      const to = env.flags['to-revision'] as number;
      let target: KObject | undefined;
      if (to > 0) target = rss.find((r) => revisionOf(r) === to);
      else {
        const current = revisionOf(w.obj);
        target = [...rss].reverse().find((r) => revisionOf(r) < current || (current === 0 && r !== rss[rss.length - 1]));
      }
      if (!target) {
        env.ctx.err(to > 0 ? `error: unable to find specified revision ${to} in history` : `error: no rollout history found for deployment "${w.ref.name}"`);
        code = 1;
        continue;
      }
      const template = templateWithoutHash(target);
      if (deepEqual(template, (w.obj.spec as { template?: unknown }).template)) {
        env.ctx.out(`${label(w)} skipped rollback (current template already matches revision ${revisionOf(target)})`);
        continue;
      }
      if (dry !== 'client') {
        const annotations = { ...(w.obj.metadata?.annotations ?? {}) };
        const cause = target.metadata?.annotations?.[CHANGE_CAUSE];
        if (cause) annotations[CHANGE_CAUSE] = cause;
        else delete annotations[CHANGE_CAUSE];
        const patch = [
          { op: 'replace', path: '/spec/template', value: template },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ];
        const r = env.client.patch(w.ref.gr, w.ref.ns, w.ref.name, patch, 'json', undefined, { dryRun: dry === 'server' });
        if (!r.ok) {
          env.ctx.err(serverError(r.status));
          code = 1;
          continue;
        }
      }
      env.ctx.out(`${label(w)} rolled back${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`);
    }
    return code;
  },
};
