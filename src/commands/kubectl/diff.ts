/**
 * `kubectl diff -f FILENAME`: what apply would change, as `diff -u -N` of the
 * live object and the merged one (computed by a server-side dry run), in
 * kubectl's layout. Exit code 1 when there are differences, as kubectl.
 */
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { readManifests } from './manifests.js';
import { resolveManifest } from './apply/resolve.js';
import { lastAppliedAnnotation, LAST_APPLIED } from './apply/last-applied.js';
import { threeWayPatch } from './apply/three-way.js';
import { toGoYaml } from './output/yaml.js';
import { serverError } from './output.js';
import { unifiedHunks } from './unified-diff.js';

function strip(o: KObject | undefined): string[] {
  if (!o) return [];
  const meta = { ...(o.metadata ?? {}) };
  delete meta.managedFields;
  return toGoYaml({ ...o, metadata: meta }).replace(/\n$/, '').split('\n');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000');
}

export const diffVerb: Verb = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  usage: 'kubectl diff -f FILENAME [options]',
  flags: [{ name: 'filename', short: 'f', type: 'strings' }, { name: 'recursive', short: 'R', type: 'bool' }, { name: 'server-side', type: 'bool' }, { name: 'force-conflicts', type: 'bool' }, { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' }, { name: 'prune', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'concurrency', type: 'int', default: 1 }, { name: 'show-managed-fields', type: 'bool' }],
  run(env) {
    const { ctx, flags, client } = env;
    const files = (flags.filename as string[] | undefined) ?? [];
    if (files.length === 0) {
      ctx.err("error: must specify one of -f and -k\nSee 'kubectl diff -h' for help and examples");
      return 1;
    }
    const read = readManifests(ctx, files, !!flags.recursive);
    if (!read.ok) {
      ctx.err(read.error);
      return 1;
    }
    let differs = false;
    const seed = ctx.world.clock.now();
    const live = `/tmp/LIVE-${String(1_000_000_000 + (seed % 999_999_999))}`;
    const merged = `/tmp/MERGED-${String(2_000_000_000 + (seed % 99_999_999))}`;
    for (const { object, source } of read.items) {
      const t = resolveManifest(env, object, source);
      if (typeof t === 'string') {
        ctx.err(t);
        return 1;
      }
      const withNs = t.def.namespaced ? { ...object, metadata: { ...object.metadata, namespace: t.ns } } : object;
      const cur = client.get(t.gr, t.ns, t.name);
      if (!cur.ok && cur.status.reason !== 'NotFound') {
        ctx.err(serverError(cur.status));
        return 1;
      }
      let after: KObject;
      const modified = lastAppliedAnnotation(withNs, true);
      if (!cur.ok) {
        const r = client.create(t.gr, t.ns, modified, { dryRun: true });
        if (!r.ok) {
          ctx.err(serverError(r.status));
          return 1;
        }
        after = r.object;
      } else {
        const lastText = cur.object.metadata?.annotations?.[LAST_APPLIED];
        let original: unknown;
        try {
          original = lastText ? JSON.parse(lastText) : undefined;
        } catch {
          original = undefined;
        }
        const patch = threeWayPatch(original, modified, cur.object);
        const r = Object.keys(patch).length === 0 ? cur : client.patch(t.gr, t.ns, t.name, patch, 'strategic', undefined, { dryRun: true });
        if (!r.ok) {
          ctx.err(serverError(r.status));
          return 1;
        }
        after = r.object;
        // A dry-run update answers without a new resourceVersion; show the live one as the server would keep it.
        if (!after.metadata?.resourceVersion) after = { ...after, metadata: { ...after.metadata, resourceVersion: cur.object.metadata?.resourceVersion } };
      }
      const a = strip(cur.ok ? cur.object : undefined);
      const b = strip(after);
      const hunks = unifiedHunks(a, b);
      if (hunks.length === 0) continue;
      differs = true;
      const file = `${t.def.group ? `${t.def.group}.` : ''}${t.def.version}.${t.def.kind}.${t.ns ? `${t.ns}.` : ''}${t.name}`;
      ctx.out([`diff -u -N ${live}/${file} ${merged}/${file}`, `--- ${live}/${file}\t${stamp(seed)}`, `+++ ${merged}/${file}\t${stamp(seed)}`, ...hunks].join('\n'));
    }
    return differs ? 1 : 0;
  },
};
