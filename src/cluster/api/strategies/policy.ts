/** PriorityClass, PodDisruptionBudget, Lease and HorizontalPodAutoscaler (v2) strategies. */
import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { GoLiteral } from '../status.js';
import { forbiddenField, intOrPercentErrors, invalidValue, labelSelectorErrors, nonNegative, notSupported, percentOver100, required } from '../validation/common.js';

const SYSTEM_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);
export const HIGHEST_USER_PRIORITY = 1_000_000_000;

function scalingRules(r: HPAScalingRules, up: boolean): void {
  r.stabilizationWindowSeconds ??= up ? 0 : 300;
  r.selectPolicy ??= 'Max';
  r.policies ??= up
    ? [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ]
    : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
}

export const policyStrategies: StrategyMap = {
  'scheduling.k8s.io/priorityclasses': {
    defaults(o) {
      (o as PriorityClass & KObject).preemptionPolicy ??= 'PreemptLowerPriority';
    },
    validate(o, _ctx, old) {
      const pc = o as PriorityClass & KObject;
      const errs: FieldError[] = [];
      const name = pc.metadata?.name ?? '';
      if (!old && name.startsWith('system-') && !SYSTEM_CLASSES.has(name))
        errs.push(forbiddenField('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: priority class ${name} is not a known system priority class`));
      if (typeof pc.value !== 'number') errs.push(required('value'));
      else if (!SYSTEM_CLASSES.has(name) && pc.value > HIGHEST_USER_PRIORITY) errs.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
      if (pc.preemptionPolicy && !['Never', 'PreemptLowerPriority'].includes(pc.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
      if (old) {
        const op = old as unknown as PriorityClass;
        if (op.value !== pc.value) errs.push(forbiddenField('value', 'may not be changed in an update.'));
        if (op.preemptionPolicy !== pc.preemptionPolicy) errs.push(invalidValue('preemptionPolicy', pc.preemptionPolicy, 'field is immutable'));
      }
      return errs;
    },
  },
  'policy/poddisruptionbudgets': {
    defaults(o, _ctx, old) {
      if (!old) (o as PodDisruptionBudget & KObject).status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    },
    validate(o) {
      const s = (o as PodDisruptionBudget & KObject).spec ?? {};
      const errs: FieldError[] = [];
      if (s.minAvailable !== undefined && s.maxUnavailable !== undefined)
        errs.push(invalidValue('spec', new GoLiteral('policy.PodDisruptionBudgetSpec{...}'), 'minAvailable and maxUnavailable cannot be both set'));
      errs.push(...intOrPercentErrors(s.minAvailable, 'spec.minAvailable'), ...percentOver100(s.minAvailable, 'spec.minAvailable'));
      errs.push(...intOrPercentErrors(s.maxUnavailable, 'spec.maxUnavailable'), ...percentOver100(s.maxUnavailable, 'spec.maxUnavailable'));
      errs.push(...labelSelectorErrors(s.selector, 'spec.selector'));
      if (s.unhealthyPodEvictionPolicy && !['AlwaysAllow', 'IfHealthyBudget'].includes(s.unhealthyPodEvictionPolicy))
        errs.push(notSupported('spec.unhealthyPodEvictionPolicy', s.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
      return errs;
    },
  },
  'coordination.k8s.io/leases': {
    validate(o) {
      const s = (o as Lease & KObject).spec ?? {};
      const errs: FieldError[] = [];
      if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0) errs.push(invalidValue('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0'));
      errs.push(...nonNegative(s.leaseTransitions, 'spec.leaseTransitions'));
      return errs;
    },
  },
  'autoscaling/horizontalpodautoscalers': {
    defaults(o) {
      const h = o as HorizontalPodAutoscaler & KObject;
      h.spec ??= { maxReplicas: 0, scaleTargetRef: { kind: '', name: '' } };
      const s = h.spec;
      s.minReplicas ??= 1;
      if (!s.metrics || s.metrics.length === 0) s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      if (s.behavior) {
        s.behavior.scaleUp ??= {};
        s.behavior.scaleDown ??= {};
        scalingRules(s.behavior.scaleUp, true);
        scalingRules(s.behavior.scaleDown, false);
      }
    },
    validate(o) {
      const s = (o as HorizontalPodAutoscaler & KObject).spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [];
      if (!s.scaleTargetRef?.kind) errs.push(required('spec.scaleTargetRef.kind'));
      if (!s.scaleTargetRef?.name) errs.push(required('spec.scaleTargetRef.name'));
      if (s.minReplicas !== undefined && s.minReplicas < 1) errs.push(invalidValue('spec.minReplicas', s.minReplicas, 'must be greater than or equal to 1'));
      if (typeof s.maxReplicas !== 'number' || s.maxReplicas < 1) errs.push(invalidValue('spec.maxReplicas', s.maxReplicas ?? 0, 'must be greater than 0'));
      else if (s.minReplicas !== undefined && s.maxReplicas < s.minReplicas) errs.push(invalidValue('spec.maxReplicas', s.maxReplicas, 'must be greater than or equal to `minReplicas`'));
      const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
      (s.metrics ?? []).forEach((m, i) => {
        if (!types.includes(m.type)) errs.push(notSupported(`spec.metrics[${i}].type`, m.type, types));
        if (m.type === 'Resource' && !m.resource) errs.push(required(`spec.metrics[${i}].resource`, 'must populate information for the given metric source'));
      });
      return errs;
    },
  },
};
