/** From a manifest to where it goes: its resource type (through discovery) and namespace, with kubectl's errors. */
import type { ResourceDef } from '../../../cluster/api/resource.js';
import type { KObject, Status } from '../../../cluster/api/types.js';
import type { KubectlEnv } from '../verb.js';
import { serverError } from '../output.js';

export interface Target {
  def: ResourceDef;
  gr: string;
  ns: string | undefined;
  name: string;
}

export function groupResource(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

export function resolveManifest(env: KubectlEnv, o: KObject, source: string): Target | string {
  if (!o.apiVersion || !o.kind) {
    const missing = [!o.apiVersion ? 'apiVersion not set' : '', !o.kind ? 'kind not set' : ''].filter((x) => x);
    return `error: error validating "${source}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const apiVersion = String(o.apiVersion);
  const kind = String(o.kind);
  const def = env.cluster.registry.forKind(apiVersion, kind);
  if (!def) {
    return `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
  }
  const fileNs = o.metadata?.namespace;
  if (def.namespaced && env.namespaceSet && fileNs && fileNs !== env.namespace) {
    return `error: the namespace from the provided object "${fileNs}" does not match the namespace "${env.namespace}". You must pass '--namespace=${fileNs}' to perform this operation.`;
  }
  const name = o.metadata?.name ?? '';
  return { def, gr: groupResource(def), ns: def.namespaced ? (fileNs ?? env.namespace) : undefined, name };
}

/** kubectl's AddSourceToErr: `error when creating "x.yaml": …` inside the server's message (Invalid keeps its own form). */
export function sourcedError(status: Status, verb: string, source: string): string {
  if (status.reason === 'Invalid' && status.details?.causes) return serverError(status);
  return serverError({ ...status, message: `error when ${verb} "${source}": ${status.message}` });
}

/** `--validate` as kubectl maps it onto the request's fieldValidation (true/strict → Strict, false/ignore → Ignore). */
export function fieldValidation(v: unknown): 'Strict' | 'Warn' | 'Ignore' {
  const t = String(v ?? 'strict').toLowerCase();
  if (t === 'false' || t === 'ignore') return 'Ignore';
  if (t === 'warn') return 'Warn';
  return 'Strict';
}
