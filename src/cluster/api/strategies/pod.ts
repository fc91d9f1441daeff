/** The Pod strategy: defaults, validation, and what an update may change. */
import type { Pod, PodCondition, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { defaultPodSpec } from './pod-defaults.js';
import { podSpecErrors } from '../validation/pod-spec.js';
import { clone, deepEqual } from '../paths.js';
import { forbiddenField } from '../validation/common.js';

export const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export const podStrategies: StrategyMap = {
  '/pods': {
    defaults(o, _ctx, old) {
      const pod = o as Pod & KObject;
      pod.spec ??= { containers: [] };
      defaultPodSpec(pod.spec);
      if (!old) (pod as KObject).status = { phase: 'Pending', qosClass: qosClass(pod.spec), ...schedulingGated(pod.spec) };
    },
    validate(o, _ctx, old) {
      const pod = o as Pod & KObject;
      // The stored spec passed when it was written; a status or metadata write keeps it (upstream's status strategy doesn't look at it).
      if (old && deepEqual(old.spec, pod.spec)) return [];
      const errs = podSpecErrors(pod.spec, { path: 'spec', creating: !old });
      if (old && errs.length === 0) errs.push(...podUpdateErrors((old as Pod).spec!, pod.spec!));
      return errs;
    },
    fieldValue(o, field) {
      if (field === 'spec.hostNetwork') return String(!!(o.spec as PodSpec | undefined)?.hostNetwork);
      return undefined;
    },
  },
};

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and gates removal may change. */
export function podUpdateErrors(oldSpec: PodSpec, newSpec: PodSpec): FieldError[] {
  // A status or metadata write shares the stored spec: nothing to compare.
  if (oldSpec === newSpec) return [];
  const errs: FieldError[] = [];
  const munged = clone(newSpec) as PodSpec & Record<string, unknown>;
  const sameLength = (a?: unknown[], b?: unknown[]) => (a ?? []).length === (b ?? []).length;
  if (sameLength(oldSpec.containers, munged.containers)) munged.containers.forEach((c, i) => (c.image = oldSpec.containers[i]!.image));
  if (sameLength(oldSpec.initContainers, munged.initContainers)) (munged.initContainers ?? []).forEach((c, i) => (c.image = oldSpec.initContainers![i]!.image));
  const oldAds = oldSpec.activeDeadlineSeconds;
  const newAds = newSpec.activeDeadlineSeconds;
  if (newAds !== undefined && oldAds !== undefined && newAds > oldAds) errs.push({ type: 'Invalid', field: 'spec.activeDeadlineSeconds', value: newAds, detail: 'must be less than or equal to previous value' });
  else if (oldAds !== undefined && newAds === undefined) errs.push({ type: 'Invalid', field: 'spec.activeDeadlineSeconds', value: null, detail: 'must not update from a positive integer to nil value' });
  munged.activeDeadlineSeconds = oldAds;
  if (tolerationsOnlyAdded(oldSpec.tolerations ?? [], newSpec.tolerations ?? [])) munged.tolerations = oldSpec.tolerations;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && newSpec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  errs.push(...onlyDeletedSchedulingGates(oldSpec, newSpec));
  munged.schedulingGates = oldSpec.schedulingGates;
  if (!deepEqual(oldSpec, munged)) {
    errs.push(forbiddenField('spec', `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

/** validateOnlyDeletedSchedulingGates: a gate may be removed, never added. */
function onlyDeletedSchedulingGates(oldSpec: PodSpec, newSpec: PodSpec): FieldError[] {
  const old = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (newSpec.schedulingGates ?? []).forEach((g, i) => {
    if (!old.has(g.name)) errs.push(forbiddenField(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}

/** A pod created with scheduling gates starts PodScheduled=False/SchedulingGated (the API server sets it, as upstream's PrepareForCreate). */
function schedulingGated(spec: PodSpec): { conditions?: PodCondition[] } {
  if ((spec.schedulingGates ?? []).length === 0) return {};
  return { conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null as unknown as string, lastTransitionTime: null as unknown as string, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }] };
}

function tolerationsOnlyAdded(old: Toleration[], next: Toleration[]): boolean {
  return old.every((t) =>
    next.some((n) => n.key === t.key && n.operator === t.operator && n.value === t.value && n.effect === t.effect && (n.tolerationSeconds === t.tolerationSeconds || (t.tolerationSeconds !== undefined && n.tolerationSeconds !== undefined && n.tolerationSeconds <= t.tolerationSeconds))),
  );
}

/** A short cmp.Diff-style rendering of the fields that changed. */
function specDiff(a: PodSpec, b: PodSpec): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    const av = (a as unknown as Record<string, unknown>)[k];
    const bv = (b as unknown as Record<string, unknown>)[k];
    if (deepEqual(av, bv)) {
      same++;
      continue;
    }
    const name = k[0]!.toUpperCase() + k.slice(1);
    if (av !== undefined) lines.push(`- \t${name}: ${JSON.stringify(av)},`);
    if (bv !== undefined) lines.push(`+ \t${name}: ${JSON.stringify(bv)},`);
  }
  if (same > 0) lines.push(`  \t... // ${same} identical fields`);
  lines.push('  }');
  return lines.join('\n');
}

/** Guaranteed when every container has equal cpu and memory requests and limits; BestEffort with none at all. */
export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
