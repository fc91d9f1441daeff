/** `kubectl apply -f` and `kubectl create -f` (the foundation's minimal forms). */
import type { KubectlEnv, Verb } from './verb.js';
import { readManifests } from './manifests.js';
import { serverError } from './output.js';
import type { ResourceDef } from '../../cluster/api/resource.js';
import type { KObject } from '../../cluster/api/types.js';

function resolveKind(env: KubectlEnv, o: KObject): ResourceDef | string {
  const apiVersion = String(o.apiVersion ?? '');
  const kind = String(o.kind ?? '');
  if (!o.apiVersion || !o.kind) return `error: error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`;
  const def = env.cluster.registry.forKind(apiVersion, kind);
  if (!def) {
    return `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
  }
  return def;
}

function kindLabel(def: ResourceDef): string {
  return def.group ? `${def.singular}.${def.group}` : def.singular;
}

function writeAll(env: KubectlEnv, mode: 'apply' | 'create'): number {
  const files = (env.flags.filename as string[] | undefined) ?? [];
  if (files.length === 0) {
    env.ctx.err(mode === 'apply' ? "error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples" : "error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples");
    return 1;
  }
  const read = readManifests(env.ctx, files, !!env.flags.recursive);
  if (!read.ok) {
    env.ctx.err(read.error);
    return 1;
  }
  let code = 0;
  for (const { object, source } of read.items) {
    const def = resolveKind(env, object);
    if (typeof def === 'string') {
      env.ctx.err(def);
      code = 1;
      continue;
    }
    const ns = def.namespaced ? (object.metadata?.namespace ?? env.namespace) : undefined;
    if (def.namespaced && env.namespaceSet && object.metadata?.namespace && object.metadata.namespace !== env.namespace) {
      env.ctx.err(`error: the namespace from the provided object "${object.metadata.namespace}" does not match the namespace "${env.namespace}". You must pass '--namespace=${object.metadata.namespace}' to perform this operation.`);
      code = 1;
      continue;
    }
    const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
    const name = object.metadata?.name ?? '';
    if (mode === 'create') {
      const r = env.client.create(gr, ns, object);
      if (r.ok) env.ctx.out(`${kindLabel(def)}/${r.object.metadata?.name ?? name} created`);
      else {
        env.ctx.err(r.status.reason === 'AlreadyExists' ? `Error from server (AlreadyExists): error when creating "${source}": ${r.status.message}` : serverError(r.status));
        code = 1;
      }
      continue;
    }
    const existing = env.client.get(gr, ns, name);
    if (!existing.ok && existing.status.reason === 'NotFound') {
      const r = env.client.create(gr, ns, object);
      if (r.ok) env.ctx.out(`${kindLabel(def)}/${name} created`);
      else {
        env.ctx.err(serverError(r.status));
        code = 1;
      }
      continue;
    }
    if (!existing.ok) {
      env.ctx.err(serverError(existing.status));
      code = 1;
      continue;
    }
    const r = env.client.patch(gr, ns, name, object, 'strategic');
    if (r.ok) env.ctx.out(`${kindLabel(def)}/${name} ${r.object.metadata?.resourceVersion === existing.object.metadata?.resourceVersion ? 'unchanged' : 'configured'}`);
    else {
      env.ctx.err(serverError(r.status));
      code = 1;
    }
  }
  return code;
}

const fileFlags = [
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
];

export const applyVerb: Verb = { name: 'apply', flags: fileFlags, run: (env) => writeAll(env, 'apply') };
export const createVerb: Verb = { name: 'create', flags: fileFlags, run: (env) => writeAll(env, 'create') };
