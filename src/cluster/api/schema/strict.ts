/**
 * Strict field validation (`fieldValidation=Strict`, what kubectl sends with
 * apply, create -f and replace): fields the kind's schema doesn't have are
 * reported with their path (`spec.template.spec.containers[0].imagee`), as
 * the API server's strict decoder reports them. Only types whose field list
 * is complete are checked; inside the others (and `Object` fields) anything
 * goes, so a thin schema never rejects a valid manifest.
 */
import { SCHEMAS } from './index.js';
import type { Field, TypeDef } from './types.js';

/** Types whose fields are all listed. */
const COMPLETE = new Set([
  'Pod',
  'PodSpec',
  'Container',
  'ContainerPort',
  'EnvVar',
  'ResourceRequirements',
  'VolumeMount',
  'ObjectMeta',
  'OwnerReference',
  'Deployment',
  'DeploymentSpec',
  'DeploymentStrategy',
  'PodTemplateSpec',
  'LabelSelector',
  'ConfigMap',
  'Secret',
  'Service',
  'ServicePort',
]);

function kindType(group: string, kind: string): [string, TypeDef] | undefined {
  for (const [name, t] of Object.entries(SCHEMAS)) if (t.gvk && t.gvk[0] === group && t.gvk[2] === kind) return [name, t];
  return undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function walkField(f: Field, v: unknown, path: string, out: string[]): void {
  const type = f[0];
  if (type.startsWith('[]')) {
    if (Array.isArray(v)) v.forEach((x, i) => walkField([type.slice(2), ''], x, `${path}[${i}]`, out));
    return;
  }
  if (type.startsWith('map[string]')) {
    if (isObj(v)) for (const [k, x] of Object.entries(v)) walkField([type.slice(11), ''], x, `${path}.${k}`, out);
    return;
  }
  const t = SCHEMAS[type];
  if (t) walkType(type, t, v, path, out);
}

function walkType(name: string, t: TypeDef, v: unknown, path: string, out: string[]): void {
  if (!isObj(v)) return;
  const complete = COMPLETE.has(name);
  for (const [k, x] of Object.entries(v)) {
    const f = t.fields[k];
    const p = path ? `${path}.${k}` : k;
    if (!f) {
      if (complete) out.push(p);
      continue;
    }
    walkField(f, x, p, out);
  }
}

/** Paths of the fields the kind's schema doesn't know (empty when it knows them all, or has no schema). */
export function unknownFields(group: string, kind: string, obj: unknown): string[] {
  const hit = kindType(group, kind);
  if (!hit) return [];
  const out: string[] = [];
  walkType(hit[0], hit[1], obj, '', out);
  return out;
}
