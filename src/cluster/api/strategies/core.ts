/** Strategies of core/v1 kinds. */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { defaultPodSpec } from './pod-defaults.js';
import { nameErrors } from '../validation/names.js';

export const coreStrategies: StrategyMap = {
  '/namespaces': {
    defaults(o) {
      const spec = ((o.spec as { finalizers?: string[] } | undefined) ?? {}) as { finalizers?: string[] };
      spec.finalizers ??= ['kubernetes'];
      o.spec = spec;
      o.status = { phase: (o.status as { phase?: string } | undefined)?.phase ?? 'Active' };
      const labels = { ...(o.metadata?.labels ?? {}) };
      labels['kubernetes.io/metadata.name'] = o.metadata!.name!;
      o.metadata!.labels = labels;
    },
  },
  '/pods': {
    defaults(o, _ctx, old) {
      const pod = o as Pod & KObject;
      pod.spec ??= { containers: [] };
      defaultPodSpec(pod.spec);
      if (!old) (pod as KObject).status = { phase: 'Pending', qosClass: qosClass(pod.spec) };
    },
    validate(o, _ctx, old) {
      const pod = o as Pod & KObject;
      const errs: FieldError[] = [];
      const spec = pod.spec;
      if (!spec) return [{ type: 'Required', field: 'spec' }];
      if (!spec.containers || spec.containers.length === 0) errs.push({ type: 'Required', field: 'spec.containers' });
      const names = new Set<string>();
      (spec.containers ?? []).forEach((c, i) => {
        const f = `spec.containers[${i}]`;
        if (!c.name) errs.push({ type: 'Required', field: `${f}.name` });
        else {
          errs.push(...nameErrors(c.name, 'label', `${f}.name`));
          if (names.has(c.name)) errs.push({ type: 'Duplicate', field: `${f}.name`, value: c.name });
          names.add(c.name);
        }
        if (!c.image && !old) errs.push({ type: 'Required', field: `${f}.image` });
      });
      if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy))
        errs.push({ type: 'NotSupported', field: 'spec.restartPolicy', value: spec.restartPolicy, supported: ['Always', 'OnFailure', 'Never'] });
      return errs;
    },
    fieldValue(o, field) {
      if (field === 'spec.hostNetwork') return String(!!(o.spec as PodSpec | undefined)?.hostNetwork);
      return undefined;
    },
  },
};

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
