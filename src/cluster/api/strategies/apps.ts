/** Strategies of apps/v1 kinds: Deployment, ReplicaSet, DaemonSet, StatefulSet. */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { defaultPodSpec } from './pod-defaults.js';
import { deepEqual } from '../paths.js';
import { podSpecErrors } from '../validation/pod-spec.js';
import { forbiddenField, intOrPercentErrors, invalidValue, isZero, nonNegative, notSupported, percentOver100, required, workloadSelectorErrors } from '../validation/common.js';
import { labelErrors } from '../validation/names.js';

/** A pod template's defaults (the template's creationTimestamp prints as null, as upstream). */
export function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (!t) return;
  t.metadata ??= {};
  (t.metadata as { creationTimestamp?: null }).creationTimestamp ??= null;
  if (t.spec) defaultPodSpec(t.spec);
}

/** ValidatePodTemplateSpec for a controller that keeps pods running (restartPolicy Always). */
export function templateErrors(t: PodTemplateSpec | undefined, path: string, creating: boolean, restartPolicies: string[] | 'job'): FieldError[] {
  if (!t) return [required(path)];
  const errs: FieldError[] = [...labelErrors(t.metadata?.labels as Record<string, string> | undefined, `${path}.metadata.labels`)];
  errs.push(...podSpecErrors(t.spec, { path: `${path}.spec`, creating }));
  const rp = t.spec?.restartPolicy;
  if (restartPolicies === 'job') {
    if (rp !== 'OnFailure' && rp !== 'Never') errs.push(required(`${path}.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  } else if (rp && !restartPolicies.includes(rp)) errs.push(notSupported(`${path}.spec.restartPolicy`, rp, restartPolicies));
  if (t.spec?.activeDeadlineSeconds !== undefined && restartPolicies !== 'job') errs.push(forbiddenField(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}

/** The stored template passed validation when it was written: an update that keeps it needn't check it again (status writes, scaling). */
function sameTemplate(old: KObject | undefined, t: unknown): boolean {
  return !!old && deepEqual((old.spec as { template?: unknown } | undefined)?.template, t);
}

function selectorImmutable(old: KObject | undefined, sel: unknown): FieldError[] {
  if (!old) return [];
  const oldSel = (old.spec as { selector?: unknown } | undefined)?.selector;
  return deepEqual(oldSel, sel) ? [] : [invalidValue('spec.selector', sel, 'field is immutable')];
}

export const appsStrategies: StrategyMap = {
  'apps/deployments': {
    defaults(o) {
      const d = o as Deployment & KObject;
      d.spec ??= { selector: {}, template: {} };
      const s = d.spec;
      s.replicas ??= 1;
      s.strategy ??= {};
      s.strategy.type ??= 'RollingUpdate';
      if (s.strategy.type === 'RollingUpdate') {
        s.strategy.rollingUpdate ??= {};
        s.strategy.rollingUpdate.maxUnavailable ??= '25%';
        s.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
      s.template ??= {};
      defaultTemplate(s.template);
    },
    validate(o, _ctx, old) {
      const d = o as Deployment & KObject;
      const s = d.spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [...nonNegative(s.replicas, 'spec.replicas')];
      errs.push(...workloadSelectorErrors(s.selector, s.template?.metadata?.labels, 'deployment'));
      errs.push(...selectorImmutable(old, s.selector));
      if (!sameTemplate(old, s.template)) errs.push(...templateErrors(s.template, 'spec.template', !old, ['Always']));
      const st = s.strategy;
      if (st?.type && st.type !== 'RollingUpdate' && st.type !== 'Recreate') errs.push(notSupported('spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']));
      if (st?.type === 'Recreate' && st.rollingUpdate) errs.push(forbiddenField('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
      if (st?.type === 'RollingUpdate' && st.rollingUpdate) {
        const ru = st.rollingUpdate;
        errs.push(...intOrPercentErrors(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'), ...intOrPercentErrors(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
        if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) errs.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
        errs.push(...percentOver100(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      }
      errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'), ...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
      if (s.progressDeadlineSeconds !== undefined) {
        errs.push(...nonNegative(s.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
        if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) errs.push(invalidValue('spec.progressDeadlineSeconds', s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
      }
      return errs;
    },
  },
  'apps/replicasets': {
    defaults(o) {
      const rs = o as ReplicaSet & KObject;
      rs.spec ??= { selector: {} };
      rs.spec.replicas ??= 1;
      defaultTemplate(rs.spec.template);
    },
    validate(o, _ctx, old) {
      const s = (o as ReplicaSet & KObject).spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [...nonNegative(s.replicas, 'spec.replicas'), ...nonNegative(s.minReadySeconds, 'spec.minReadySeconds')];
      errs.push(...workloadSelectorErrors(s.selector, s.template?.metadata?.labels, 'replicaset'));
      errs.push(...selectorImmutable(old, s.selector));
      if (!sameTemplate(old, s.template)) errs.push(...templateErrors(s.template, 'spec.template', !old, ['Always']));
      return errs;
    },
  },
  'apps/daemonsets': {
    defaults(o) {
      const ds = o as DaemonSet & KObject;
      ds.spec ??= { selector: {}, template: {} };
      const s = ds.spec;
      s.updateStrategy ??= {};
      s.updateStrategy.type ??= 'RollingUpdate';
      if (s.updateStrategy.type === 'RollingUpdate') {
        s.updateStrategy.rollingUpdate ??= {};
        s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
        s.updateStrategy.rollingUpdate.maxSurge ??= 0;
      }
      s.revisionHistoryLimit ??= 10;
      s.template ??= {};
      defaultTemplate(s.template);
    },
    validate(o, _ctx, old) {
      const s = (o as DaemonSet & KObject).spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [];
      errs.push(...workloadSelectorErrors(s.selector, s.template?.metadata?.labels, 'daemonset'));
      errs.push(...selectorImmutable(old, s.selector));
      if (!sameTemplate(old, s.template)) errs.push(...templateErrors(s.template, 'spec.template', !old, ['Always']));
      const us = s.updateStrategy;
      if (us?.type && us.type !== 'RollingUpdate' && us.type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']));
      const ru = us?.rollingUpdate;
      if (us?.type === 'RollingUpdate' && ru) {
        errs.push(...intOrPercentErrors(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'), ...intOrPercentErrors(ru.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
        if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) errs.push(invalidValue('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
        if (!isZero(ru.maxUnavailable) && !isZero(ru.maxSurge) && ru.maxSurge !== undefined) errs.push(invalidValue('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be set when maxSurge is set'));
        errs.push(...percentOver100(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
      }
      errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'), ...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
      return errs;
    },
  },
  'apps/statefulsets': {
    defaults(o) {
      const ss = o as StatefulSet & KObject;
      ss.spec ??= { selector: {}, template: {}, serviceName: '' };
      const s = ss.spec;
      s.replicas ??= 1;
      s.podManagementPolicy ??= 'OrderedReady';
      s.updateStrategy ??= {};
      s.updateStrategy.type ??= 'RollingUpdate';
      if (s.updateStrategy.type === 'RollingUpdate') {
        s.updateStrategy.rollingUpdate ??= {};
        s.updateStrategy.rollingUpdate.partition ??= 0;
      }
      s.revisionHistoryLimit ??= 10;
      s.persistentVolumeClaimRetentionPolicy ??= {};
      s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
      s.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
      s.template ??= {};
      defaultTemplate(s.template);
      for (const pvc of s.volumeClaimTemplates ?? []) {
        const spec = (pvc.spec ??= {});
        spec.volumeMode ??= 'Filesystem';
        (pvc as KObject).apiVersion ??= 'v1';
        (pvc as KObject).kind ??= 'PersistentVolumeClaim';
        (pvc as { status?: unknown }).status ??= { phase: 'Pending' };
      }
    },
    validate(o, _ctx, old) {
      const s = (o as StatefulSet & KObject).spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [...nonNegative(s.replicas, 'spec.replicas')];
      errs.push(...workloadSelectorErrors(s.selector, s.template?.metadata?.labels, 'statefulset'));
      // Containers may mount the claim templates by name (the controller adds those volumes to each pod).
      const claimVols = (s.volumeClaimTemplates ?? []).map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: t.metadata?.name ?? '' } }));
      const tpl = claimVols.length && s.template ? { ...s.template, spec: { ...s.template.spec!, volumes: [...(s.template.spec?.volumes ?? []).filter((v) => !claimVols.some((c) => c.name === v.name)), ...claimVols] } } : s.template;
      errs.push(...templateErrors(tpl, 'spec.template', !old, ['Always']));
      if (s.podManagementPolicy && !['OrderedReady', 'Parallel'].includes(s.podManagementPolicy)) errs.push(notSupported('spec.podManagementPolicy', s.podManagementPolicy, ['OrderedReady', 'Parallel']));
      const us = s.updateStrategy;
      if (us?.type && !['RollingUpdate', 'OnDelete'].includes(us.type)) errs.push(notSupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']));
      if (us?.type === 'OnDelete' && us.rollingUpdate) errs.push(invalidValue('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      errs.push(...nonNegative(us?.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      const rp = s.persistentVolumeClaimRetentionPolicy;
      for (const k of ['whenDeleted', 'whenScaled'] as const) if (rp?.[k] && !['Retain', 'Delete'].includes(rp[k])) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, rp[k], ['Retain', 'Delete']));
      if (old) {
        const os = (old as StatefulSet).spec!;
        const strip = (x: NonNullable<StatefulSet['spec']>) => {
          const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = x;
          return rest;
        };
        if (!deepEqual(strip(os), strip(s)))
          errs.push(forbiddenField('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
      }
      return errs;
    },
  },
};
