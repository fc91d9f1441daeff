/**
 * `kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|delete|condition=available|jsonpath='{}'[=value]]`:
 * fast-forwards the simulated clock until every object meets the condition, or --timeout.
 */
import type { KObject } from '../../cluster/api/types.js';
import type { KubectlEnv, Verb } from './verb.js';
import { parseGoDuration } from '../flags.js';
import { serverError } from './output.js';
import { resolveRefs, type Ref } from './refs.js';
import { kindLabel } from './print-object.js';
import { collectJsonPath, parseJsonPathTemplate, printValue } from './output/jsonpath.js';

type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'condition'; type: string; value: string } | { kind: 'jsonpath'; nodes: ReturnType<typeof parseJsonPathTemplate>; value: string | undefined };

function parseFor(text: string): Condition | string {
  if (text === 'delete') return { kind: 'delete' };
  if (text === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { kind: 'condition', type: eq < 0 ? rest : rest.slice(0, eq), value: eq < 0 ? 'true' : rest.slice(eq + 1) };
  }
  if (text.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const expr = close >= 0 ? rest.slice(0, close + 1) : rest;
    const after = close >= 0 ? rest.slice(close + 1) : '';
    const value = after.startsWith('=') ? after.slice(1) : undefined;
    const nodes = parseJsonPathTemplate(expr.startsWith('{') ? expr : `{${expr}}`);
    if (!nodes.ok) return `error: ${nodes.error}`;
    return { kind: 'jsonpath', nodes, value };
  }
  return `error: unrecognized condition: "${text}"`;
}

function met(c: Condition, obj: KObject | undefined): boolean {
  switch (c.kind) {
    case 'delete':
      return obj === undefined;
    case 'create':
      return obj !== undefined;
    case 'condition': {
      if (!obj) return false;
      const conds = ((obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return conds.some((x) => x.type.toLowerCase() === c.type.toLowerCase() && x.status.toLowerCase() === c.value.toLowerCase());
    }
    case 'jsonpath': {
      if (!obj || !c.nodes.ok) return false;
      const values = collectJsonPath(c.nodes.nodes, obj);
      if (c.value === undefined) return values.length > 0 && values.every((v) => v !== undefined && v !== null);
      return values.length > 0 && values.every((v) => printValue(v) === c.value);
    }
  }
}

function run(env: KubectlEnv): number {
  const { ctx, flags, client } = env;
  const cond = parseFor(String(flags.for ?? ''));
  if (typeof cond === 'string') {
    ctx.err(cond);
    return 1;
  }
  const timeout = parseGoDuration(String(flags.timeout)) ?? 30_000;
  const refs = resolveRefs(env, { selector: flags.selector as string | undefined, fieldSelector: flags['field-selector'] as string | undefined, all: !!flags.all, allNamespaces: !!flags['all-namespaces'], files: flags.filename as string[] | undefined });
  if (!refs.ok) {
    ctx.err(refs.error);
    return 1;
  }
  if (refs.refs.length === 0) {
    ctx.err('error: no matching resources found');
    return 1;
  }
  const uids = new Map<Ref, string | undefined>();
  const current = (ref: Ref): KObject | undefined => {
    const r = client.get(ref.gr, ref.ns, ref.name);
    if (!r.ok) return undefined;
    if (cond.kind === 'delete' && uids.get(ref) !== undefined && r.object.metadata?.uid !== uids.get(ref)) return undefined;
    return r.object;
  };
  for (const ref of refs.refs) {
    const r = client.get(ref.gr, ref.ns, ref.name);
    if (!r.ok && cond.kind !== 'delete' && cond.kind !== 'create') {
      ctx.err(serverError(r.status));
      return 1;
    }
    uids.set(ref, r.ok ? r.object.metadata?.uid : undefined);
  }
  const end = ctx.world.clock.now() + timeout;
  let code = 0;
  for (const ref of refs.refs) {
    const ok = ctx.world.advanceUntil(() => met(cond, current(ref)), Math.max(0, end - ctx.world.clock.now()));
    if (ok) ctx.out(`${kindLabel(ref.def)}/${ref.name} condition met`);
    else {
      ctx.err(`error: timed out waiting for the condition on ${ref.gr}/${ref.name}`);
      code = 1;
    }
  }
  return code;
}

export const waitVerb: Verb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'duration', default: '30s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run,
};
