/** Strategies of batch/v1 kinds: Job (with its generated selector) and CronJob. */
import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import type { StrategyMap } from './index.js';
import type { KObject } from '../types.js';
import type { FieldError } from '../status.js';
import { defaultTemplate, templateErrors } from './apps.js';
import { deepEqual } from '../paths.js';
import { GoLiteral } from '../status.js';
import { immutable, invalidValue, labelSelectorErrors, nonNegative, notSupported, required, emptySelector, goSelector } from '../validation/common.js';
import { fromLabelSelector, matchesLabels } from '../selectors.js';
import { parseCron } from '../validation/cron.js';

export const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME = 'batch.kubernetes.io/job-name';

function defaultJobSpec(s: JobSpec): void {
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  s.parallelism ??= 1;
  if (s.backoffLimitPerIndex === undefined) s.backoffLimit ??= 6;
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  s.podReplacementPolicy ??= s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultTemplate(s.template);
}

function jobSpecErrors(s: JobSpec | undefined, path: string, creating: boolean): FieldError[] {
  if (!s) return [required(path)];
  const errs: FieldError[] = [
    ...nonNegative(s.parallelism, `${path}.parallelism`),
    ...nonNegative(s.completions, `${path}.completions`),
    ...nonNegative(s.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(s.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ];
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds <= 0) errs.push(invalidValue(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be greater than or equal to 1'));
  if (s.completionMode && !['NonIndexed', 'Indexed'].includes(s.completionMode)) errs.push(notSupported(`${path}.completionMode`, s.completionMode, ['NonIndexed', 'Indexed']));
  if (s.completionMode === 'Indexed' && s.completions === undefined) errs.push(required(`${path}.completions`, `when completion mode is Indexed`));
  if (s.podReplacementPolicy && !['TerminatingOrFailed', 'Failed'].includes(s.podReplacementPolicy)) errs.push(notSupported(`${path}.podReplacementPolicy`, s.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  errs.push(...templateErrors(s.template, `${path}.template`, creating, 'job'));
  return errs;
}

export const batchStrategies: StrategyMap = {
  'batch/jobs': {
    defaults(o, _ctx, old) {
      const job = o as Job & KObject;
      job.spec ??= { template: {} };
      const s = job.spec;
      if (!old && s.manualSelector !== true) {
        const uid = job.metadata?.uid ?? '';
        const name = job.metadata?.name ?? '';
        s.template ??= {};
        s.template.metadata ??= {};
        s.template.metadata.labels = { [CONTROLLER_UID]: uid, [JOB_NAME]: name, 'controller-uid': uid, 'job-name': name, ...(s.template.metadata.labels ?? {}) };
        s.selector ??= { matchLabels: { [CONTROLLER_UID]: uid } };
      }
      defaultJobSpec(s);
    },
    validate(o, _ctx, old) {
      const job = o as Job & KObject;
      const s = job.spec;
      if (!s) return [required('spec')];
      const errs = jobSpecErrors(s, 'spec', !old);
      if (!s.selector) errs.push(required('spec.selector'));
      else if (emptySelector(s.selector)) errs.push(invalidValue('spec.selector', goSelector(s.selector), 'empty selector is invalid for job'));
      else {
        errs.push(...labelSelectorErrors(s.selector, 'spec.selector'));
        if (!old && s.manualSelector !== true) {
          const uid = job.metadata?.uid;
          const ml = s.selector.matchLabels ?? {};
          if (ml[CONTROLLER_UID] !== uid || Object.keys(ml).length !== 1 || (s.selector.matchExpressions ?? []).length > 0)
            errs.push(invalidValue('spec.selector', goSelector(s.selector), '`selector` not auto-generated'));
        }
        if (!matchesLabels(fromLabelSelector(s.selector), s.template?.metadata?.labels)) errs.push(invalidValue('spec.template.metadata.labels', s.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
      }
      if (old) {
        const os = (old as Job).spec!;
        errs.push(...immutable(os.selector, s.selector, 'spec.selector'));
        errs.push(...immutable(os.completionMode, s.completionMode, 'spec.completionMode'));
        if (s.completionMode !== 'Indexed') errs.push(...immutable(os.completions, s.completions, 'spec.completions'));
        if (!deepEqual(os.template, s.template) && !(os.suspend && !(job.status as { startTime?: string } | undefined)?.startTime))
          errs.push(invalidValue('spec.template', new GoLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
      }
      return errs;
    },
  },
  'batch/cronjobs': {
    defaults(o) {
      const cj = o as CronJob & KObject;
      cj.spec ??= { schedule: '', jobTemplate: {} };
      const s = cj.spec;
      s.concurrencyPolicy ??= 'Allow';
      s.suspend ??= false;
      s.successfulJobsHistoryLimit ??= 3;
      s.failedJobsHistoryLimit ??= 1;
      s.jobTemplate ??= {};
      s.jobTemplate.metadata ??= {};
      (s.jobTemplate.metadata as { creationTimestamp?: null }).creationTimestamp ??= null;
      if (s.jobTemplate.spec) defaultTemplate(s.jobTemplate.spec.template);
    },
    validate(o, _ctx, old) {
      const cj = o as CronJob & KObject;
      const s = cj.spec;
      if (!s) return [required('spec')];
      const errs: FieldError[] = [];
      const name = cj.metadata?.name ?? '';
      if (!old && name.length > 52) errs.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
      if (!s.schedule) errs.push(required('spec.schedule'));
      else if (/^\s*(CRON_)?TZ=/.test(s.schedule)) errs.push(invalidValue('spec.schedule', s.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
      else {
        const r = parseCron(s.schedule);
        if (!r.ok) errs.push(invalidValue('spec.schedule', s.schedule, r.error));
      }
      if (s.timeZone !== undefined && !validTimeZone(s.timeZone)) errs.push(invalidValue('spec.timeZone', s.timeZone, `unknown time zone ${s.timeZone}`));
      if (s.concurrencyPolicy && !['Allow', 'Forbid', 'Replace'].includes(s.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', s.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']));
      errs.push(...nonNegative(s.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
      errs.push(...nonNegative(s.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'), ...nonNegative(s.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
      const js = s.jobTemplate?.spec;
      if (!js) errs.push(required('spec.jobTemplate.spec'));
      else {
        errs.push(...jobSpecErrors(js, 'spec.jobTemplate.spec', !old));
        if (js.manualSelector !== true && js.selector) errs.push(invalidValue('spec.jobTemplate.spec.selector', goSelector(js.selector), '`selector` will be auto-generated'));
      }
      return errs;
    },
  },
};

function validTimeZone(tz: string): boolean {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Local') return tz !== 'Local';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
