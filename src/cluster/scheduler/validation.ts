/**
 * Validation of the scheduling fields of a pod spec (affinity, topology
 * spread constraints), with upstream's field paths and messages
 * (ValidateNodeSelectorRequirement, validatePodAffinityTerm,
 * validateTopologySpreadConstraints, paraphrased). Wired into podSpecErrors.
 */
import type { NodeSelector, NodeSelectorRequirement, PodAffinityTerm, PodSpec, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { FieldError } from '../api/status.js';
import { duplicate, invalidValue, labelSelectorErrors, notSupported, required, forbiddenField } from '../api/validation/common.js';
import { qualifiedNameErrors } from '../api/validation/names.js';


function requirementErrors(r: NodeSelectorRequirement, f: string, fieldKey = false): FieldError[] {
  const errs: FieldError[] = [];
  const n = (r.values ?? []).length;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n > 0) errs.push(forbiddenField(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) errs.push(required(`${f}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalidValue(`${f}.operator`, r.operator, 'not a valid selector operator'));
  }
  if (fieldKey) {
    if (r.key !== 'metadata.name') errs.push(notSupported(`${f}.key`, r.key, ['metadata.name']));
  } else errs.push(...qualifiedNameErrors(r.key ?? '', `${f}.key`));
  return errs;
}

function termErrors(t: { matchExpressions?: readonly NodeSelectorRequirement[]; matchFields?: readonly NodeSelectorRequirement[] }, f: string): FieldError[] {
  const errs: FieldError[] = [];
  (t.matchExpressions ?? []).forEach((r, i) => errs.push(...requirementErrors(r, `${f}.matchExpressions[${i}]`)));
  (t.matchFields ?? []).forEach((r, i) => errs.push(...requirementErrors(r, `${f}.matchFields[${i}]`, true)));
  return errs;
}

function nodeSelectorErrors(s: NodeSelector, f: string): FieldError[] {
  if ((s.nodeSelectorTerms ?? []).length === 0) return [required(`${f}.nodeSelectorTerms`, 'must have at least one node selector term')];
  return s.nodeSelectorTerms.flatMap((t, i) => termErrors(t, `${f}.nodeSelectorTerms[${i}]`));
}

function weightErrors(w: number, f: string): FieldError[] {
  return w < 1 || w > 100 ? [invalidValue(f, w, 'must be in the range 1-100')] : [];
}

function podAffinityTermErrors(t: PodAffinityTerm, f: string): FieldError[] {
  const errs = [...labelSelectorErrors(t.labelSelector, `${f}.labelSelector`), ...labelSelectorErrors(t.namespaceSelector, `${f}.namespaceSelector`)];
  if (!t.topologyKey) errs.push(required(`${f}.topologyKey`, 'can not be empty'));
  else errs.push(...qualifiedNameErrors(t.topologyKey, `${f}.topologyKey`));
  return errs;
}

function podAffinityErrors(a: { requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[] } | undefined, f: string): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...podAffinityTermErrors(t, `${f}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)));
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
    const g = `${f}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...weightErrors(w.weight, `${g}.weight`), ...podAffinityTermErrors(w.podAffinityTerm, `${g}.podAffinityTerm`));
  });
  return errs;
}

export function schedulingErrors(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const aff = spec.affinity;
  const na = aff?.nodeAffinity;
  if (na?.requiredDuringSchedulingIgnoredDuringExecution) errs.push(...nodeSelectorErrors(na.requiredDuringSchedulingIgnoredDuringExecution, `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`));
  (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
    const f = `${path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...weightErrors(p.weight, `${f}.weight`), ...termErrors(p.preference ?? {}, `${f}.preference`));
  });
  errs.push(...podAffinityErrors(aff?.podAffinity, `${path}.affinity.podAffinity`));
  errs.push(...podAffinityErrors(aff?.podAntiAffinity, `${path}.affinity.podAntiAffinity`));
  const seen = new Set<string>();
  (spec.topologySpreadConstraints ?? []).forEach((c, i) => {
    const f = `${path}.topologySpreadConstraints[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalidValue(`${f}.maxSkew`, c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(`${f}.topologyKey`, 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) errs.push(notSupported(`${f}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    if (c.minDomains !== undefined && c.minDomains <= 0) errs.push(invalidValue(`${f}.minDomains`, c.minDomains, 'must be greater than 0'));
    const key = `${c.topologyKey}/${c.whenUnsatisfiable}`;
    if (seen.has(key)) errs.push(duplicate(`${f}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    seen.add(key);
    errs.push(...labelSelectorErrors(c.labelSelector, `${f}.labelSelector`));
  });
  return errs;
}
